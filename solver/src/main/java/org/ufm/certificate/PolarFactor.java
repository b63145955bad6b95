package org.ufm.certificate;

import org.ufm.compute.Gemm;

/**
 * The orthogonal polar factor Q = U V^T of a square d x d matrix C = U S V^T with no zero singular value, by the
 * Newton-Schulz iteration X_0 = C / ||C||_F, X_{k+1} = X_k (3 I - X_k^T X_k) / 2: it keeps the singular vectors and
 * maps each singular value s in (0, 1] by s -> s (3 - s^2) / 2, which multiplies a small s by 1.5 and converges
 * quadratically near 1, so every X_k is U f_k(S) V^T and the limit is U V^T. Two GEMMs per step on the native BLAS:
 * at d = 128, about 100 steps (a singular value at rounding level, 1e-16 of the largest, needs about 90 to reach
 * 1) take a few milliseconds, where Hipparchus's SVD, called once in a process and so run mostly by the
 * interpreter, took 0.2 to 0.8 s (JFR: 67 of the 75 samples of the distance at K=100, n=20, d=128).
 *
 * <p>Converged when ||X^T X - I||_F &lt;= {@value #TOLERANCE}; {@link #of} returns null when that does not happen
 * within {@value #MAX_STEPS} steps (a singular value 0, or below about 1e-35 of the largest, or a non-finite C):
 * the caller then uses an SVD.
 */
final class PolarFactor {

    /** Largest number of Newton-Schulz steps. */
    static final int MAX_STEPS = 200;
    /** ||X^T X - I||_F at which X is taken as orthogonal. */
    static final double TOLERANCE = 1e-13;

    private PolarFactor() {
    }

    /** Q = U V^T of the d x d column-major C (not modified), column-major, or null (see the class comment). */
    static double[] of(double[] c, int d) {
        double norm = 0.0;
        for (double v : c) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0.0) || !Double.isFinite(norm)) {
            return null;
        }
        double[] x = new double[d * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = c[i] / norm;
        }
        double[] a = new double[d * d];
        double[] next = new double[d * d];
        for (int step = 0; step < MAX_STEPS; step++) {
            // A = X^T X; B = (3 I - A) / 2 overwrites A; X <- X B
            Gemm.dgemm(true, false, d, d, d, 1.0, x, 0, d, x, 0, d, 0.0, a, 0, d);
            double off = 0.0;
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < d; i++) {
                    double e = a[i + j * d] - (i == j ? 1.0 : 0.0);
                    off += e * e;
                    a[i + j * d] = -0.5 * e + (i == j ? 1.0 : 0.0);
                }
            }
            if (!Double.isFinite(off)) {
                return null;
            }
            Gemm.dgemm(false, false, d, d, d, 1.0, x, 0, d, a, 0, d, 0.0, next, 0, d);
            double[] t = x;
            x = next;
            next = t;
            if (Math.sqrt(off) <= TOLERANCE) {
                return x;
            }
        }
        return null;
    }
}
