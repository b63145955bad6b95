// MUTANT for the proofs-check mutation demo (MutantProofTest): a copy of
// solver/src/main/java/org/ufm/kernel/SphereKernels.java whose normSquared loop runs to i <= len,
// reading one element past the column. KeY must NOT close normSquared's contract on this file.
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
        for (int i = 0; i <= len; i++) { // MUTANT: off-by-one loop bound
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
        double c = dot(x, xoff, u, uoff, len);
        /*@ loop_invariant 0 <= i && i <= len;
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
        double inv = 1.0 / Math.sqrt(s);
        /*@ loop_invariant 0 <= q && q <= len;
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
            double inv = 1.0 / n;
            /*@ loop_invariant 0 <= i && i <= len;
              @ assignable x[off .. off + len - 1];
              @ decreases len - i;
              @*/
            for (int i = 0; i < len; i++) {
                x[off + i] = x[off + i] * inv;
            }
        }
        return n;
    }
}
