package org.ufm.metric;

/**
 * Margins of the unconstrained layer-peeled model (Ji et al. 2110.02796, SPEC.md 1c): per-sample margin
 * q_j = w_{y_j}^T h_j - max_{k != y_j} w_k^T h_j, q_min = min_j q_j, and the normalised margin
 * gamma = q_min / (||W||_F^2 + ||H||_F^2), which is invariant to (W, H) -> (a W, a H). For K balanced classes
 * of n samples the min-norm separating solution has ||W||_F^2 + ||H||_F^2 = 2(K-1) sqrt(n) and all margins 1,
 * so gamma &lt;= gamma* = 1/(2(K-1) sqrt n), the limit of gradient descent on the unregularised CE.
 */
public final class Margins {

    private Margins() {
    }

    /** The smallest margin q_min over the samples; W as K rows, H as N columns (N x d), labels y. */
    public static double minimum(double[][] w, double[][] h, int[] y) {
        int k = w.length;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < h.length; j++) {
            double own = dot(w[y[j]], h[j]);
            double other = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != y[j]) {
                    other = Math.max(other, dot(w[c], h[j]));
                }
            }
            min = Math.min(min, own - other);
        }
        return min;
    }

    /** gamma = q_min / (||W||_F^2 + ||H||_F^2) (NaN at W = H = 0). */
    public static double normalized(double[][] w, double[][] h, int[] y) {
        return minimum(w, h, y) / (squaredNorm(w) + squaredNorm(h));
    }

    /** 2(K-1) sqrt(n): the minimal ||W||_F^2 + ||H||_F^2 subject to all margins >= 1 (balanced classes). */
    public static double minNormValue(int k, int n) {
        return 2.0 * (k - 1) * Math.sqrt(n);
    }

    /** gamma* = 1/(2(K-1) sqrt n): the largest normalised margin, approached but not reached by gradient flow. */
    public static double limit(int k, int n) {
        return 1.0 / minNormValue(k, n);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double squaredNorm(double[][] a) {
        double s = 0.0;
        for (double[] r : a) {
            s += dot(r, r);
        }
        return s;
    }
}
