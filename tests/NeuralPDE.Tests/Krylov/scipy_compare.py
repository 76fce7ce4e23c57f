#!/usr/bin/python3
"""Times SciPy's gmres(restart=40) and gcrotmk (with and without recycling across systems) on the systems written by
`neuralpde bench krylov --export-dir DIR` (A_i.mtx, b_i.mtx, order_sorted.txt). Usage:
    /usr/bin/python3 scipy_compare.py DIR [TOL] [COUNT]
Reports total seconds (solves only; reading the files excluded), mean iterations (matrix-vector products for gmres)
and the max true relative residual."""
import sys, time, os
import numpy as np
import scipy, scipy.io, scipy.sparse.linalg as sla

folder = sys.argv[1]
tol = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-8
count = int(sys.argv[3]) if len(sys.argv) > 3 else None
names = sorted(f for f in os.listdir(folder) if f.startswith("A_"))
if count:
    names = names[:count]
systems = []
for name in names:
    a = scipy.sparse.csr_matrix(scipy.io.mmread(os.path.join(folder, name)))
    b = np.asarray(scipy.io.mmread(os.path.join(folder, "b_" + name[2:]))).ravel()
    systems.append((a, b))
order = [int(l) for l in open(os.path.join(folder, "order_sorted.txt")) if l.strip()]
order = [i for i in order if i < len(systems)]
print(f"scipy {scipy.__version__}, numpy {np.__version__}: {len(systems)} systems of {systems[0][0].shape[0]} unknowns, tol {tol:g}")

def run(label, solve, seq):
    total, its, worst = 0.0, 0, 0.0
    for i in seq:
        a, b = systems[i]
        counter = [0]
        t = time.perf_counter()
        x = solve(a, b, counter)
        total += time.perf_counter() - t
        its += counter[0]
        worst = max(worst, np.linalg.norm(b - a @ x) / np.linalg.norm(b))
    print(f"{label:40s} {total:9.2f} s  mean its {its / len(seq):8.1f}  max relres {worst:.2e}", flush=True)

def gmres(a, b, c):
    x, info = sla.gmres(a, b, tol=tol, atol=0.0, restart=40, maxiter=5000, callback=lambda r: c.__setitem__(0, c[0] + 1), callback_type="pr_norm")
    return x

def gcrot(cu, discard):
    def solve(a, b, c):
        def mv(v):
            c[0] += 1
            return a @ v
        op = sla.LinearOperator(a.shape, matvec=mv, dtype=float)
        x, info = sla.gcrotmk(op, b, tol=tol, atol=0.0, m=20, k=20, maxiter=5000, CU=cu, discard_C=discard)
        return x
    return solve

natural = list(range(len(systems)))
run("scipy gmres(restart=40)", gmres, natural)
run("scipy gcrotmk(m=20,k=20) no recycling", lambda a, b, c: gcrot(None, False)(a, b, c), natural)
run("scipy gcrotmk(m=20,k=20) recycled, sorted", gcrot([], True), order)  # matrices change: keep U, recompute C
