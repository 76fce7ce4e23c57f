"""An independent PyTorch Fourier neural operator with NeuralPDE's architecture, used to cross-check it.

  parity  STATE.dat IO.dat OUT.dat   load our exported weights and a tensor file holding 'input', write 'output'
  bench   --dim D --threads N ...    training samples/s with Adam on random data (prints one JSON line)
  roundtrip STATE.dat OUT.dat        read our weights into this model and write them back through its own state dict

The spectral convolution here multiplies complex (cfloat) weights with einsum, as in Li et al.'s reference code;
NeuralPDE stores them as real [..., 2] tensors, converted with torch.view_as_complex / view_as_real.
"""
import argparse
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import statedict


class SpectralConv(nn.Module):
    def __init__(self, cin, cout, modes):
        super().__init__()
        self.cin, self.cout, self.modes = cin, cout, list(modes)
        scale = 1.0 / (cin * cout)
        self.weights = nn.ParameterList(
            [nn.Parameter(scale * torch.rand(cin, cout, *modes, dtype=torch.cfloat)) for _ in range(2 ** (len(modes) - 1))])

    def _corner(self, c):
        d = len(self.modes)
        index = [slice(None), slice(None)]
        for k, m in enumerate(self.modes):
            index.append(slice(-m, None) if k < d - 1 and (c >> k) & 1 else slice(0, m))
        return tuple(index)

    def forward(self, x):
        d = len(self.modes)
        dims = tuple(range(-d, 0))
        xf = torch.fft.rfftn(x, dim=dims)
        out = torch.zeros(x.shape[0], self.cout, *x.shape[2:-1], x.shape[-1] // 2 + 1, dtype=torch.cfloat)
        for c, w in enumerate(self.weights):
            index = self._corner(c)
            out[index] = torch.einsum("bi...,io...->bo...", xf[index], w)
        return torch.fft.irfftn(out, s=x.shape[2:], dim=dims)


def conv(cin, cout, d):
    return {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}[d](cin, cout, 1)


class Fno(nn.Module):
    def __init__(self, cin, cout, width, modes, layers, proj=128, padding=None, grid=True):
        super().__init__()
        d = len(modes)
        self.d, self.grid = d, grid
        self.padding = list(padding or [0] * d)
        self.fc0 = conv(cin + (d if grid else 0), width, d)
        self.spectral = nn.ModuleList([SpectralConv(width, width, modes) for _ in range(layers)])
        self.w = nn.ModuleList([conv(width, width, d) for _ in range(layers)])
        self.fc1 = conv(width, proj, d)
        self.fc2 = conv(proj, cout, d)

    def forward(self, x):
        sizes = x.shape[2:]
        if self.grid:
            axes = [torch.linspace(0, 1, n) for n in sizes]
            mesh = torch.meshgrid(*axes, indexing="ij")
            g = torch.stack(mesh, 0).unsqueeze(0).expand(x.shape[0], -1, *sizes)
            x = torch.cat([x, g], 1)
        x = self.fc0(x)
        if any(self.padding):
            pad = []
            for p in reversed(self.padding):
                pad += [0, p]
            x = F.pad(x, pad)
        n = len(self.spectral)
        for l in range(n):
            x = self.spectral[l](x) + self.w[l](x)
            if l < n - 1:
                x = F.gelu(x)
        if any(self.padding):
            x = x[(slice(None), slice(None)) + tuple(slice(0, s) for s in sizes)]
        return self.fc2(F.gelu(self.fc1(x)))

    # --- NeuralPDE state-dict names <-> this module ---
    def load_neuralpde(self, sd):
        with torch.no_grad():
            self.fc0.weight.copy_(sd["lift.weight"]); self.fc0.bias.copy_(sd["lift.bias"])
            self.fc1.weight.copy_(sd["project.weight"]); self.fc1.bias.copy_(sd["project.bias"])
            self.fc2.weight.copy_(sd["output.weight"]); self.fc2.bias.copy_(sd["output.bias"])
            for l in range(len(self.spectral)):
                for c, w in enumerate(self.spectral[l].weights):
                    w.copy_(torch.view_as_complex(sd[f"layers.{l}.spectral.weight{c}"].contiguous()))
                self.w[l].weight.copy_(sd[f"layers.{l}.pointwise.weight"])
                self.w[l].bias.copy_(sd[f"layers.{l}.pointwise.bias"])

    def neuralpde_state(self):
        sd = {"lift.weight": self.fc0.weight, "lift.bias": self.fc0.bias}
        for l in range(len(self.spectral)):
            for c, w in enumerate(self.spectral[l].weights):
                sd[f"layers.{l}.spectral.weight{c}"] = torch.view_as_real(w.detach()).contiguous()
            sd[f"layers.{l}.pointwise.weight"] = self.w[l].weight
            sd[f"layers.{l}.pointwise.bias"] = self.w[l].bias
        sd.update({"project.weight": self.fc1.weight, "project.bias": self.fc1.bias,
                   "output.weight": self.fc2.weight, "output.bias": self.fc2.bias})
        return sd


def from_state(sd):
    """Builds the model whose shapes match a NeuralPDE state dict."""
    lift = sd["lift.weight"]
    d = lift.dim() - 2
    width = lift.shape[0]
    layers = len([k for k in sd if k.endswith(".spectral.weight0")])
    modes = list(sd["layers.0.spectral.weight0"].shape[2:-1])
    cout, proj = sd["output.weight"].shape[0], sd["project.weight"].shape[0]
    return d, width, layers, modes, cout, proj, lift.shape[1]


def parity(args):
    sd = statedict.read(args[0])
    io_ = statedict.read(args[1])
    meta = json.loads(args[3]) if len(args) > 3 else {}
    d, width, layers, modes, cout, proj, lift_in = from_state(sd)
    grid = meta.get("grid", True)
    cin = lift_in - (d if grid else 0)
    model = Fno(cin, cout, width, modes, layers, proj, meta.get("padding"), grid)
    model.load_neuralpde(sd)
    with torch.no_grad():
        y = model(io_["input"])
    statedict.write(args[2], {"output": y})


def roundtrip(args):
    sd = statedict.read(args[0])
    d, width, layers, modes, cout, proj, lift_in = from_state(sd)
    model = Fno(lift_in - d, cout, width, modes, layers, proj)
    model.load_neuralpde(sd)
    statedict.write(args[1], model.neuralpde_state())


def bench(argv):
    p = argparse.ArgumentParser()
    p.add_argument("--dim", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--width", type=int, default=64)
    p.add_argument("--modes", type=int, default=16)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--batch", type=int, default=20)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Fno(1, 1, a.width, [a.modes] * a.dim, a.layers)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    shape = [a.batch, 1] + [a.size] * a.dim
    x, y = torch.randn(shape), torch.randn(shape)

    def step():
        opt.zero_grad()
        out = model(x)
        diff = torch.linalg.vector_norm((out - y).reshape(a.batch, -1), dim=1)
        loss = (diff / torch.linalg.vector_norm(y.reshape(a.batch, -1), dim=1)).mean()
        loss.backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    start = time.perf_counter()
    for _ in range(a.steps):
        step()
    seconds = time.perf_counter() - start
    print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "seconds": seconds, "steps": a.steps, "samplesPerSecond": a.steps * a.batch / seconds}))


if __name__ == "__main__":
    command, rest = sys.argv[1], sys.argv[2:]
    {"parity": parity, "roundtrip": roundtrip, "bench": bench}[command](rest)
