package org.ufm.solver;

import java.util.Arrays;
import org.ufm.compute.Dot;
import org.ufm.compute.Pieces;

/**
 * The L-BFGS direction from pairs that stay fixed in R^n (a flat space, or a memory that is not transported) from
 * the compact representation of
 * Byrd, Nocedal and Schnabel (1994), the form L-BFGS-B uses: with the k stored pairs as columns of S and Y
 * (oldest first), R the upper triangle of S^T Y (R_ij = s_i.y_j, i &lt;= j), D its diagonal and the initial
 * matrix H_0 = Gamma = gamma_b I on each block b of variables ({@link VariableBlocks}),
 * <pre>
 *   H g = Gamma g + S u - Gamma Y p,   p = R^{-1} S^T g,   u = R^{-T} ((D + Y^T Gamma Y) p - Y^T Gamma g),
 * </pre>
 * the same H_k as the two-loop recursion with that H_0; Y^T Gamma Y = sum_b gamma_b Y_b^T Y_b and
 * Y^T Gamma g = sum_b gamma_b Y_b^T g_b come from block-wise inner products. Two passes per iteration, each
 * reading every stored vector once: pass 1 forms a = S^T g and b = Y^T g five pairs at a time in one loop
 * ({@link PairDots}: the ten stored vectors stream side by side and g is read once for them), pass 2 forms
 * eta = -H g and g.eta tile by tile ({@link #directionSlice}). Both run piece by piece over the fixed
 * {@link Pieces}, in parallel on the manifold's threads: two hand-offs per iteration where the two-loop recursion
 * needs 2k + 1, and about half its memory traffic (it also reads and writes eta 2k times).
 *
 * <p>The new column of R and of each Y_b^T Y_b costs no pass: with g' = g + y_new (the gradient at the new point),
 * s_i.y_new = s_i.g' - s_i.g and y_i.y_new = y_i.g' - y_i.g (block by block), the differences of this pass 1's
 * a, b and the previous one's (the absolute error is that of the dot products, eps |s_i| |g| sqrt(n) at most);
 * s_new.y_new and y_new.y_new come from the pass that formed the pair. Partial sums are added in piece order, so the
 * results are the same, bit for bit, for any number of threads.
 */
final class CompactLbfgs {

    /** Entries of eta per tile of pass 2 (16 KB: the tile and the pairs' stretches of it fit the L1 cache). */
    static final int TILE = 2048;

    private final int memory;
    private final Pieces pieces;
    private final VariableBlocks blocks;
    /** sy[i][j] = s_i . y_j for the pairs in slots i, j (filled for i older than or equal to j). */
    private final double[][] sy;
    /** yy[b][i][j] = y_i . y_j on block b (symmetric). */
    private final double[][][] yy;
    /** Partial sums of pass 1 per piece, per block, 2 per stored pair: s_q.g, y_q.g. */
    private final double[] partial;
    /** s_i . g and, per block, y_i . g at the previous direction, by slot. */
    private final double[] sgPrev;
    private final double[][] ygPrev;
    /** Slots oldest first, for the current call. */
    private final int[] order;
    /** Slot of a pair added since the last direction whose inner products are not yet in sy, yy; -1 if none. */
    private int fresh = -1;
    private double freshSy;
    private double[] freshYy;

    CompactLbfgs(int memory, Pieces pieces, VariableBlocks blocks) {
        int nb = blocks.count();
        this.memory = memory;
        this.pieces = pieces;
        this.blocks = blocks;
        this.sy = new double[memory][memory];
        this.yy = new double[nb][memory][memory];
        this.partial = new double[Pieces.COUNT * nb * 2 * memory];
        this.order = new int[memory];
        this.sgPrev = new double[memory];
        this.ygPrev = new double[nb][memory];
        this.freshYy = new double[nb];
    }

    /**
     * The pair in {@code slot}, y = g' - g with g the gradient of the last {@link #direction} call, is new, with
     * s.y = {@code sy} and y_b.y_b = {@code yy[b]} on each block; its products with the older pairs come from the
     * next pass 1.
     */
    void added(int slot, double sy, double[] yy) {
        fresh = slot;
        freshSy = sy;
        System.arraycopy(yy, 0, freshYy, 0, freshYy.length);
    }

    /**
     * eta = -H g over the {@code stored} >= 1 pairs ending with {@code newest} in the ring of slots, with
     * H_0 = gamma[b] I on block b; returns g . eta.
     */
    double direction(int stored, int newest, double[][] s, double[][] y, double[] gamma, double[] g, double[] eta) {
        int k = stored;
        int nb = blocks.count();
        for (int q = 0; q < k; q++) {
            order[q] = Math.floorMod(newest - (k - 1 - q), memory);
        }
        int f = fresh;
        fresh = -1;
        // pass 1: a = S^T g, and b = Y_b^T g_b on each block
        pieces.forEach((from, to, p) -> {
            Arrays.fill(partial, p * nb * 2 * memory, (p + 1) * nb * 2 * memory, 0.0);
            for (int bl = blocks.first(from); bl < nb && blocks.start(bl) < to; bl++) {
                int lo = Math.max(from, blocks.start(bl));
                int len = Math.min(to, blocks.end(bl)) - lo;
                int base = (p * nb + bl) * 2 * memory;
                int q = 0;
                for (; q + PairDots.GROUP <= k; q += PairDots.GROUP) {
                    PairDots.five(s, y, order, q, g, lo, lo + len, partial, base + 2 * q);
                }
                for (; q < k; q++) {
                    partial[base + 2 * q] = Dot.dot(s[order[q]], lo, g, lo, len);
                    partial[base + 2 * q + 1] = Dot.dot(y[order[q]], lo, g, lo, len);
                }
            }
        });
        double[] a = new double[k];
        double[][] b = new double[nb][k];
        for (int p = 0; p < Pieces.COUNT; p++) {
            for (int bl = 0; bl < nb; bl++) {
                int base = (p * nb + bl) * 2 * memory;
                for (int q = 0; q < k; q++) {
                    a[q] += partial[base + 2 * q];
                    b[bl][q] += partial[base + 2 * q + 1];
                }
            }
        }
        if (f >= 0) {
            for (int q = 0; q < k; q++) {
                int i = order[q];
                if (i == f) {
                    sy[f][f] = freshSy;
                } else {
                    sy[i][f] = a[q] - sgPrev[i];
                }
                for (int bl = 0; bl < nb; bl++) {
                    if (i == f) {
                        yy[bl][f][f] = freshYy[bl];
                    } else {
                        yy[bl][i][f] = b[bl][q] - ygPrev[bl][i];
                        yy[bl][f][i] = yy[bl][i][f];
                    }
                }
            }
        }
        for (int q = 0; q < k; q++) {
            sgPrev[order[q]] = a[q];
            for (int bl = 0; bl < nb; bl++) {
                ygPrev[bl][order[q]] = b[bl][q];
            }
        }
        // p = R^{-1} a (back substitution), then u = R^{-T} ((D + Y^T Gamma Y) p - Y^T Gamma g) (forward)
        double[] pv = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double v = a[i];
            for (int j = i + 1; j < k; j++) {
                v -= sy[order[i]][order[j]] * pv[j];
            }
            pv[i] = v / sy[order[i]][order[i]];
        }
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            double v = sy[order[i]][order[i]] * pv[i];
            for (int bl = 0; bl < nb; bl++) {
                v -= gamma[bl] * b[bl][i];
            }
            for (int j = 0; j < k; j++) {
                for (int bl = 0; bl < nb; bl++) {
                    v += gamma[bl] * yy[bl][order[i]][order[j]] * pv[j];
                }
            }
            w[i] = v;
        }
        double[] u = new double[k];
        for (int i = 0; i < k; i++) {
            double v = w[i];
            for (int j = 0; j < i; j++) {
                v -= sy[order[j]][order[i]] * u[j];
            }
            u[i] = v / sy[order[i]][order[i]];
        }
        // pass 2: eta = -Gamma g - S u + Gamma Y p, and g . eta
        double[] cs = new double[k];
        double[][] cy = new double[nb][k];
        for (int q = 0; q < k; q++) {
            cs[q] = -u[q];
            for (int bl = 0; bl < nb; bl++) {
                cy[bl][q] = gamma[bl] * pv[q];
            }
        }
        return pieces.sum((from, to) -> {
            for (int bl = blocks.first(from); bl < nb && blocks.start(bl) < to; bl++) {
                int lo = Math.max(from, blocks.start(bl));
                int hi = Math.min(to, blocks.end(bl));
                directionSlice(gamma[bl], g, s, y, order, k, cs, cy[bl], eta, lo, hi);
            }
            return Dot.dot(g, from, eta, from, to - from);
        });
    }

    /**
     * Pass 2 on [lo, hi): eta = -gamma g + sum_q (cs_q s_q + cy_q y_q), the pairs added one after the other in q
     * order, {@value #TILE} entries at a time: the stretch of eta stays in the first-level cache while each pair
     * streams past it in a loop HotSpot vectorises (one loop over five pairs at once is not vectorised: it ran at
     * 24 GB/s in cache where one pair at a time over a tile runs at 74, and 1.23 ms against 0.60 ms for a pass of
     * five pairs over 270,100 unknowns on 2 threads). Each entry gets the same doubles in the same order either way.
     */
    static void directionSlice(double gamma, double[] g, double[][] s, double[][] y, int[] order, int k, double[] cs,
                               double[] cy, double[] eta, int lo, int hi) {
        for (int t = lo; t < hi; t += TILE) {
            int e = Math.min(hi, t + TILE);
            negatedScaledCopy(gamma, g, eta, t, e);
            for (int q = 0; q < k; q++) {
                addPair(cs[q], s[order[q]], cy[q], y[order[q]], eta, t, e);
            }
        }
    }

    /*
     * The element loops of pass 2 are methods of their own, not loops in its lambda: a lambda that ran them was
     * compiled by C2 three times in a CE n=20 solve (twice on stack replacement, once normally, 0.11 s of compiler
     * time on a 2-core machine), and again when the memory filled and the five-pair loop it had then first ran.
     */

    /** eta[lo..hi) = -gamma g[lo..hi). */
    private static void negatedScaledCopy(double gamma, double[] g, double[] eta, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            eta[i] = -gamma * g[i];
        }
    }

    /** eta[lo..hi) += c1 s + c2 y. */
    private static void addPair(double c1, double[] s, double c2, double[] y, double[] eta, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            eta[i] += c1 * s[i] + c2 * y[i];
        }
    }
}
