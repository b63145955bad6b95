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

    /**
     * The kernels' exp as a mathematical function: the double that {@link #expNonPositive} returns for
     * x (uninterpreted in the proofs: its only facts are the trusted contracts of expNonPositive and
     * expShifted, checked at run time by KernelContractMirrorTest and ExpAccuracyTest).
     */
    /*@ public model_behaviour
      @   requires true;
      @ public static no_state model double kernelExp(double x);
      @*/

    /** Index (relative to {@code off}) of the largest entry of the column; the first one on ties. */
    /*@ public normal_behavior
      @   requires z != null && len >= 1 && off >= 0 && off + len <= z.length;
      @   requires (\forall int k; off <= k && k < off + len; !\fp_nan(z[k]));
      @   ensures 0 <= \result && \result < len;
      @   ensures (\forall int k; off <= k && k < off + len; z[k] <= z[off + \result]);
      @   ensures (\forall int k; off <= k && k < off + \result; z[k] < z[off + \result]);
      @   assignable \strictly_nothing;
      @*/
    public static int argMax(double[] z, int off, int len) {
        int best = 0;
        double m = z[off];
        /*@ loop_invariant 1 <= i && i <= len;
          @ loop_invariant 0 <= best && best < i;
          @ loop_invariant m == z[off + best];
          @ loop_invariant (\forall int k; off <= k && k < off + i; z[k] <= m);
          @ loop_invariant (\forall int k; off <= k && k < off + best; z[k] < m);
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
      @   ensures len == 1 ==> \result == z[off];
      @   assignable \strictly_nothing;
      @*/
    public static double logSumExp(double[] z, int off, int len) {
        int m = argMax(z, off, len);
        double zm = z[off + m];
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int i = 0;
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant s0 >= 0.0 && s1 >= 0.0 && s2 >= 0.0 && s3 >= 0.0;
          @ loop_invariant len == 1 ==> (i == 0 && s0 == 0.0 && s1 == 0.0 && s2 == 0.0 && s3 == 0.0);
          @ assignable \strictly_nothing;
          @ decreases len - i;
          @*/
        for (; i + 3 < len; i += 4) {
            s0 += expTerm(z, off, i, m, zm);
            s1 += expTerm(z, off, i + 1, m, zm);
            s2 += expTerm(z, off, i + 2, m, zm);
            s3 += expTerm(z, off, i + 3, m, zm);
        }
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant s0 >= 0.0;
          @ loop_invariant len == 1 ==> (s0 == 0.0 && s1 == 0.0 && s2 == 0.0 && s3 == 0.0);
          @ assignable \strictly_nothing;
          @ decreases len - i;
          @*/
        for (; i < len; i++) {
            s0 += expTerm(z, off, i, m, zm);
        }
        return zm + log1pNonNegative((s0 + s1) + (s2 + s3));
    }

    /** exp(z_i - zm) for i != m and 0 for i = m: the terms of s in the order {@link #expSumExceptMax} adds them. */
    /*@ private normal_behavior
      @   requires z != null && off >= 0 && 0 <= i && off + i < z.length;
      @   requires \fp_nice(z[off + i]) && \fp_nice(zm) && z[off + i] <= zm;
      @   ensures \result == (i == m ? 0.0 : kernelExp(z[off + i] - zm));
      @   ensures 0.0 <= \result && \result <= 1.0;
      @   assignable \strictly_nothing;
      @*/
    private static double expTerm(double[] z, int off, int i, int m, double zm) {
        if (i == m) {
            return 0.0;
        }
        return expNonPositive(z[off + i] - zm);
    }

    /** 1/ln 2, and ln 2 split as in fdlibm: LN2_HI has 32 trailing zero bits, so n * LN2_HI is exact for |n| < 2^20. */
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5 * 2^52: (v + SHIFT) - SHIFT rounds v to the nearest integer, and the low bits of v + SHIFT hold it. */
    private static final double SHIFT = 6755399441055744.0;
    /** Exponent bits of 1.0. */
    private static final long ONE_BITS = 0x3FF0000000000000L;

    /**
     * exp(x) for x &lt;= 0, the one exponential of the soft-max kernels (its contract is trusted, not
     * proved: KeY has no model of exp; checked at run time against StrictMath.exp, within 1 ulp). Cody-Waite
     * reduction x = n ln2 + r, |r| &lt;= ln2/2, exp(r) - 1 by its Taylor polynomial of degree 13 in Estrin's form, r + r^2/2 + r^3 (c3 + r c4 + r^2 (c5 + r c6) + r^4 (c7 + r c8) + r^6 (c9 + r c10 + r^2 (c11 + r c12) + r^4 c13)) (truncation
     * below 5e-18 relative), then 2^n applied to the exponent bits; arguments whose result is subnormal,
     * zero or NaN go to {@code Math.exp}. Equal, bit for bit, to each entry of {@link #expShifted}.
     */
    /*@ private normal_behavior
      @   requires x <= 0.0;
      @   assignable \strictly_nothing;
      @ also private normal_behavior
      @   requires x <= 0.0;
      @   ensures \result == kernelExp(x);
      @   ensures 0.0 <= \result && \result <= 1.0;
      @   ensures x == 0.0 ==> \result == 1.0;
      @   assignable \strictly_nothing;
      @*/
    static double expNonPositive(double x) {
        return expScale(x, expReduced(x));
    }

    /** exp(r) for the reduced argument r = x - n ln2 of x, n = rint(x / ln2); Estrin's scheme for the polynomial. */
    /*@ private normal_behavior
      @   requires true;
      @   assignable \strictly_nothing;
      @*/
    private static double expReduced(double x) {
        double n = (x * INV_LN2 + SHIFT) - SHIFT;
        double r = (x - n * LN2_HI) - n * LN2_LO;
        double r2 = r * r;
        double r4 = r2 * r2;
        double r6 = r4 * r2;
        double q01 = r + r2 * 0.5;
        double q23 = 1.0 / 6.0 + r * (1.0 / 24.0);
        double q45 = 1.0 / 120.0 + r * (1.0 / 720.0);
        double q67 = 1.0 / 5040.0 + r * (1.0 / 40320.0);
        double q89 = 1.0 / 362880.0 + r * (1.0 / 3628800.0);
        double qab = 1.0 / 39916800.0 + r * (1.0 / 479001600.0);
        double hi = q89 + r2 * qab + r4 * (1.0 / 6227020800.0);
        double lo = q23 + r2 * q45 + r4 * q67;
        return (q01 + r2 * r * (lo + r6 * hi)) + 1.0;
    }

    /** 2^n * v for n = rint(x / ln2) when 2^n is a normal double (n &gt;= -1022); otherwise Math.exp(x). */
    /*@ private normal_behavior
      @   requires true;
      @   assignable \strictly_nothing;
      @*/
    private static double expScale(double x, double v) {
        double kd = x * INV_LN2 + SHIFT;
        if (kd >= SHIFT - 1022.0) {
            return v * Double.longBitsToDouble((Double.doubleToRawLongBits(kd) << 52) + ONE_BITS);
        }
        return Math.exp(x);
    }

    /**
     * out[ooff + k] = exp(z[off + k] - zm) for every k, the same value as {@link #expNonPositive}, in three
     * passes so that the JIT vectorises the polynomial: shift, reduce in place (one array, one offset:
     * HotSpot 17 vectorises only loops whose accesses it can align together), scale by 2^n.
     */
    /*@ private normal_behavior
      @   requires z != null && out != null && z != out && len >= 1;
      @   requires off >= 0 && off + len <= z.length && ooff >= 0 && ooff + len <= out.length;
      @   assignable out[ooff .. ooff + len - 1];
      @ also private normal_behavior
      @   requires z != null && out != null && z != out && len >= 1;
      @   requires off >= 0 && off + len <= z.length && ooff >= 0 && ooff + len <= out.length;
      @   ensures (\forall int k; ooff <= k && k < ooff + len;
      @       (\fp_nice(zm) && \fp_nice(\old(z[off + (k - ooff)])) && \old(z[off + (k - ooff)]) <= zm)
      @       ==> (out[k] == kernelExp(\old(z[off + (k - ooff)]) - zm) && 0.0 <= out[k] && out[k] <= 1.0));
      @   assignable out[ooff .. ooff + len - 1];
      @*/
    static void expShifted(double[] z, int off, int len, double zm, double[] out, int ooff) {
        /*@ loop_invariant 0 <= i && i <= len;
          @ assignable out[ooff .. ooff + len - 1];
          @ decreases len - i;
          @*/
        for (int i = 0; i < len; i++) {
            out[ooff + i] = z[off + i] - zm;
        }
        /*@ loop_invariant ooff <= j && j <= ooff + len;
          @ assignable out[ooff .. ooff + len - 1];
          @ decreases ooff + len - j;
          @*/
        for (int j = ooff; j < ooff + len; j++) {
            out[j] = expReduced(out[j]);
        }
        /*@ loop_invariant 0 <= q && q <= len;
          @ assignable out[ooff .. ooff + len - 1];
          @ decreases len - q;
          @*/
        for (int q = 0; q < len; q++) {
            out[ooff + q] = expScale(z[off + q] - zm, out[ooff + q]);
        }
    }

    /**
     * Writes e_k = exp(z_k - z_m) into {@code e[eoff..eoff+len)} (so e_m = 1) and returns
     * s = sum_{k != m} e_k, summed in four interleaved partial sums (fixed order) for speed.
     */
    /*@ private normal_behavior
      @   requires z != null && e != null && z != e && len >= 1 && 0 <= m && m < len;
      @   requires off >= 0 && off + len <= z.length && eoff >= 0 && eoff + len <= e.length;
      @   requires (\forall int k; off <= k && k < off + len; \fp_nice(z[k]) && z[k] <= z[off + m]);
      @   ensures (\forall int k; eoff <= k && k < eoff + len; 0.0 <= e[k] && e[k] <= 1.0);
      @   ensures \result >= 0.0;
      @   assignable e[eoff .. eoff + len - 1];
      @*/
    private static double expSumExceptMax(double[] z, int off, int len, int m, double[] e, int eoff) {
        expShifted(z, off, len, z[off + m], e, eoff);
        return sumExceptAt(e, eoff, len, m);
    }

    /** sum_{k != m} e_k by {@link #sumNonNegative} with e_m set to 0 for the sum, then e_m = 1. */
    /*@ private normal_behavior
      @   requires e != null && len >= 1 && 0 <= m && m < len && eoff >= 0 && eoff + len <= e.length;
      @   requires (\forall int k; eoff <= k && k < eoff + len; 0.0 <= e[k] && e[k] <= 1.0);
      @   ensures (\forall int k; eoff <= k && k < eoff + len; 0.0 <= e[k] && e[k] <= 1.0);
      @   ensures \result >= 0.0;
      @   assignable e[eoff .. eoff + len - 1];
      @*/
    private static double sumExceptAt(double[] e, int eoff, int len, int m) {
        e[eoff + m] = 0.0;
        double s = sumNonNegative(e, eoff, len);
        e[eoff + m] = 1.0;
        return s;
    }

    /** sum_k a[aoff + k] in four interleaved partial sums, (s0 + s1) + (s2 + s3); not negative for non-negative entries. */
    /*@ private normal_behavior
      @   requires a != null && len >= 0 && aoff >= 0 && aoff + len <= a.length;
      @   requires (\forall int k; aoff <= k && k < aoff + len; 0.0 <= a[k]);
      @   ensures \result >= 0.0;
      @   assignable \strictly_nothing;
      @*/
    private static double sumNonNegative(double[] a, int aoff, int len) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int i = 0;
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant s0 >= 0.0 && s1 >= 0.0 && s2 >= 0.0 && s3 >= 0.0;
          @ assignable \strictly_nothing;
          @ decreases len - i;
          @*/
        for (; i + 3 < len; i += 4) {
            s0 = addNonNegative(s0, a[aoff + i]);
            s1 = addNonNegative(s1, a[aoff + i + 1]);
            s2 = addNonNegative(s2, a[aoff + i + 2]);
            s3 = addNonNegative(s3, a[aoff + i + 3]);
        }
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant s0 >= 0.0;
          @ assignable \strictly_nothing;
          @ decreases len - i;
          @*/
        for (; i < len; i++) {
            s0 = addNonNegative(s0, a[aoff + i]);
        }
        return addNonNegative(addNonNegative(s0, s1), addNonNegative(s2, s3));
    }

    /**
     * {@code Math.log1p} on a sum of non-negative terms; as for {@link #expNonPositive}, KeY cannot
     * prove this contract (its JDK model has no log1p), so it is checked at run time instead.
     */
    /*@ private normal_behavior
      @   requires s >= 0.0;
      @   ensures \result >= 0.0;
      @   ensures s == 0.0 ==> \result == 0.0;
      @   assignable \strictly_nothing;
      @*/
    static double log1pNonNegative(double s) {
        return Math.log1p(s);
    }

    /** {@code a + b}, not negative for non-negative terms; a separate method for the same reason as {@link #inverseOfOnePlus}. */
    /*@ private normal_behavior
      @   requires a >= 0.0 && b >= 0.0;
      @   ensures \result == a + b;
      @   ensures \result >= 0.0;
      @   assignable \strictly_nothing;
      @*/
    private static double addNonNegative(double a, double b) {
        return a + b;
    }

    /**
     * {@code 1 / (1 + s)}, in [0, 1] for {@code s >= 0} (0 for s = +inf). A separate method (the same
     * double as the inline expression) so that this one floating-point fact is a quantifier-free contract
     * the SMT solvers prove on their own; the softmax proofs use it without re-deriving it inside their
     * quantified goals.
     */
    /*@ private normal_behavior
      @   requires s >= 0.0;
      @   ensures \result == 1.0 / (1.0 + s);
      @   ensures 0.0 <= \result && \result <= 1.0;
      @   assignable \strictly_nothing;
      @*/
    private static double inverseOfOnePlus(double s) {
        return 1.0 / (1.0 + s);
    }

    /**
     * {@code scale * q}, not negative for a finite {@code scale >= 0} and a probability {@code q}; a
     * separate method for the same reason as {@link #inverseOfOnePlus}.
     */
    /*@ private normal_behavior
      @   requires \fp_nice(scale) && scale >= 0.0 && 0.0 <= q && q <= 1.0;
      @   ensures \result == scale * q;
      @   ensures \result >= 0.0;
      @   assignable \strictly_nothing;
      @*/
    private static double scaledProbability(double scale, double q) {
        return scale * q;
    }

    /**
     * Writes p = softmax(z) of the column into {@code p[poff..poff+len)}; every entry lies in [0, 1].
     * Returns the log-sum-exp of the column (the same double as {@link #logSumExp}).
     *
     * <p>The contract states what KeY proves: no exception, the frame, every entry in [0, 1]. That the
     * returned log-sum-exp is not NaN and at least every z ({@link #logSumExp}'s proved contract) and that
     * the entries sum to 1 are checked at run time by KernelContractMirrorTest. Quantified index facts
     * are stated over absolute indices ({@code p[k]}, not {@code p[poff + k]}) so that KeY and the SMT
     * solvers match them syntactically.
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
        double s = expSumExceptMax(z, off, len, m, p, poff);
        scaleProbabilities(p, poff, len, inverseOfOnePlus(s));
        return z[off + m] + log1pNonNegative(s);
    }

    /**
     * p_k = e_k * inv in place, for e_k in [0, 1] and inv in [0, 1]: the normalisation step of
     * {@link #softmax}. Every entry becomes the product of its old value and inv.
     */
    /*@ private normal_behavior
      @   requires p != null && len >= 1 && poff >= 0 && poff + len <= p.length;
      @   requires 0.0 <= inv && inv <= 1.0;
      @   requires (\forall int k; poff <= k && k < poff + len; 0.0 <= p[k] && p[k] <= 1.0);
      @   ensures (\forall int k; poff <= k && k < poff + len; p[k] == \old(p[k]) * inv);
      @   ensures (\forall int k; poff <= k && k < poff + len; 0.0 <= p[k] && p[k] <= 1.0);
      @   assignable p[poff .. poff + len - 1];
      @*/
    private static void scaleProbabilities(double[] p, int poff, int len, double inv) {
        /*@ loop_invariant 0 <= j && j <= len;
          @ loop_invariant (\forall int k; poff <= k && k < poff + j; p[k] == \old(p[k]) * inv);
          @ loop_invariant (\forall int k; poff + j <= k && k < poff + len; p[k] == \old(p[k]));
          @ loop_invariant (\forall int k; poff <= k && k < poff + len; 0.0 <= p[k] && p[k] <= 1.0);
          @ assignable p[poff .. poff + len - 1];
          @ decreases len - j;
          @*/
        for (int j = 0; j < len; j++) {
            p[poff + j] = p[poff + j] * inv;
        }
    }

    /**
     * Cross-entropy of one column with label {@code y}, L = log sum_j exp(z_j) - z_y, evaluated as
     * log1p(s) with s = sum_{j != m} exp(z_j - z_m) when y is the argmax m (full relative accuracy for losses
     * far below machine epsilon) and as (z_m - z_y) + log1p(s) otherwise. The exponentials go to
     * {@code e[eoff..eoff+len)} (scratch); the value is bit-identical to {@link #crossEntropyGradient}'s.
     */
    /*@ public normal_behavior
      @   requires z != null && e != null && z != e && len >= 1 && 0 <= y && y < len;
      @   requires off >= 0 && off + len <= z.length && eoff >= 0 && eoff + len <= e.length;
      @   requires (\forall int k; off <= k && k < off + len; \fp_nice(z[k]));
      @   ensures \result >= 0.0;
      @   assignable e[eoff .. eoff + len - 1];
      @*/
    public static double crossEntropy(double[] z, int off, int len, int y, double[] e, int eoff) {
        int m = argMax(z, off, len);
        return lossFromSum(z, off, len, y, m, expSumExceptMax(z, off, len, m, e, eoff));
    }

    /**
     * The loss of a column from s = sum_{k != m} exp(z_k - z_m): log1p(s) when y is the argmax m, else
     * (z_m - z_y) + log1p(s); never negative. Shared by {@link #crossEntropy} and
     * {@link #crossEntropyGradient} (one code path, so their losses are the same double).
     */
    /*@ private normal_behavior
      @   requires z != null && len >= 1 && 0 <= y && y < len && 0 <= m && m < len;
      @   requires off >= 0 && off + len <= z.length && s >= 0.0;
      @   requires (\forall int k; off <= k && k < off + len; \fp_nice(z[k]) && z[k] <= z[off + m]);
      @   ensures \result >= 0.0;
      @   assignable \strictly_nothing;
      @*/
    private static double lossFromSum(double[] z, int off, int len, int y, int m, double s) {
        double l1 = log1pNonNegative(s);
        return y == m ? l1 : (z[off + m] - z[off + y]) + l1;
    }

    /**
     * As {@link #crossEntropy}, and writes {@code scale * (p - e_y)} into {@code g[goff..goff+len)}:
     * g_k = scale (e_k / (1 + s)) for k != y, and the true-class entry as -scale * sum_{j != y} p_j with
     * that sum formed without cancellation: s / (1 + s) when y = m, (1 + (s - e_y)) / (1 + s) otherwise.
     *
     * <p>The contract states what KeY proves: no exception, the frame, loss >= 0 and g_k >= 0 for k != y.
     * That g_k <= scale, that g_y is never positive and that the entries sum to 0 are checked at run time
     * by KernelContractMirrorTest (z3 and cvc5 do not prove a*b <= a for b in [0, 1] within 60 s).
     */
    /*@ public normal_behavior
      @   requires z != null && g != null && z != g && len >= 1 && 0 <= y && y < len;
      @   requires off >= 0 && off + len <= z.length && goff >= 0 && goff + len <= g.length;
      @   requires (\forall int k; off <= k && k < off + len; \fp_nice(z[k]));
      @   requires \fp_nice(scale) && scale >= 0.0;
      @   ensures \result >= 0.0;
      @   ensures (\forall int k; goff <= k && k < goff + len && k != goff + y; 0.0 <= g[k]);
      @   assignable g[goff .. goff + len - 1];
      @*/
    public static double crossEntropyGradient(double[] z, int off, int len, int y, double scale,
                                              double[] g, int goff) {
        int m = argMax(z, off, len);
        double s = expSumExceptMax(z, off, len, m, g, goff);
        gradientFromSum(g, goff, len, y, scale, s, y == m);
        return lossFromSum(z, off, len, y, m, s);
    }

    /**
     * The gradient from the exponentials e (in place in g, e_m = 1) and s = sum_{k != m} e_k: inv =
     * 1/(1 + s), rest = sum_{j != y} p_j, then the entries (g_k = scale * (e_k * inv) for k != y,
     * g_y = -scale * rest). Its contract gives its caller only what it needs (g_k >= 0 for k != y); the
     * equalities are proved on its three steps, whose contracts' case splits (NaN or not) kept
     * {@link #crossEntropyGradient}'s own proof from closing within its budget when it called them directly.
     */
    /*@ private normal_behavior
      @   requires g != null && len >= 1 && goff >= 0 && goff + len <= g.length && 0 <= y && y < len;
      @   requires \fp_nice(scale) && scale >= 0.0 && s >= 0.0;
      @   requires (\forall int k; goff <= k && k < goff + len; 0.0 <= g[k] && g[k] <= 1.0);
      @   ensures (\forall int k; goff <= k && k < goff + len && k != goff + y; 0.0 <= g[k]);
      @   assignable g[goff .. goff + len - 1];
      @*/
    private static void gradientFromSum(double[] g, int goff, int len, int y, double scale, double s,
                                        boolean yIsMax) {
        double inv = inverseOfOnePlus(s);
        double rest = restOfProbabilities(s, g[goff + y], inv, yIsMax);
        gradientEntries(g, goff, len, y, scale, inv, rest);
    }

    /**
     * sum_{j != y} p_j, the probability mass off the true class, formed without cancellation from
     * s = sum_{k != m} e_k, e_y and inv = 1/(1 + s): s * inv when y is the argmax m, (1 + (s - e_y)) * inv
     * otherwise. Never negative unless NaN.
     */
    /*@ private normal_behavior
      @   requires s >= 0.0 && 0.0 <= ey && ey <= 1.0 && 0.0 <= inv && inv <= 1.0;
      @   ensures \result == (yIsMax ? s * inv : (1.0 + (s - ey)) * inv)
      @       || (\fp_nan(\result) && \fp_nan(yIsMax ? s * inv : (1.0 + (s - ey)) * inv));
      @   ensures \fp_nan(\result) || \result >= 0.0;
      @   assignable \strictly_nothing;
      @*/
    private static double restOfProbabilities(double s, double ey, double inv, boolean yIsMax) {
        if (yIsMax) {
            return s * inv;
        }
        return (1.0 + (s - ey)) * inv;
    }

    /**
     * The gradient's entries from the exponentials e (in place in g) and inv = 1/(1 + s):
     * g_k = scale * (e_k * inv) for k != y, then g_y = -scale * rest (rest = sum_{j != y} p_j, see
     * {@link #restOfProbabilities}), the last step of {@link #crossEntropyGradient}. The minus is written
     * (0.0 - 1.0) * scale, the same double as -scale (a product with -1 is exact), because KeY 2.12.3
     * has no rule for Java's unary minus on doubles: a goal with -scale cannot be sent to z3/cvc5.
     */
    /*@ private normal_behavior
      @   requires g != null && len >= 1 && goff >= 0 && goff + len <= g.length && 0 <= y && y < len;
      @   requires \fp_nice(scale) && scale >= 0.0 && 0.0 <= inv && inv <= 1.0;
      @   requires (\forall int k; goff <= k && k < goff + len; 0.0 <= g[k] && g[k] <= 1.0);
      @   ensures (\forall int k; goff <= k && k < goff + len && k != goff + y;
      @       g[k] == scale * (\old(g[k]) * inv) && 0.0 <= g[k]);
      @   ensures g[goff + y] == (0.0 - 1.0) * scale * rest || (\fp_nan(g[goff + y]) && \fp_nan((0.0 - 1.0) * scale * rest));
      @   ensures (\fp_nice(rest) && rest >= 0.0) ==> g[goff + y] <= 0.0;
      @   assignable g[goff .. goff + len - 1];
      @*/
    private static void gradientEntries(double[] g, int goff, int len, int y, double scale, double inv,
                                        double rest) {
        /*@ loop_invariant 0 <= j && j <= len;
          @ loop_invariant (\forall int k; goff <= k && k < goff + j; g[k] == scale * (\old(g[k]) * inv) && 0.0 <= g[k]);
          @ loop_invariant (\forall int k; goff + j <= k && k < goff + len; g[k] == \old(g[k]));
          @ assignable g[goff .. goff + len - 1];
          @ decreases len - j;
          @*/
        for (int j = 0; j < len; j++) {
            g[goff + j] = scaledProbability(scale, g[goff + j] * inv);
        }
        g[goff + y] = (0.0 - 1.0) * scale * rest;
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
        jacobianEntries(p, poff, dz, dzoff, dm, c, scale, out, ooff, len);
    }

    /**
     * out_i = scale * p_i * ((dz_i - dm) - c) entry by entry: the second step of
     * {@link #softmaxJacobianTimes} (dm = dz_m, c = sum_{j != m} p_j (dz_j - dm)). The functional contract
     * is stated for an output array separate from p and dz, all three at the same offset.
     */
    /*@ private normal_behavior
      @   requires p != null && dz != null && out != null && len >= 1;
      @   requires poff >= 0 && poff + len <= p.length && dzoff >= 0 && dzoff + len <= dz.length;
      @   requires ooff >= 0 && ooff + len <= out.length;
      @   assignable out[ooff .. ooff + len - 1];
      @ also private normal_behavior
      @   requires p != null && dz != null && out != null && len >= 1 && out != p && out != dz;
      @   requires ooff >= 0 && poff == ooff && dzoff == ooff;
      @   requires ooff + len <= p.length && ooff + len <= dz.length && ooff + len <= out.length;
      @   ensures (\forall int k; ooff <= k && k < ooff + len;
      @       out[k] == scale * p[k] * ((dz[k] - dm) - c) || (\fp_nan(out[k]) && \fp_nan(scale * p[k] * ((dz[k] - dm) - c))));
      @   assignable out[ooff .. ooff + len - 1];
      @*/
    private static void jacobianEntries(double[] p, int poff, double[] dz, int dzoff, double dm, double c,
                                        double scale, double[] out, int ooff, int len) {
        /*@ loop_invariant 0 <= i && i <= len;
          @ loop_invariant (out != p && out != dz && poff == ooff && dzoff == ooff) ==> (\forall int k; ooff <= k && k < ooff + i;
          @       out[k] == scale * p[k] * ((dz[k] - dm) - c) || (\fp_nan(out[k]) && \fp_nan(scale * p[k] * ((dz[k] - dm) - c))));
          @ assignable out[ooff .. ooff + len - 1];
          @ decreases len - i;
          @*/
        for (int i = 0; i < len; i++) {
            out[ooff + i] = scale * p[poff + i] * ((dz[dzoff + i] - dm) - c);
        }
    }
}
