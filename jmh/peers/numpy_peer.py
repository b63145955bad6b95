#!/usr/bin/env python3
"""NumPy peer of the UFM benchmarks, written as a user would (ANCHORS.md problems A and B).

A: f(W,H,b) = mean_j CE(W h_j + b, y_j) + lam/2 (|W|^2 + |H|^2 + |b|^2), plain GD with a fixed step.
B: f(W,H) = mean_j CE(tau W^T h_j, y_j) on unit columns, Riemannian GD (project, step, renormalise).
Labels y_j = j mod K. The start is read from the raw little-endian float64 file the Java side wrote,
in its layout: A = [W (K x d) | H (d x N) | b], B = [W (d x K) | H (d x N)], column-major.
Prints key=value lines: final objective, median seconds per iteration; or, with --certify FSTAR,
the seconds and iterations plain GD needs to reach relative gap --gap.
"""
import argparse
import sys
import time

import numpy as np

LAM = 5e-4
TAU = 5.0


def labels(N, K):
    """y_j = j mod K."""
    return np.arange(N) % K


def load(args):
    K, d, n = args.k, args.d, args.per_class
    N = K * n
    x = np.fromfile(args.start, dtype='<f8')
    if args.model == 'ce':
        W = np.reshape(x[:K * d], (K, d), order='F').copy()
        H = np.reshape(x[K * d:K * d + d * N], (d, N), order='F').copy()
        b = x[K * d + d * N:].copy() if args.bias else None
        return [W, H, b]
    Wt = np.reshape(x[:d * K], (d, K), order='F').copy()
    H = np.reshape(x[d * K:], (d, N), order='F').copy()
    return [Wt, H]


def ce_loss_grad(Z, y, N):
    """Mean CE over columns of Z and its gradient G = (softmax - onehot)/N."""
    Z = Z - Z.max(axis=0, keepdims=True)
    P = np.exp(Z)
    s = P.sum(axis=0, keepdims=True)
    cols = np.arange(N)
    loss = float(np.sum(np.log(s[0]) - Z[y, cols])) / N
    P /= s
    P[y, cols] -= 1.0
    P /= N
    return loss, P


def objective_a(W, H, b, y, N, lam_b):
    Z = W @ H
    if b is not None:
        Z += b[:, None]
    f, G = ce_loss_grad(Z, y, N)
    f += 0.5 * LAM * (np.sum(W * W) + np.sum(H * H))
    gW = G @ H.T + LAM * W
    gH = W.T @ G + LAM * H
    gb = None
    if b is not None:
        f += 0.5 * lam_b * np.dot(b, b)
        gb = G.sum(axis=1) + lam_b * b
    return f, gW, gH, gb


def step_a(state, y, N, t):
    W, H, b = state
    f, gW, gH, gb = objective_a(W, H, b, y, N, LAM)
    W -= t * gW
    H -= t * gH
    if b is not None:
        b -= t * gb
    return f


def value_a(state, y, N):
    W, H, b = state
    return objective_a(W, H, b, y, N, LAM)[0]


def objective_b(Wt, H, y, N):
    f, G = ce_loss_grad(TAU * (Wt.T @ H), y, N)
    gW = TAU * (H @ G.T)
    gH = TAU * (Wt @ G)
    return f, gW, gH


def step_b(state, y, N, t):
    Wt, H = state
    f, gW, gH = objective_b(Wt, H, y, N)
    for X, g in ((Wt, gW), (H, gH)):
        g -= X * np.sum(X * g, axis=0, keepdims=True)
        X -= t * g
        X /= np.linalg.norm(X, axis=0, keepdims=True)
    return f


def value_b(state, y, N):
    return objective_b(state[0], state[1], y, N)[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', default='ce', choices=['ce', 'sphere'])
    ap.add_argument('--k', type=int, required=True)
    ap.add_argument('--d', type=int, required=True)
    ap.add_argument('--per-class', type=int, required=True)
    ap.add_argument('--bias', action='store_true')
    ap.add_argument('--start', required=True)
    ap.add_argument('--step', type=float, default=1.0)
    ap.add_argument('--iters', type=int, default=10)
    ap.add_argument('--repeats', type=int, default=5)
    ap.add_argument('--certify', type=float, default=None, help='f*: run plain GD to the relative gap')
    ap.add_argument('--gap', type=float, default=1e-10)
    ap.add_argument('--time-limit', type=float, default=600.0)
    ap.add_argument('--progress', type=int, default=0, help='with --certify: a progress line on stderr every this many iterations')
    args = ap.parse_args()
    N = args.k * args.per_class
    y = labels(N, args.k)
    step, value = (step_a, value_a) if args.model == 'ce' else (step_b, value_b)
    if args.certify is not None:
        fstar = args.certify
        state = load(args)
        t0 = time.perf_counter()
        it = 0
        f = value(state, y, N)
        while f - fstar > args.gap * abs(fstar) and time.perf_counter() - t0 < args.time_limit:
            f = step(state, y, N, args.step)  # f at the iterate before the step
            it += 1
            if args.progress and it % args.progress == 0:
                print('progress iterations=%d seconds=%.1f rel_gap=%.3e' % (it, time.perf_counter() - t0, (f - fstar) / abs(fstar)),
                      file=sys.stderr, flush=True)
        if f - fstar <= args.gap * abs(fstar):
            it -= 1  # the iterate that reached the gap was the one before the last step
        sec = time.perf_counter() - t0
        print('final=%.17g' % f)
        print('rel_gap=%.3g' % ((f - fstar) / abs(fstar)))
        print('iterations=%d' % it)
        print('reached=%s' % (f - fstar <= args.gap * abs(fstar)))
        print('seconds=%.6g' % sec)
        return
    times = []
    for _ in range(args.repeats):
        state = load(args)
        t0 = time.perf_counter()
        for _ in range(args.iters):
            step(state, y, N, args.step)
        times.append((time.perf_counter() - t0) / args.iters)
    times.sort()
    print('final=%.17g' % value(state, y, N))
    print('sec_per_iter=%.6g' % times[len(times) // 2])
    print('sec_per_iter_all=%s' % times)


if __name__ == '__main__':
    sys.exit(main())
