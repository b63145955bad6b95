#!/usr/bin/python3
"""Time to a relative gap of the CE UFM with what a user would pick: SciPy L-BFGS-B or PyTorch LBFGS.

Problem (--model ce): K classes of n samples (y_j = j mod K), d features, CE + weight decay lam on W, H, b:
    f = (1/N) sum_j CE(W h_j + b, y_j) + lam/2 (||W||^2 + ||H||^2 + ||b||^2)
Start: W, H ~ N(0, 1), b = 0 (seed --seed).
Problem (--model sphere, SPEC 2.3): unit columns w_k, h_j in R^d, f = (1/N) sum_j CE(tau W^T h_j, y_j). SciPy and
PyTorch have no sphere constraint, so the peer does what a user of them would: optimise unconstrained U, V with
W = U / ||U||_col and H = V / ||V||_col (the gradient through the normalisation, (I - w w^T) g / ||u||);
start U, V ~ N(0, 1). Stops when (f - f*)/f* <= --gap (f* given, the closed form)
or at --time-limit. Prints one JSON line: impl, iterations, evaluations, seconds (solve only, from the
first evaluation), gap reached, and the BLAS kernel read back with threadpoolctl.

  /usr/bin/python3 jmh/peers/lbfgs_peer.py --impl scipy|torch [--model ce|sphere --tau 5] --k 100 --per-class 20 --d 128 --fstar F [--seeds S]

With --seeds S it solves seeds --seed, --seed + 1, ... one after another in this process (a JSON line each, with its
seed), as a user's loop over the cells of a sweep would (jmh/compare-sweep.sh).
"""
import argparse
import json
import time

import numpy as np


class Reached(Exception):
    pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--impl', choices=['scipy', 'torch'], required=True)
    ap.add_argument('--model', choices=['ce', 'sphere'], default='ce')
    ap.add_argument('--tau', type=float, default=5.0)
    ap.add_argument('--k', type=int, required=True)
    ap.add_argument('--per-class', type=int, required=True)
    ap.add_argument('--d', type=int, required=True)
    ap.add_argument('--lam', type=float, default=5e-4)
    ap.add_argument('--fstar', type=float, required=True)
    ap.add_argument('--gap', type=float, default=1e-10)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--seeds', type=int, default=1, help='solve seeds seed, seed+1, ... in turn, a JSON line each')
    ap.add_argument('--time-limit', type=float, default=600.0)
    a = ap.parse_args()
    if a.seeds < 1:
        ap.error(f'--seeds must be >= 1, got {a.seeds}')
    for seed in range(a.seed, a.seed + a.seeds):
        # each seed a solve of its own in this one process: the interpreter, NumPy / torch and the BLAS load once,
        # as in a user's loop over the cells of a sweep (compare-sweep.sh)
        solve(a, seed)


def solve(a, seed):
    """One solve from the start drawn with seed; prints its JSON line."""
    K, d, N, lam = a.k, a.d, a.k * a.per_class, a.lam
    y = np.arange(N) % K
    idx = np.arange(N)
    rng = np.random.default_rng(seed)
    sphere = a.model == 'sphere'
    tau = a.tau
    if sphere:
        x0 = np.concatenate([rng.standard_normal(d * K), rng.standard_normal(d * N)])
    else:
        x0 = np.concatenate([rng.standard_normal(K * d), rng.standard_normal(d * N), np.zeros(K)])
    state = {'evals': 0, 'iters': 0, 'best': np.inf, 't0': None, 'hit': None, 'calls': 0}

    def check(f):
        state['best'] = min(state['best'], f)
        if state['hit'] is None and (f - a.fstar) / abs(a.fstar) <= a.gap:
            state['hit'] = (time.perf_counter() - state['t0'], state['iters'], state['evals'])
            raise Reached()
        if time.perf_counter() - state['t0'] > a.time_limit:
            raise Reached()

    if a.impl == 'scipy':
        from scipy.optimize import minimize

        def fg_sphere(x):
            U = x[:d * K].reshape(d, K)  # column k is u_k (Fortran-free: row-major d x K, columns are classes)
            V = x[d * K:].reshape(d, N)
            ru = np.sqrt((U * U).sum(axis=0))
            rv = np.sqrt((V * V).sum(axis=0))
            W = U / ru
            H = V / rv
            Z = tau * (W.T @ H)
            Z -= Z.max(axis=0)
            zy = Z[y, idx]
            np.exp(Z, out=Z)
            s = Z.sum(axis=0)
            f = (np.log(s) - zy).mean()
            Z *= 1.0 / (N * s)
            Z[y, idx] -= 1.0 / N
            gW = tau * (H @ Z.T)  # d x K
            gH = tau * (W @ Z)  # d x N
            gU = (gW - W * (W * gW).sum(axis=0)) / ru
            gV = (gH - H * (H * gH).sum(axis=0)) / rv
            return f, np.concatenate([gU.ravel(), gV.ravel()])

        def fg_point(x):
            state['calls'] += 1
            if sphere:
                return fg_sphere(x)
            W = x[:K * d].reshape(K, d)
            H = x[K * d:K * d + d * N].reshape(d, N)
            b = x[K * d + d * N:]
            Z = W @ H
            Z += b[:, None]
            Z -= Z.max(axis=0)
            zy = Z[y, idx]
            np.exp(Z, out=Z)
            s = Z.sum(axis=0)
            f = (np.log(s) - zy).mean() + 0.5 * lam * (x @ x)
            Z *= 1.0 / (N * s)
            Z[y, idx] -= 1.0 / N
            g = np.empty_like(x)
            g[:K * d] = (Z @ H.T + lam * W).ravel()
            g[K * d:K * d + d * N] = (W.T @ Z + lam * H).ravel()
            g[K * d + d * N:] = Z.sum(axis=1) + lam * b
            return f, g

        def fg(x):
            if state['t0'] is None:
                state['t0'] = time.perf_counter()
            state['evals'] += 1
            f, g = fg_point(x)
            # the gap is tested at every evaluation, where f is free (as for torch below); an earlier version
            # evaluated f once more in the callback, which added an evaluation per iteration to the process time
            check(f)
            return f, g

        def cb(xk):
            state['iters'] += 1

        try:
            res = minimize(fg, x0, jac=True, method='L-BFGS-B', callback=cb,
                     options={'maxiter': 100000, 'maxfun': 1000000, 'gtol': 0.0, 'ftol': 0.0})
            state['message'] = str(res.message)
        except Reached:
            pass
    else:
        import torch
        torch.set_default_dtype(torch.float64)
        yt = torch.tensor(y)
        if sphere:
            U = torch.tensor(x0[:d * K].reshape(d, K), requires_grad=True)
            V = torch.tensor(x0[d * K:].reshape(d, N), requires_grad=True)
            params = [U, V]

            def objective():
                state['calls'] += 1
                Wn = torch.nn.functional.normalize(U, dim=0)
                Hn = torch.nn.functional.normalize(V, dim=0)
                return torch.nn.functional.cross_entropy((tau * (Wn.T @ Hn)).T, yt)
        else:
            W = torch.tensor(x0[:K * d].reshape(K, d), requires_grad=True)
            H = torch.tensor(x0[K * d:K * d + d * N].reshape(d, N), requires_grad=True)
            b = torch.zeros(K, requires_grad=True)
            params = [W, H, b]

            def objective():
                state['calls'] += 1
                return torch.nn.functional.cross_entropy((W @ H + b[:, None]).T, yt) \
                    + 0.5 * lam * (W.pow(2).sum() + H.pow(2).sum() + b.pow(2).sum())
        opt = torch.optim.LBFGS(params, lr=1, max_iter=1000000, history_size=10, tolerance_grad=0.0,
                                tolerance_change=0.0, line_search_fn='strong_wolfe')

        def closure():
            if state['t0'] is None:
                state['t0'] = time.perf_counter()
            state['evals'] += 1
            opt.zero_grad()
            f = objective()
            f.backward()
            # torch's LBFGS has no per-iteration hook: test the gap at every evaluation (its f is free)
            check(f.item())
            return f

        try:
            opt.step(closure)
        except Reached:
            pass
        state['iters'] = opt.state[opt._params[0]].get('n_iter', 0)
        if state['hit'] is not None:
            state['hit'] = (state['hit'][0], state['iters'], state['hit'][2])
    try:
        from threadpoolctl import threadpool_info
        kernel = [i.get('architecture') for i in threadpool_info() if i.get('internal_api') == 'openblas']
    except ImportError:
        kernel = None
    hit = state['hit']
    print(json.dumps({'impl': a.impl, 'seed': seed, 'model': a.model, 'K': K, 'n': a.per_class, 'd': d, 'reached': hit is not None,
                      'seconds': hit[0] if hit else None, 'iterations': hit[1] if hit else state['iters'],
                      'evaluations': hit[2] if hit else state['evals'],
                      # every evaluation of the objective the process made: compare-lbfgs.sh refuses a peer whose
                      # process evaluated more than it reports (a hidden evaluation once flattered our ratios)
                      'objectiveCalls': state['calls'],
                      'bestRelativeGap': (state['best'] - a.fstar) / abs(a.fstar), 'openblasKernel': kernel, 'message': state.get('message')}))


if __name__ == '__main__':
    main()
