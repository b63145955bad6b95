package org.ufm.solver;

import java.util.Arrays;
import org.ufm.compute.Pieces;

/**
 * The element-wise passes of L-BFGS over tangent vectors of length n, each fused so that one read of the
 * vectors does what separate loops did in two or three: an update of the direction eta together with the
 * inner product the recursion needs next, and the new pair (s, y) together with s.y, s.s and y.y.
 *
 * <p>Every pass runs over the manifold's fixed {@link Pieces} (in parallel on its threads when it has them).
 * A piece sums in four interleaved partial sums combined as (s0 + s1) + (s2 + s3), as
 * {@link org.ufm.compute.Dot} does, and the pieces' sums are added in piece order: the results are the same,
 * bit for bit, for any number of threads. Inner products are ambient dot products, the metric of every
 * {@link org.ufm.manifold.Manifold}.
 */
final class LbfgsPasses {

    private final Pieces pieces;
    private final VariableBlocks blocks;
    /** Partial sums of {@link #pair}, three per block per piece. */
    private final double[] partial;

    LbfgsPasses(Pieces pieces, VariableBlocks blocks) {
        this.pieces = pieces;
        this.blocks = blocks;
        this.partial = new double[3 * blocks.count() * Pieces.COUNT];
    }

    /** eta = c u, returning v . eta (v may be u). */
    double scaledCopyDot(double c, double[] u, double[] eta, double[] v) {
        return pieces.sum((from, to) -> {
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            int i = from;
            for (; i + 3 < to; i += 4) {
                double e0 = c * u[i];
                double e1 = c * u[i + 1];
                double e2 = c * u[i + 2];
                double e3 = c * u[i + 3];
                eta[i] = e0;
                eta[i + 1] = e1;
                eta[i + 2] = e2;
                eta[i + 3] = e3;
                s0 += v[i] * e0;
                s1 += v[i + 1] * e1;
                s2 += v[i + 2] * e2;
                s3 += v[i + 3] * e3;
            }
            for (; i < to; i++) {
                double e = c * u[i];
                eta[i] = e;
                s0 += v[i] * e;
            }
            return (s0 + s1) + (s2 + s3);
        });
    }

    /** eta = c (eta + a u), returning v . eta; c = 1 is the plain update eta += a u. */
    double axpyDot(double a, double[] u, double c, double[] eta, double[] v) {
        double[] same = new double[blocks.count()];
        Arrays.fill(same, c);
        return axpyDot(a, u, same, eta, v);
    }

    /**
     * eta = c_b (eta + a u) on each block b (the initial Hessian -gamma_b I of the two-loop recursion), returning
     * v . eta. Each block's stretch of a piece is summed in four interleaved partial sums and the stretches in
     * block order, so the result does not depend on the number of threads.
     */
    double axpyDot(double a, double[] u, double[] c, double[] eta, double[] v) {
        return pieces.sum((from, to) -> {
            double sum = 0.0;
            for (int b = blocks.first(from); b < blocks.count() && blocks.start(b) < to; b++) {
                int lo = Math.max(from, blocks.start(b));
                int hi = Math.min(to, blocks.end(b));
                double cb = c[b];
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                double s3 = 0.0;
                int i = lo;
                for (; i + 3 < hi; i += 4) {
                    double e0 = cb * (eta[i] + a * u[i]);
                    double e1 = cb * (eta[i + 1] + a * u[i + 1]);
                    double e2 = cb * (eta[i + 2] + a * u[i + 2]);
                    double e3 = cb * (eta[i + 3] + a * u[i + 3]);
                    eta[i] = e0;
                    eta[i + 1] = e1;
                    eta[i + 2] = e2;
                    eta[i + 3] = e3;
                    s0 += v[i] * e0;
                    s1 += v[i + 1] * e1;
                    s2 += v[i + 2] * e2;
                    s3 += v[i + 3] * e3;
                }
                for (; i < hi; i++) {
                    double e = cb * (eta[i] + a * u[i]);
                    eta[i] = e;
                    s0 += v[i] * e;
                }
                sum += (s0 + s1) + (s2 + s3);
            }
            return sum;
        });
    }

    /**
     * The new pair s = t u and y = g1 - g0, returning {s.y, s.s, y.y} and then, block by block, {s_b.y_b, y_b.y_b}
     * (3 + 2 B numbers for B blocks; the totals are the blocks' sums). Entry by entry, so s may alias u and
     * y may alias g0 (then s = t s, y = g1 - y in place).
     */
    double[] pair(double t, double[] u, double[] s, double[] g1, double[] g0, double[] y) {
        int nb = blocks.count();
        pieces.forEach((from, to, p) -> {
            Arrays.fill(partial, 3 * p * nb, 3 * (p + 1) * nb, 0.0);
            for (int b = blocks.first(from); b < nb && blocks.start(b) < to; b++) {
                int lo = Math.max(from, blocks.start(b));
                int hi = Math.min(to, blocks.end(b));
                pairSlice(t, u, s, g1, g0, y, lo, hi, partial, 3 * (p * nb + b));
            }
        });
        double[] sums = new double[3 + 2 * nb];
        for (int p = 0; p < Pieces.COUNT; p++) {
            for (int b = 0; b < nb; b++) {
                int at = 3 * (p * nb + b);
                sums[0] += partial[at];
                sums[1] += partial[at + 1];
                sums[2] += partial[at + 2];
                sums[3 + 2 * b] += partial[at];
                sums[4 + 2 * b] += partial[at + 2];
            }
        }
        return sums;
    }

    /**
     * s = t u and y = g1 - g0 on [lo, hi), with s.y, s.s and y.y into out[at..at+3). A method of its own, not a loop
     * in {@link #pair}'s lambda, so that C2 compiles the loop once and not the lambda on stack replacement and again
     * normally (as {@link CompactLbfgs}'s pass 2).
     */
    private static void pairSlice(double t, double[] u, double[] s, double[] g1, double[] g0, double[] y, int lo, int hi,
                                  double[] out, int at) {
        double sy = 0.0;
        double ss = 0.0;
        double yy = 0.0;
        for (int i = lo; i < hi; i++) {
            double si = t * u[i];
            double yi = g1[i] - g0[i];
            s[i] = si;
            y[i] = yi;
            sy += si * yi;
            ss += si * si;
            yy += yi * yi;
        }
        out[at] = sy;
        out[at + 1] = ss;
        out[at + 2] = yy;
    }
}
