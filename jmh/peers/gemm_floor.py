#!/usr/bin/python3
"""The floor under one plain-GD iteration of the UFM on this machine's BLAS, measured with NumPy.

Any implementation that forms the logits Z = W H (K x d times d x N), the gradient in W, G H^T (K x N times N x d),
and the gradient in H, W^T G (d x K times K x N), pays at least those three GEMMs (6 K d N flops) and the K N
exponentials of the soft-max. This times exactly that work with NumPy on the OpenBLAS it loads (the kernel read back
with threadpoolctl), at the problem's own shapes, the best of --repeats after one untimed call each, on --threads
BLAS threads, and the DGEMM rate at 4096^3 as the machine's peak. Prints one JSON line.

  /usr/bin/python3 jmh/peers/gemm_floor.py --k 100 --d 128 --n 10000 [--threads 2] [--repeats 7] [--no-peak]
"""
import argparse
import json
import time

import numpy as np


def best_of(fn, repeats):
    fn()
    best = float('inf')
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--k', type=int, required=True)
    ap.add_argument('--d', type=int, required=True)
    ap.add_argument('--n', type=int, required=True, help='samples N (not per class)')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--repeats', type=int, default=7)
    ap.add_argument('--no-peak', action='store_true', help='skip the 4096^3 DGEMM')
    a = ap.parse_args()
    for name in ('k', 'd', 'n', 'threads', 'repeats'):
        if getattr(a, name) < 1:
            ap.error(f'--{name} must be >= 1, got {getattr(a, name)}')
    from threadpoolctl import threadpool_info, threadpool_limits
    K, d, N = a.k, a.d, a.n
    rng = np.random.default_rng(0)
    W = rng.standard_normal((K, d))
    H = rng.standard_normal((d, N))
    G = rng.standard_normal((K, N)) * 1e-3
    Z = np.empty((K, N))
    gW = np.empty((K, d))
    gH = np.empty((d, N))
    out = {'K': K, 'd': d, 'N': N, 'threads': a.threads}
    with threadpool_limits(limits=a.threads, user_api='blas'):
        t_logits = best_of(lambda: np.matmul(W, H, out=Z), a.repeats)
        t_gw = best_of(lambda: np.matmul(G, H.T, out=gW), a.repeats)
        t_gh = best_of(lambda: np.matmul(W.T, G, out=gH), a.repeats)
        E = np.empty((K, N))
        t_exp = best_of(lambda: np.exp(G, out=E), a.repeats)
        flop = 2.0 * K * d * N
        out.update({'logits_s': t_logits, 'gradW_s': t_gw, 'gradH_s': t_gh, 'exp_s': t_exp,
                    'gemms_s': t_logits + t_gw + t_gh, 'floor_s': t_logits + t_gw + t_gh + t_exp,
                    'gflops': [flop / t / 1e9 for t in (t_logits, t_gw, t_gh)]})
        if not a.no_peak:
            n = 4096
            A = rng.standard_normal((n, n))
            B = rng.standard_normal((n, n))
            C = np.empty((n, n))
            t_peak = best_of(lambda: np.matmul(A, B, out=C), 3)
            out['peak_gflops'] = 2.0 * n ** 3 / t_peak / 1e9
            out['floor_at_peak_s'] = 3 * flop / (out['peak_gflops'] * 1e9) + t_exp
        out['openblasKernel'] = [i.get('architecture') for i in threadpool_info() if i.get('internal_api') == 'openblas']
    print(json.dumps(out))


if __name__ == '__main__':
    main()
