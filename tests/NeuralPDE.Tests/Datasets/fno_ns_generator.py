"""Benchmark baseline: a PyTorch generator equivalent to the FNO paper's 2-D Navier-Stokes data generator
(Li et al. 2021, section 5.3: GRF initial vorticity (-Lap + 49 I)^(-2.5), forcing 0.1 (sin 2pi(x+y) + cos 2pi(x+y)),
pseudo-spectral, Crank-Nicolson diffusion + forward-Euler advection, 2/3 dealiasing), written for this comparison.

usage: OMP_NUM_THREADS=k /usr/bin/python3 fno_ns_generator.py N BATCH SAMPLES T DT RECORD
prints samples/s of the solve (initial fields and solve; no file output), one batch at a time, and the process CPU
seconds of that part (wall time is unreliable on a shared machine).
"""
import math
import sys
import time

import torch


def initial_vorticity(batch, n, generator, alpha=2.5, tau=7.0):
    k = torch.fft.fftfreq(n, d=1.0 / n, dtype=torch.float64)
    kx, ky = torch.meshgrid(k, k, indexing="ij")
    sigma = tau ** (0.5 * (2 * alpha - 2))
    amplitude = (n * n) * math.sqrt(2.0) * sigma * (4 * math.pi ** 2 * (kx ** 2 + ky ** 2) + tau ** 2) ** (-alpha / 2.0)
    amplitude[0, 0] = 0.0
    noise = torch.randn(batch, n, n, 2, dtype=torch.float64, generator=generator)
    coefficients = torch.view_as_complex(noise) * amplitude
    return torch.fft.ifft2(coefficients).real


def solve(w0, forcing, nu, t_end, dt, record):
    n = w0.shape[-1]
    steps = int(math.ceil(t_end / dt))
    every = steps // record
    w_h = torch.fft.rfft2(w0)
    f_h = torch.fft.rfft2(forcing)
    kx = torch.fft.fftfreq(n, d=1.0 / n, dtype=torch.float64).reshape(n, 1).expand(n, n // 2 + 1)
    ky = torch.fft.rfftfreq(n, d=1.0 / n, dtype=torch.float64).reshape(1, n // 2 + 1).expand(n, n // 2 + 1)
    lap = 4 * math.pi ** 2 * (kx ** 2 + ky ** 2)
    lap[0, 0] = 1.0
    keep = ((kx.abs() <= (2.0 / 3.0) * (n // 2)) & (ky.abs() <= (2.0 / 3.0) * (n // 2))).to(torch.float64)
    out = torch.zeros(w0.shape[0], record + 1, n, n, dtype=torch.float64)
    out[:, 0] = w0
    implicit = 1 + 0.5 * dt * nu * lap
    explicit = 1 - 0.5 * dt * nu * lap
    for step in range(1, steps + 1):
        psi_h = w_h / lap
        u = torch.fft.irfft2(2j * math.pi * ky * psi_h, s=(n, n))
        v = torch.fft.irfft2(-2j * math.pi * kx * psi_h, s=(n, n))
        wx = torch.fft.irfft2(2j * math.pi * kx * w_h, s=(n, n))
        wy = torch.fft.irfft2(2j * math.pi * ky * w_h, s=(n, n))
        advection_h = torch.fft.rfft2(u * wx + v * wy) * keep
        w_h = (-dt * advection_h + dt * f_h + explicit * w_h) / implicit
        if step % every == 0:
            out[:, step // every] = torch.fft.irfft2(w_h, s=(n, n))
    return out


def main():
    n, batch, samples = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    t_end, dt, record = float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
    x = torch.arange(n, dtype=torch.float64) / n
    xx, yy = torch.meshgrid(x, x, indexing="ij")
    forcing = 0.1 * (torch.sin(2 * math.pi * (xx + yy)) + torch.cos(2 * math.pi * (xx + yy)))
    generator = torch.Generator().manual_seed(0)
    start = time.perf_counter()
    cpu_start = time.process_time()
    done = 0
    while done < samples:
        b = min(batch, samples - done)
        w = solve(initial_vorticity(b, n, generator), forcing, 1e-3, t_end, dt, record)
        assert torch.isfinite(w).all()
        done += b
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(f"torch {torch.__version__} threads {torch.get_num_threads()} n {n} batch {batch} samples {samples} T {t_end} dt {dt}: "
          f"{seconds:.6f} s, {samples / seconds:.3f} samples/s, cpu {cpu:.6f} s")


if __name__ == "__main__":
    main()
