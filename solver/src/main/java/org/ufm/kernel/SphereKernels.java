package org.ufm.kernel;

/**
 * Column kernels of the unit sphere S^{d-1} embedded in R^d, the factor of the oblique manifold.
 * A column is the slice {@code x[off], ..., x[off+len-1]}; plain Java so that KeY can read it.
 */
public final class SphereKernels {

    private SphereKernels() {
    }

    /** Euclidean inner product a^T b of two columns of length {@code len}. */
    /*@ public normal_behavior
      @   requires a != null && b != null && len >= 0 && aoff >= 0 && boff >= 0;
      @   requires aoff + len <= a.length && boff + len <= b.length;
      @   ensures len == 0 ==> \result == 0.0;
      @   ensures (a == b && aoff == boff && (\forall int k; 0 <= k && k < len; !\fp_nan(a[aoff + k])))
      @           ==> \result >= 0.0;
      @   assignable \strictly_nothing;
      @*/
    public static double dot(double[] a, int aoff, double[] b, int boff, int len) {
        if (a == b && aoff == boff) {
            return normSquared(a, aoff, len);
        }
        double s = 0.0;
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant i == 0 ==> s == 0.0;
          @ assignable \strictly_nothing;
          @ decreases len - i;
          @*/
        for (int i = 0; i < len; i++) {
            s += a[aoff + i] * b[boff + i];
        }
        return s;
    }

    /** Squared Euclidean norm of a column, a sum of squares (never negative). */
    /*@ public normal_behavior
      @   requires a != null && len >= 0 && aoff >= 0 && aoff + len <= a.length;
      @   ensures (\forall int k; 0 <= k && k < len; !\fp_nan(a[aoff + k])) ==> \result >= 0.0;
      @   ensures len == 0 ==> \result == 0.0;
      @   assignable \strictly_nothing;
      @*/
    public static double normSquared(double[] a, int aoff, int len) {
        double s = 0.0;
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant i == 0 ==> s == 0.0;
          @ loop_invariant (\forall int k; 0 <= k && k < len; !\fp_nan(a[aoff + k])) ==> s >= 0.0;
          @ assignable \strictly_nothing;
          @ decreases len - i;
          @*/
        for (int i = 0; i < len; i++) {
            s += a[aoff + i] * a[aoff + i];
        }
        return s;
    }

    /**
     * Tangent projection at a unit column x: out = u - (x^T u) x, so x^T out = 0 up to rounding.
     * {@code out} may alias {@code u}.
     */
    /*@ public normal_behavior
      @   requires x != null && u != null && out != null && len >= 0;
      @   requires xoff >= 0 && uoff >= 0 && ooff >= 0;
      @   requires xoff + len <= x.length && uoff + len <= u.length && ooff + len <= out.length;
      @   assignable out[ooff .. ooff + len - 1];
      @*/
    public static void project(double[] x, int xoff, double[] u, int uoff, double[] out, int ooff, int len) {
        subtractMultiple(x, xoff, u, uoff, dot(x, xoff, u, uoff, len), out, ooff, len);
    }

    /**
     * out = u - c x entry by entry, the second step of {@link #project} (c = x^T u). {@code out} may
     * alias {@code u} or {@code x} at the same offset (each entry reads its own index before writing it);
     * the functional contract is stated for a separate output array at the same offset (as every
     * caller passes it).
     */
    /*@ private normal_behavior
      @   requires x != null && u != null && out != null && len >= 0;
      @   requires xoff >= 0 && uoff >= 0 && ooff >= 0;
      @   requires xoff + len <= x.length && uoff + len <= u.length && ooff + len <= out.length;
      @   assignable out[ooff .. ooff + len - 1];
      @ also private normal_behavior
      @   requires x != null && u != null && out != null && len >= 0 && out != u && out != x;
      @   requires ooff >= 0 && xoff == ooff && uoff == ooff;
      @   requires ooff + len <= x.length && ooff + len <= u.length && ooff + len <= out.length;
      @   ensures (\forall int k; ooff <= k && k < ooff + len;
      @       out[k] == u[k] - c * x[k] || (\fp_nan(out[k]) && \fp_nan(u[k] - c * x[k])));
      @   assignable out[ooff .. ooff + len - 1];
      @*/
    private static void subtractMultiple(double[] x, int xoff, double[] u, int uoff, double c,
                                         double[] out, int ooff, int len) {
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant (out != u && out != x && xoff == ooff && uoff == ooff) ==> (\forall int k; ooff <= k && k < ooff + i;
          @       out[k] == u[k] - c * x[k] || (\fp_nan(out[k]) && \fp_nan(u[k] - c * x[k])));
          @ assignable out[ooff .. ooff + len - 1];
          @ decreases len - i;
          @*/
        for (int i = 0; i < len; i++) {
            out[ooff + i] = u[uoff + i] - c * x[xoff + i];
        }
    }

    /**
     * Retraction by normalisation: out = (x + t xi) / ||x + t xi||, a unit column. If x + t xi is zero
     * (impossible for a unit x and tangent xi) the column x is copied unchanged. {@code out} may alias x.
     */
    /*@ public normal_behavior
      @   requires x != null && xi != null && out != null && len >= 0;
      @   requires xoff >= 0 && xioff >= 0 && ooff >= 0;
      @   requires xoff + len <= x.length && xioff + len <= xi.length && ooff + len <= out.length;
      @   assignable out[ooff .. ooff + len - 1];
      @*/
    public static void retract(double[] x, int xoff, double[] xi, int xioff, double t,
                               double[] out, int ooff, int len) {
        double s = 0.0;
        /*@ loop_invariant 0 <= i && i <= len;
          @ assignable \strictly_nothing;
          @ decreases len - i;
          @*/
        for (int i = 0; i < len; i++) {
            double v = x[xoff + i] + t * xi[xioff + i];
            s += v * v;
        }
        if (!(s > 0.0) || Double.isInfinite(s)) {
            /*@ loop_invariant 0 <= j && j <= len;
              @ assignable out[ooff .. ooff + len - 1];
              @ decreases len - j;
              @*/
            for (int j = 0; j < len; j++) {
                out[ooff + j] = x[xoff + j];
            }
            return;
        }
        scaleStep(x, xoff, xi, xioff, t, 1.0 / Math.sqrt(s), out, ooff, len);
    }

    /**
     * out = (x + t xi) inv entry by entry, the normalising step of {@link #retract} (inv = 1/||x + t xi||).
     * {@code out} may alias {@code x} at the same offset; the functional contract is stated for a
     * separate output array at the same offset (as every caller passes it).
     */
    /*@ private normal_behavior
      @   requires x != null && xi != null && out != null && len >= 0;
      @   requires xoff >= 0 && xioff >= 0 && ooff >= 0;
      @   requires xoff + len <= x.length && xioff + len <= xi.length && ooff + len <= out.length;
      @   assignable out[ooff .. ooff + len - 1];
      @ also private normal_behavior
      @   requires x != null && xi != null && out != null && len >= 0 && out != x && out != xi;
      @   requires ooff >= 0 && xoff == ooff && xioff == ooff;
      @   requires ooff + len <= x.length && ooff + len <= xi.length && ooff + len <= out.length;
      @   ensures (\forall int k; ooff <= k && k < ooff + len;
      @       out[k] == (x[k] + t * xi[k]) * inv || (\fp_nan(out[k]) && \fp_nan((x[k] + t * xi[k]) * inv)));
      @   assignable out[ooff .. ooff + len - 1];
      @*/
    private static void scaleStep(double[] x, int xoff, double[] xi, int xioff, double t, double inv,
                                  double[] out, int ooff, int len) {
        /*@ loop_invariant 0 <= q && q <= len;
          @ loop_invariant (out != x && out != xi && xoff == ooff && xioff == ooff) ==> (\forall int k; ooff <= k && k < ooff + q;
          @       out[k] == (x[k] + t * xi[k]) * inv || (\fp_nan(out[k]) && \fp_nan((x[k] + t * xi[k]) * inv)));
          @ assignable out[ooff .. ooff + len - 1];
          @ decreases len - q;
          @*/
        for (int q = 0; q < len; q++) {
            out[ooff + q] = (x[xoff + q] + t * xi[xioff + q]) * inv;
        }
    }

    /** Scales a column to unit norm in place and returns its previous norm; a zero column is left as is. */
    /*@ public normal_behavior
      @   requires x != null && len >= 0 && off >= 0 && off + len <= x.length;
      @   ensures (\forall int k; 0 <= k && k < len; !\fp_nan(\old(x[off + k]))) ==> \result >= 0.0;
      @   assignable x[off .. off + len - 1];
      @*/
    public static double normalize(double[] x, int off, int len) {
        double s = normSquared(x, off, len);
        double n = Math.sqrt(s);
        if (n > 0.0) {
            scaleInPlace(x, off, len, 1.0 / n);
        }
        return n;
    }

    /** x_k = x_k * inv in place: the scaling step of {@link #normalize} (inv = 1/||x||). */
    /*@ private normal_behavior
      @   requires x != null && len >= 0 && off >= 0 && off + len <= x.length;
      @   ensures (\forall int k; off <= k && k < off + len;
      @       x[k] == \old(x[k]) * inv || (\fp_nan(x[k]) && \fp_nan(\old(x[k]) * inv)));
      @   assignable x[off .. off + len - 1];
      @*/
    private static void scaleInPlace(double[] x, int off, int len, double inv) {
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant (\forall int k; off <= k && k < off + i;
          @       x[k] == \old(x[k]) * inv || (\fp_nan(x[k]) && \fp_nan(\old(x[k]) * inv)));
          @ loop_invariant (\forall int k; off + i <= k && k < off + len;
          @       x[k] == \old(x[k]) || (\fp_nan(x[k]) && \fp_nan(\old(x[k]))));
          @ assignable x[off .. off + len - 1];
          @ decreases len - i;
          @*/
        for (int i = 0; i < len; i++) {
            x[off + i] = x[off + i] * inv;
        }
    }
}
