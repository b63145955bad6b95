// MUTANT for the proofs-check mutation demo (MutantProofTest): a copy of
// solver/src/main/java/org/ufm/kernel/SoftmaxKernels.java whose logSumExp loop runs to i <= len,
// reading one element past the column. KeY must NOT close logSumExp's contract on this file.
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
    /*@ public normal_behavior
      @   requires z != null && len >= 1 && off >= 0 && off + len <= z.length;
      @   requires (\forall int k; off <= k && k < off + len; !\fp_nan(z[k]));
      @   ensures 0 <= \result && \result < len;
      @   ensures (\forall int k; off <= k && k < off + len; z[k] <= z[off + \result]);
      @   assignable \strictly_nothing;
      @*/
    public static int argMax(double[] z, int off, int len) {
        int best = 0;
        double m = z[off];
        /*@ loop_invariant 1 <= i && i <= len;
          @ loop_invariant 0 <= best && best < i;
          @ loop_invariant m == z[off + best];
          @ loop_invariant (\forall int k; off <= k && k < off + i; z[k] <= m);
          @ assignable \strictly_nothing;
          @ decreases len - i;
          @*/
        for (int i = 1; i < len; i++) {
            if (z[off + i] > m) {
                m = z[off + i];
                best = i;
            }
        }
        return best;
    }

    /** log sum_i exp(z_i) over the column, computed as z_max + log1p(sum_{i != max} exp(z_i - z_max)). */
    /*@ public normal_behavior
      @   requires z != null && len >= 1 && off >= 0 && off + len <= z.length;
      @   requires (\forall int k; off <= k && k < off + len; \fp_nice(z[k]));
      @   ensures !\fp_nan(\result);
      @   ensures (\forall int k; off <= k && k < off + len; z[k] <= \result);
      @   assignable \strictly_nothing;
      @*/
    public static double logSumExp(double[] z, int off, int len) {
        int m = argMax(z, off, len);
        double zm = z[off + m];
        double s = 0.0;
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant s >= 0.0;
          @ assignable \strictly_nothing;
          @ decreases len - i;
          @*/
        for (int i = 0; i <= len; i++) { // MUTANT: off-by-one loop bound
            if (i != m) {
                s += expNonPositive(z[off + i] - zm);
            }
        }
        return zm + log1pNonNegative(s);
    }

    /**
     * {@code Math.exp} on the arguments the kernels pass (never positive, as they are shifted by the
     * column maximum). A separate method only so that its contract can be stated: KeY's floating-point
     * model knows nothing of exp on finite arguments, so this contract is not proved but checked at run
     * time (KernelContractMirrorTest); the proofs of the callers rely on it.
     */
    /*@ private normal_behavior
      @   requires x <= 0.0;
      @   ensures 0.0 <= \result && \result <= 1.0;
      @   assignable \strictly_nothing;
      @*/
    private static double expNonPositive(double x) {
        return Math.exp(x);
    }

    /**
     * {@code Math.log1p} on a sum of non-negative terms; as for {@link #expNonPositive}, KeY cannot
     * prove this contract (its JDK model has no log1p), so it is checked at run time instead.
     */
    /*@ private normal_behavior
      @   requires s >= 0.0;
      @   ensures \result >= 0.0;
      @   assignable \strictly_nothing;
      @*/
    private static double log1pNonNegative(double s) {
        return Math.log1p(s);
    }

    /**
     * Writes p = softmax(z) of the column into {@code p[poff..poff+len)}; every entry lies in [0, 1].
     * Returns the log-sum-exp of the column (the same double as {@link #logSumExp}).
     *
     * <p>The contract states what KeY proves: no exception, the frame, and every entry in [0, 1]. That
     * the returned log-sum-exp is not NaN and at least every z (as {@link #logSumExp}'s contract states
     * and KeY proves there), and that the entries sum to 1, are checked at run time by
     * KernelContractMirrorTest. Index facts are stated over absolute indices ({@code p[k]}, not
     * {@code p[poff + k]}) so that KeY and the SMT solvers match the quantified facts syntactically.
     */
    /*@ public normal_behavior
      @   requires z != null && p != null && z != p && len >= 1;
      @   requires off >= 0 && off + len <= z.length && poff >= 0 && poff + len <= p.length;
      @   requires (\forall int k; off <= k && k < off + len; \fp_nice(z[k]));
      @   ensures (\forall int k; poff <= k && k < poff + len; 0.0 <= p[k] && p[k] <= 1.0);
      @   assignable p[poff .. poff + len - 1];
      @*/
    public static double softmax(double[] z, int off, int len, double[] p, int poff) {
        int m = argMax(z, off, len);
        double zm = z[off + m];
        double s = 0.0;
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant s >= 0.0;
          @ loop_invariant (\forall int k; poff <= k && k < poff + i && k != poff + m;
          @                    0.0 <= p[k] && p[k] <= 1.0);
          @ assignable p[poff .. poff + len - 1];
          @ decreases len - i;
          @*/
        for (int i = 0; i < len; i++) {
            if (i != m) {
                double e = expNonPositive(z[off + i] - zm);
                p[poff + i] = e;
                s += e;
            }
        }
        double inv = inverseOfOnePlus(s);
        /*@ loop_invariant 0 <= j && j <= len;
          @ loop_invariant (\forall int k; poff <= k && k < poff + len && k != poff + m;
          @                    0.0 <= p[k] && p[k] <= 1.0);
          @ assignable p[poff .. poff + len - 1];
          @ decreases len - j;
          @*/
        for (int j = 0; j < len; j++) {
            if (j != m) {
                p[poff + j] = p[poff + j] * inv;
            }
        }
        p[poff + m] = inv;
        return zm + log1pNonNegative(s);
    }

    /**
     * {@code 1 / (1 + s)}, in [0, 1] for {@code s >= 0} (0 for s = +inf). A separate method (bit-for-bit
     * the same double) so that this one floating-point fact is a quantifier-free contract the SMT solvers
     * prove on their own; the softmax proof then uses it without re-deriving it inside its quantified
     * goals.
     */
    /*@ private normal_behavior
      @   requires s >= 0.0;
      @   ensures 0.0 <= \result && \result <= 1.0;
      @   assignable \strictly_nothing;
      @*/
    private static double inverseOfOnePlus(double s) {
        return 1.0 / (1.0 + s);
    }

    /**
     * Cross-entropy of one column with label {@code y}, L = log sum_j exp(z_j) - z_y, evaluated as
     * -log1p(-sum_{j != y} p_j) when y is the argmax (full relative accuracy for losses far below machine
     * epsilon) and as (z_max - z_y) + (lse - z_max) otherwise; writes {@code scale * (p - e_y)} into
     * {@code g[goff..goff+len)} with the true-class entry formed as {@code -scale * sum_{j != y} p_j}.
     *
     * <p>The contract states what KeY proves: no exception, the frame, and {@code g_k >= 0} for every
     * k != y. The rest (loss >= 0, g_k <= scale for k != y, g_y never positive, entries summing to 0) is
     * checked at run time by KernelContractMirrorTest.
     */
    /*@ public normal_behavior
      @   requires z != null && g != null && z != g && len >= 1 && 0 <= y && y < len;
      @   requires off >= 0 && off + len <= z.length && goff >= 0 && goff + len <= g.length;
      @   requires (\forall int k; off <= k && k < off + len; \fp_nice(z[k]));
      @   requires \fp_nice(scale) && scale >= 0.0;
      @   ensures (\forall int k; goff <= k && k < goff + len && k != goff + y; 0.0 <= g[k]);
      @   assignable g[goff .. goff + len - 1];
      @*/
    public static double crossEntropyGradient(double[] z, int off, int len, int y, double scale,
                                              double[] g, int goff) {
        double lse = softmax(z, off, len, g, goff);
        double rest = 0.0;
        /*@ loop_invariant 0 <= j && j <= len;
          @ loop_invariant (\forall int k; goff <= k && k < goff + j && k != goff + y; 0.0 <= g[k]);
          @ loop_invariant (\forall int k; goff + j <= k && k < goff + len; 0.0 <= g[k] && g[k] <= 1.0);
          @ assignable g[goff .. goff + len - 1];
          @ decreases len - j;
          @*/
        for (int j = 0; j < len; j++) {
            if (j != y) {
                rest += g[goff + j];
                g[goff + j] = scaledProbability(scale, g[goff + j]);
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
     * {@code scale * q}, not negative for a finite {@code scale >= 0} and a probability {@code q}. A
     * separate method (bit-for-bit the same double) for the same reason as {@link #inverseOfOnePlus}.
     */
    /*@ private normal_behavior
      @   requires \fp_nice(scale) && scale >= 0.0 && 0.0 <= q && q <= 1.0;
      @   ensures \result >= 0.0;
      @   assignable \strictly_nothing;
      @*/
    private static double scaledProbability(double scale, double q) {
        return scale * q;
    }

    /**
     * Softmax Jacobian times a direction for one column: out = scale * (diag(p) - p p^T) dz, evaluated
     * as out_i = scale * p_i * ((dz_i - dz_m) - sum_{j != m} p_j (dz_j - dz_m)) with m = argmax p, so no
     * entry suffers the cancellation of p_m (dz_m - p^T dz) when p_m is close to 1.
     */
    /*@ public normal_behavior
      @   requires p != null && dz != null && out != null && len >= 1;
      @   requires poff >= 0 && poff + len <= p.length && dzoff >= 0 && dzoff + len <= dz.length;
      @   requires ooff >= 0 && ooff + len <= out.length;
      @   requires (\forall int k; poff <= k && k < poff + len; !\fp_nan(p[k]));
      @   assignable out[ooff .. ooff + len - 1];
      @*/
    public static void softmaxJacobianTimes(double[] p, int poff, double[] dz, int dzoff, int len,
                                            double scale, double[] out, int ooff) {
        int m = argMax(p, poff, len);
        double dm = dz[dzoff + m];
        double c = 0.0;
        /*@ loop_invariant 0 <= j && j <= len;
          @ assignable \strictly_nothing;
          @ decreases len - j;
          @*/
        for (int j = 0; j < len; j++) {
            if (j != m) {
                c += p[poff + j] * (dz[dzoff + j] - dm);
            }
        }
        /*@ loop_invariant 0 <= i && i <= len;
          @ assignable out[ooff .. ooff + len - 1];
          @ decreases len - i;
          @*/
        for (int i = 0; i < len; i++) {
            out[ooff + i] = scale * p[poff + i] * ((dz[dzoff + i] - dm) - c);
        }
    }
}
