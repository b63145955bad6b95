"""NumPy side of README's `metrics` comparison: NC1 = Tr(Sigma_W pinv(Sigma_B))/K of a feature file
(N, d) with labels y, read memory-mapped in blocks of 2^20 values like `ufm metrics`.

    python3 metrics_peer.py direct|proj H.npy y.npy K   -> prints mode, NC1, seconds

direct: Sigma_W accumulated as a d x d matrix by GEMM, then np.linalg.pinv(Sigma_B) (the usual route);
proj:   the same two-pass projection on the <= K-1 eigenvectors of Sigma_B that FeatureStatistics uses.
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
    lam, V = np.linalg.eigh(C @ C.T / K)
    keep = lam > 1e-12 * lam.max()
    U = C.T @ V[:, keep] / np.sqrt(K * lam[keep])
    tot = 0.0
    for s in range(0, N, B):
        r = np.asarray(H[s:s + B], dtype=np.float64) - mu[y[s:s + B]]
        tot += ((r @ U) ** 2 / lam[keep]).sum()
    nc1 = tot / N / K
print(mode, repr(nc1), round(time.time() - t, 3))
