package org.ufm.kernel;

/**
 * Column kernels of the unit sphere S^{d-1} embedded in R^d, the factor of the oblique manifold.
 * A column is the slice {@code x[off], ..., x[off+len-1]}; plain Java so that KeY can read it.
 */
public final class SphereKernels {

    private SphereKernels() {
    }

    /** Euclidean inner product a^T b of two columns of length {@code len}. */
    public static double dot(double[] a, int aoff, double[] b, int boff, int len) {
        double s = 0.0;
        for (int i = 0; i < len; i++) {
            s += a[aoff + i] * b[boff + i];
        }
        return s;
    }

    /** Squared Euclidean norm of a column, a sum of squares (never negative). */
    public static double normSquared(double[] a, int aoff, int len) {
        double s = 0.0;
        for (int i = 0; i < len; i++) {
            s += a[aoff + i] * a[aoff + i];
        }
        return s;
    }

    /**
     * Tangent projection at a unit column x: out = u - (x^T u) x, so x^T out = 0 up to rounding.
     * {@code out} may alias {@code u}.
     */
    public static void project(double[] x, int xoff, double[] u, int uoff, double[] out, int ooff, int len) {
        double c = dot(x, xoff, u, uoff, len);
        for (int i = 0; i < len; i++) {
            out[ooff + i] = u[uoff + i] - c * x[xoff + i];
        }
    }

    /**
     * Retraction by normalisation: out = (x + t xi) / ||x + t xi||, a unit column. If x + t xi is zero
     * (impossible for a unit x and tangent xi) the column x is copied unchanged. {@code out} may alias x.
     */
    public static void retract(double[] x, int xoff, double[] xi, int xioff, double t,
                               double[] out, int ooff, int len) {
        double s = 0.0;
        for (int i = 0; i < len; i++) {
            double v = x[xoff + i] + t * xi[xioff + i];
            s += v * v;
        }
        if (!(s > 0.0) || Double.isInfinite(s)) {
            for (int i = 0; i < len; i++) {
                out[ooff + i] = x[xoff + i];
            }
            return;
        }
        double inv = 1.0 / Math.sqrt(s);
        for (int i = 0; i < len; i++) {
            out[ooff + i] = (x[xoff + i] + t * xi[xioff + i]) * inv;
        }
    }

    /** Scales a column to unit norm in place and returns its previous norm; a zero column is left as is. */
    public static double normalize(double[] x, int off, int len) {
        double s = normSquared(x, off, len);
        double n = Math.sqrt(s);
        if (n > 0.0) {
            double inv = 1.0 / n;
            for (int i = 0; i < len; i++) {
                x[off + i] = x[off + i] * inv;
            }
        }
        return n;
    }
}
