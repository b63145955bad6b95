package org.ufm.certificate;

import org.ufm.compute.Gemm;

/**
 * The polar factor Q = U V^T of an r x d matrix C = U S V^T (r &lt;= d) with no zero singular value, Q with orthonormal
 * rows, by the Newton-Schulz iteration X_0 = C / ||C||_F, X_{k+1} = (3 I - X_k X_k^T) X_k / 2: it keeps the singular
 * vectors and maps each singular value s in (0, 1] by s -> s (3 - s^2) / 2, which multiplies a small s by 1.5 and
 * converges quadratically near 1, so every X_k is U f_k(S) V^T and the limit is U V^T. Two GEMMs per step on the
 * native BLAS (r x r x d each). A well-conditioned C takes about 10 steps; a singular value at rounding level, 1e-16
 * of the largest, needs about 90. The distance to the minimiser passes the r x d product of a minimiser supported on
 * r = rank coordinates, which has no such singular value ({@link OptimumDistance}). Where Hipparchus's SVD, called
 * once in a process and so run mostly by the interpreter, took 0.2 to 0.8 s at d = 128, this takes milliseconds.
 *
 * <p>Converged when ||X X^T - I||_F &lt;= {@value #TOLERANCE}; {@link #of} returns null when that does not happen
 * within {@value #MAX_STEPS} steps (a singular value 0, or below about 1e-35 of the largest, or a non-finite C):
 * the caller then uses an SVD.
 */
final class PolarFactor {

    /** Largest number of Newton-Schulz steps. */
    static final int MAX_STEPS = 200;
    /** ||X X^T - I||_F at which X is taken as having orthonormal rows. */
    static final double TOLERANCE = 1e-13;

    private PolarFactor() {
    }

    /** Q = U V^T of the square d x d column-major C (not modified), column-major, or null (see the class comment). */
    static double[] of(double[] c, int d) {
        return of(c, d, d);
    }

    /** Q = U V^T of the r x d column-major C (r &lt;= d, not modified), r x d column-major, or null. */
    static double[] of(double[] c, int r, int d) {
        if (r > d) {
            throw new IllegalArgumentException("need r <= d, got r=" + r + ", d=" + d);
        }
        double norm = 0.0;
        for (double v : c) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0.0) || !Double.isFinite(norm)) {
            return null;
        }
        double[] x = new double[r * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = c[i] / norm;
        }
        double[] a = new double[r * r];
        double[] next = new double[r * d];
        for (int step = 0; step < MAX_STEPS; step++) {
            // A = X X^T; B = (3 I - A) / 2 overwrites A; X <- B X
            Gemm.dgemm(false, true, r, r, d, 1.0, x, 0, r, x, 0, r, 0.0, a, 0, r);
            double off = 0.0;
            for (int j = 0; j < r; j++) {
                for (int i = 0; i < r; i++) {
                    double e = a[i + j * r] - (i == j ? 1.0 : 0.0);
                    off += e * e;
                    a[i + j * r] = -0.5 * e + (i == j ? 1.0 : 0.0);
                }
            }
            if (!Double.isFinite(off)) {
                return null;
            }
            Gemm.dgemm(false, false, r, d, r, 1.0, a, 0, r, x, 0, r, 0.0, next, 0, r);
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
