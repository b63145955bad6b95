package org.ufm.kernel;

/**
 * Column kernels of the softmax cross-entropy, written in plain Java so that KeY can read them.
 *
 * <p>A column is the slice {@code z[off], ..., z[off+len-1]} of a column-major K x N array. Every
 * routine shifts by the column maximum, so no {@code exp} ever overflows, and forms the true-class
 * gradient entry {@code p_y - 1} as {@code -sum_{j != y} p_j} (SPEC.md section 7, pitfall 1), so the
 * gradient keeps its relative accuracy when the loss is below machine epsilon.
 */
public final class SoftmaxKernels {

    private SoftmaxKernels() {
    }

    /** Index (relative to {@code off}) of the largest entry of the column; the first one on ties. */
    public static int argMax(double[] z, int off, int len) {
        int best = 0;
        double m = z[off];
        for (int i = 1; i < len; i++) {
            if (z[off + i] > m) {
                m = z[off + i];
                best = i;
            }
        }
        return best;
    }

    /** log sum_i exp(z_i) over the column, computed as z_max + log1p(sum_{i != max} exp(z_i - z_max)). */
    public static double logSumExp(double[] z, int off, int len) {
        int m = argMax(z, off, len);
        double zm = z[off + m];
        double s = 0.0;
        for (int i = 0; i < len; i++) {
            if (i != m) {
                s += Math.exp(z[off + i] - zm);
            }
        }
        return zm + Math.log1p(s);
    }

    /**
     * Writes p = softmax(z) of the column into {@code p[poff..poff+len)}; every entry lies in [0, 1].
     * Returns the log-sum-exp of the column.
     */
    public static double softmax(double[] z, int off, int len, double[] p, int poff) {
        int m = argMax(z, off, len);
        double zm = z[off + m];
        double s = 0.0;
        for (int i = 0; i < len; i++) {
            if (i != m) {
                double e = Math.exp(z[off + i] - zm);
                p[poff + i] = e;
                s += e;
            }
        }
        double inv = 1.0 / (1.0 + s);
        for (int i = 0; i < len; i++) {
            if (i != m) {
                p[poff + i] = p[poff + i] * inv;
            }
        }
        p[poff + m] = inv;
        return zm + Math.log1p(s);
    }

    /**
     * Cross-entropy of one column with label {@code y}, L = log sum_j exp(z_j) - z_y, evaluated as
     * -log1p(-sum_{j != y} p_j) when y is the argmax (full relative accuracy for losses far below machine
     * epsilon) and as (z_max - z_y) + (lse - z_max) otherwise; writes {@code scale * (p - e_y)} into
     * {@code g[goff..goff+len)} with the true-class entry formed as {@code -scale * sum_{j != y} p_j}.
     */
    public static double crossEntropyGradient(double[] z, int off, int len, int y, double scale,
                                              double[] g, int goff) {
        double lse = softmax(z, off, len, g, goff);
        double rest = 0.0;
        for (int j = 0; j < len; j++) {
            if (j != y) {
                rest += g[goff + j];
                g[goff + j] = scale * g[goff + j];
            }
        }
        g[goff + y] = -scale * rest;
        int m = argMax(z, off, len);
        if (m == y) {
            return -Math.log1p(-rest);
        }
        return (z[off + m] - z[off + y]) + (lse - z[off + m]);
    }

    /**
     * Softmax Jacobian times a direction for one column: out = scale * (diag(p) - p p^T) dz, evaluated
     * as out_i = scale * p_i * ((dz_i - dz_m) - sum_{j != m} p_j (dz_j - dz_m)) with m = argmax p, so no
     * entry suffers the cancellation of p_m (dz_m - p^T dz) when p_m is close to 1.
     */
    public static void softmaxJacobianTimes(double[] p, int poff, double[] dz, int dzoff, int len,
                                            double scale, double[] out, int ooff) {
        int m = argMax(p, poff, len);
        double dm = dz[dzoff + m];
        double c = 0.0;
        for (int j = 0; j < len; j++) {
            if (j != m) {
                c += p[poff + j] * (dz[dzoff + j] - dm);
            }
        }
        for (int i = 0; i < len; i++) {
            out[ooff + i] = scale * p[poff + i] * ((dz[dzoff + i] - dm) - c);
        }
    }
}
