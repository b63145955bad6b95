package org.ufm.metric;

import org.ufm.compute.Chunks;

/**
 * The squared distances ||r_a - r_c||^2 of K rows over the K(K-1)/2 pairs a &lt; c, for the metrics' pair tables (CDNV,
 * kernel statistics): from a Gram matrix where that form keeps its digits, from differences where it would cancel.
 */
final class PairDistances {

    private PairDistances() {
    }

    /** The index of pair (a, a + 1) in the a-major table of K rows: a (K-1) - a(a-1)/2. */
    static int first(int a, int k) {
        return (int) ((long) a * (k - 1) - (long) a * (a - 1) / 2);
    }

    /**
     * ||r_a - r_c||^2 for the pairs a &lt; c, a-major ((0,1), (0,2), ..., (1,2), ...): pair (a, c) at
     * a (K-1) - a(a-1)/2 + c - a - 1. From the Gram matrix G of the rows (one dsyrk: O(K^2 d) flops at GEMM speed) as
     * G_aa + G_cc - 2 G_ac wherever that is at least {@value #GRAM_FORM_FLOOR} of G_aa + G_cc; its relative error is
     * then at most about 4 gamma_d + 3u (u = 2^-53, gamma_d = d u / (1 - d u): 2.3e-13 at d = 512) against gamma_d
     * for the differences; nearer pairs, where the Gram form cancels, by the differences
     * ({@link RowProducts#squaredDistance}). At K = 1000, d = 512 the two tables took 0.2-0.25 s on 2 threads by
     * differences alone, 0.10-0.12 s with the Gram form (each table then forming its own Gram product; a temporary
     * timer, certify on a solved point). Rows are dealt to {@value #PAIR_PIECES} pieces round-robin (row a to piece a mod pieces) and
     * run on {@code chunks}; each pair is computed alike on any thread.
     *
     * <p>{@code g} is the rows' Gram matrix ({@link RowProducts#gram}), or that of the rows less one common vector
     * (class means less the global mean: far from the origin, the rows' own Gram form would cancel for every pair), or
     * one scaled from another's (the unit means'); the differences are taken on the rows themselves. The shift's or
     * the scaling's rounding adds at most about 4u to the Gram form's relative error where it is used.
     */
    static double[] squared(double[][] rows, double[][] g, Chunks chunks) {
        int k = rows.length;
        double[] out = new double[k * (k - 1) / 2];
        int pieces = Math.max(1, Math.min(PAIR_PIECES, k - 1));
        Chunks.run(chunks, pieces, p -> {
            for (int a = p; a < k; a += pieces) {
                int t = first(a, k);
                for (int c = a + 1; c < k; c++) {
                    out[t++] = squared(rows, g, a, c);
                }
            }
        });
        return out;
    }

    /** The share of G_aa + G_cc below which a pair's squared distance is summed from differences. */
    static final double GRAM_FORM_FLOOR = 0.5;

    /**
     * ||r_a - r_c||^2 as G_aa + G_cc - 2 G_ac where that is at least {@link #GRAM_FORM_FLOOR} of G_aa + G_cc, else
     * by differences (also where the Gram form is not a number: an infinite or NaN entry).
     */
    private static double squared(double[][] rows, double[][] g, int a, int c) {
        double both = g[a][a] + g[c][c];
        double s = both - 2.0 * g[a][c];
        return s >= GRAM_FORM_FLOOR * both ? s : RowProducts.squaredDistance(rows[a], rows[c]);
    }

    /** Pieces of the pair tables. */
    static final int PAIR_PIECES = 16;
}
