"""NumPy side of README's `metrics` comparison: NC1 = Tr(Sigma_W pinv(Sigma_B))/K of a feature file
(N, d) with labels y, read memory-mapped in blocks of 2^20 values like `ufm metrics`.

    python3 metrics_peer.py direct|proj H.npy y.npy K            -> prints mode, NC1, seconds
    python3 metrics_peer.py nc1-4 H.npy y.npy K W.npy [b.npy]    -> prints mode, NC1, NC2, NC3, NC4, seconds

direct: Sigma_W accumulated as a d x d matrix by GEMM, then np.linalg.pinv(Sigma_B) (the usual route);
proj:   the same two-pass projection on the <= K-1 eigenvectors of Sigma_B that FeatureStatistics uses;
nc1-4:  proj's NC1 and, with the classifier W (and bias b), SPEC.md 5's NC2 (ETF distance of W W^T), NC3 (Papyan's
        ||W/||W|| - C^T/||C|| ||) and NC4 (argmax (W h + b) against the nearest class mean, in the second pass).
"""
import sys
import time

import numpy as np

mode, hfile, yfile, K = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
t = time.time()
H = np.load(hfile, mmap_mode='r')
y = np.load(yfile)
N, d = H.shape
B = max(1, 2**20 // d)
S = np.zeros((K, d))
cnt = np.bincount(y, minlength=K)
for s in range(0, N, B):
    h = np.asarray(H[s:s + B], dtype=np.float64)
    for k in range(K):
        S[k] += h[y[s:s + B] == k].sum(0)
mu = S / cnt[:, None]
C = mu - S.sum(0) / N
if mode == 'direct':
    Sw = np.zeros((d, d))
    for s in range(0, N, B):
        r = np.asarray(H[s:s + B], dtype=np.float64) - mu[y[s:s + B]]
        Sw += r.T @ r
    nc1 = np.trace(Sw / N @ np.linalg.pinv(C.T @ C / K)) / K
else:
    nc4 = mode == 'nc1-4'
    if nc4:
        W = np.load(sys.argv[5])
        b = np.load(sys.argv[6]) if len(sys.argv) > 6 else np.zeros(K)
        mu2 = (mu * mu).sum(1)
        mismatched = 0
    lam, V = np.linalg.eigh(C @ C.T / K)
    keep = lam > 1e-12 * lam.max()
    U = C.T @ V[:, keep] / np.sqrt(K * lam[keep])
    tot = 0.0
    for s in range(0, N, B):
        h = np.asarray(H[s:s + B], dtype=np.float64)
        r = h - mu[y[s:s + B]]
        tot += ((r @ U) ** 2 / lam[keep]).sum()
        if nc4:
            near = (mu2 - 2.0 * (h @ mu.T)).argmin(1)
            mismatched += int(((h @ W.T + b).argmax(1) != near).sum())
    nc1 = tot / N / K
    if nc4:
        G = W @ W.T
        P = np.eye(K) - np.ones((K, K)) / K
        nc2 = np.linalg.norm(G / np.linalg.norm(G) - P / np.sqrt(K - 1))
        nc3 = np.linalg.norm(W / np.linalg.norm(W) - C / np.linalg.norm(C))
        print(mode, repr(nc1), repr(nc2), repr(nc3), repr(mismatched / N), round(time.time() - t, 3))
        sys.exit(0)
print(mode, repr(nc1), round(time.time() - t, 3))
