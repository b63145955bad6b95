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

    /**
     * eta[i] = (...((eta[i] + (cs_0 s_0[i] + cy_0 y_0[i])) + (cs_1 s_1[i] + cy_1 y_1[i])) + ...) over [lo, hi) for the
     * {@value #GROUP} pairs slot[q .. q + 4], with cs_j = cs[q + j] and cy_j = cy[q + j]: the same doubles as adding
     * the pairs one after the other, in one read and write of eta instead of five.
     */
    static void addFive(double[][] s, double[][] y, int[] slot, int q, double[] cs, double[] cy, double[] eta,
                        int lo, int hi) {
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
        double c0 = cs[q];
        double c1 = cs[q + 1];
        double c2 = cs[q + 2];
        double c3 = cs[q + 3];
        double c4 = cs[q + 4];
        double d0 = cy[q];
        double d1 = cy[q + 1];
        double d2 = cy[q + 2];
        double d3 = cy[q + 3];
        double d4 = cy[q + 4];
        for (int i = lo; i < hi; i++) {
            double e = eta[i] + (c0 * s0[i] + d0 * y0[i]);
            e += c1 * s1[i] + d1 * y1[i];
            e += c2 * s2[i] + d2 * y2[i];
            e += c3 * s3[i] + d3 * y3[i];
            eta[i] = e + (c4 * s4[i] + d4 * y4[i]);
        }
    }
}
