"""PyTorch twin of the C# Adam step on burgers-1d (speed comparison, not a test).

Same work as PinnTrainer.AdamStep with the default spec: 8x20 tanh MLP on (t, x) scaled to [-1, 1],
hard transform u = -sin(pi x) + t (1 - x^2) N, residual u_t + u u_x - nu u_xx by autograd (create_graph),
mean square, backward, Adam. Usage: python3 burgers_adam_step.py [threads] [steps] [points] [float64|float32]
"""
import math
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 50
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
dtype = torch.float64 if (sys.argv[4] if len(sys.argv) > 4 else "float64") == "float64" else torch.float32
torch.set_num_threads(threads)
torch.manual_seed(0)
nu = 0.01 / math.pi
layers = [2] + [20] * 8 + [1]
params = []
for a, b in zip(layers[:-1], layers[1:]):
    w = torch.randn(a, b, dtype=dtype) * math.sqrt(2.0 / (a + b))
    params += [w.requires_grad_(), torch.zeros(b, dtype=dtype, requires_grad=True)]
opt = torch.optim.Adam(params, lr=1e-3)
pts = torch.rand(n, 2, dtype=dtype)
pts[:, 0] *= 0.99
pts[:, 1] = pts[:, 1] * 2 - 1
pts.requires_grad_(True)
shift = torch.tensor([0.495, 0.0], dtype=dtype)
scale = torch.tensor([2 / 0.99, 1.0], dtype=dtype)


def field(x):
    h = (x - shift) * scale
    for i in range(0, len(params) - 2, 2):
        h = torch.tanh(torch.addmm(params[i + 1], h, params[i]))
    out = torch.addmm(params[-1], h, params[-2])
    t, s = x[:, 0:1], x[:, 1:2]
    return -torch.sin(math.pi * s) + t * (1 - s * s) * out


def step():
    u = field(pts)
    g = torch.autograd.grad(u, pts, torch.ones_like(u), create_graph=True)[0]
    ut, ux = g[:, 0:1], g[:, 1:2]
    uxx = torch.autograd.grad(ux, pts, torch.ones_like(ux), create_graph=True)[0][:, 1:2]
    loss = (ut + u * ux - nu * uxx).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()


for _ in range(5):
    step()
start = time.perf_counter()
for _ in range(steps):
    step()
elapsed = time.perf_counter() - start
print(f"torch {torch.__version__} threads {threads} N_f {n} {dtype}: {1000 * elapsed / steps:.1f} ms per Adam step")
