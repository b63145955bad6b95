#!/usr/bin/env python3
"""PyTorch peer (float64, hand-written gradient, no autograd): the same problems, start, steps and
output lines as numpy_peer.py, whose loader and driver it reuses. Threads: --threads (torch.set_num_threads)."""
import sys

import numpy as np
import torch

import numpy_peer as base


def ce_loss_grad(Z, y, N):
    Z = Z - Z.max(dim=0, keepdim=True).values
    P = torch.exp(Z)
    s = P.sum(dim=0, keepdim=True)
    cols = torch.arange(N)
    loss = float(torch.sum(torch.log(s[0]) - Z[y, cols])) / N
    P /= s
    P[y, cols] -= 1.0
    P /= N
    return loss, P


def objective_a(W, H, b, y, N, lam_b):
    Z = W @ H
    if b is not None:
        Z += b[:, None]
    f, G = ce_loss_grad(Z, y, N)
    f += 0.5 * base.LAM * float(torch.sum(W * W) + torch.sum(H * H))
    gW = G @ H.T + base.LAM * W
    gH = W.T @ G + base.LAM * H
    gb = None
    if b is not None:
        f += 0.5 * lam_b * float(torch.dot(b, b))
        gb = G.sum(dim=1) + lam_b * b
    return f, gW, gH, gb


def objective_b(Wt, H, y, N):
    f, G = ce_loss_grad(base.TAU * (Wt.T @ H), y, N)
    return f, base.TAU * (H @ G.T), base.TAU * (Wt @ G)


def step_b(state, y, N, t):
    Wt, H = state
    f, gW, gH = objective_b(Wt, H, y, N)
    for X, g in ((Wt, gW), (H, gH)):
        g -= X * torch.sum(X * g, dim=0, keepdim=True)
        X -= t * g
        X /= torch.linalg.norm(X, dim=0, keepdim=True)
    return f


def to_torch(loader):
    def load(args):
        return [None if a is None else torch.from_numpy(np.ascontiguousarray(a)) for a in loader(args)]
    return load


if __name__ == '__main__':
    threads = 1
    if '--threads' in sys.argv:
        i = sys.argv.index('--threads')
        threads = int(sys.argv[i + 1])
        del sys.argv[i:i + 2]
    torch.set_num_threads(threads)
    base.ce_loss_grad = ce_loss_grad
    base.objective_a = objective_a
    base.objective_b = objective_b
    base.step_b = step_b
    base.load = to_torch(base.load)
    base.labels = lambda N, K: torch.arange(N) % K
    sys.exit(base.main())
