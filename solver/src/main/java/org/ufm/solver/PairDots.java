package org.ufm.solver;

/**
 * Pass 1 of the compact L-BFGS form on one stretch of the vectors: s_q . g and y_q . g for stored pairs, five
 * pairs in one loop. Reading g once for ten products instead of once per product (and streaming the ten stored
 * vectors side by side) halved this pass at 1.3 M unknowns: 6-8 ms against 14-15 ms with one dot product after
 * the other (2 threads, the pieces of {@link org.ufm.compute.Pieces}). Each product is one running sum in index
 * order, so the result depends on the stretch only.
 */
final class PairDots {

    /** Pairs per fused loop. */
    static final int GROUP = 5;

    private PairDots() {
    }

    /**
     * out[at + 2j] = s[slot[q + j]] . g and out[at + 2j + 1] = y[slot[q + j]] . g over [lo, hi), for
     * j = 0 .. {@value #GROUP} - 1.
     */
    static void five(double[][] s, double[][] y, int[] slot, int q, double[] g, int lo, int hi, double[] out, int at) {
        double[] s0 = s[slot[q]];
        double[] s1 = s[slot[q + 1]];
        double[] s2 = s[slot[q + 2]];
        double[] s3 = s[slot[q + 3]];
        double[] s4 = s[slot[q + 4]];
        double[] y0 = y[slot[q]];
        double[] y1 = y[slot[q + 1]];
        double[] y2 = y[slot[q + 2]];
        double[] y3 = y[slot[q + 3]];
        double[] y4 = y[slot[q + 4]];
        double a0 = 0.0;
        double a1 = 0.0;
        double a2 = 0.0;
        double a3 = 0.0;
        double a4 = 0.0;
        double b0 = 0.0;
        double b1 = 0.0;
        double b2 = 0.0;
        double b3 = 0.0;
        double b4 = 0.0;
        for (int i = lo; i < hi; i++) {
            double gi = g[i];
            a0 += s0[i] * gi;
            b0 += y0[i] * gi;
            a1 += s1[i] * gi;
            b1 += y1[i] * gi;
            a2 += s2[i] * gi;
            b2 += y2[i] * gi;
            a3 += s3[i] * gi;
            b3 += y3[i] * gi;
            a4 += s4[i] * gi;
            b4 += y4[i] * gi;
        }
        out[at] = a0;
        out[at + 1] = b0;
        out[at + 2] = a1;
        out[at + 3] = b1;
        out[at + 4] = a2;
        out[at + 5] = b2;
        out[at + 6] = a3;
        out[at + 7] = b3;
        out[at + 8] = a4;
        out[at + 9] = b4;
    }
}
