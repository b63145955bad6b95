package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused pass-1 loop and the tiled pass 2 against one pair at a time, on a stretch that starts and ends inside the vectors. */
class PairDotsTest {

    private static final int N = 10_007;
    private static final int LO = 13;
    private static final int HI = N - 29;

    private static double[][] gaussian(Random r, int count) {
        double[][] v = new double[count][N];
        for (double[] u : v) {
            for (int i = 0; i < N; i++) {
                u[i] = r.nextGaussian();
            }
        }
        return v;
    }

    /** Slots 6, 0, 3, 1, 5 of seven: the group reads the pairs the ring order names, not the first five. */
    private static final int[] SLOT = {2, 6, 0, 3, 1, 5, 4};

    @Test
    void fiveDotProductsMatchOneAtATime() {
        Random r = new Random(11);
        double[][] s = gaussian(r, 7);
        double[][] y = gaussian(r, 7);
        double[] g = gaussian(r, 1)[0];
        double[] out = new double[13];
        PairDots.five(s, y, SLOT, 1, g, LO, HI, out, 2);
        for (int j = 0; j < PairDots.GROUP; j++) {
            double sg = 0.0;
            double yg = 0.0;
            double scale = 0.0;
            for (int i = LO; i < HI; i++) {
                sg += s[SLOT[1 + j]][i] * g[i];
                yg += y[SLOT[1 + j]][i] * g[i];
                scale += Math.abs(g[i]) * (Math.abs(s[SLOT[1 + j]][i]) + Math.abs(y[SLOT[1 + j]][i]));
            }
            assertEquals(sg, out[2 + 2 * j], 1e-13 * scale, "s . g of pair " + j);
            assertEquals(yg, out[3 + 2 * j], 1e-13 * scale, "y . g of pair " + j);
        }
        assertEquals(0.0, out[0]);
        assertEquals(0.0, out[1]);
        assertEquals(0.0, out[12]);
    }

    /**
     * Pass 2 tile by tile ({@link CompactLbfgs#directionSlice}) against the whole stretch one pair after the other:
     * the same doubles, on a stretch longer than three tiles that starts and ends inside the vectors and inside a tile.
     */
    @Test
    void tiledDirectionGivesTheDoublesOfOnePairAfterTheOther() {
        Random r = new Random(12);
        double[][] s = gaussian(r, 7);
        double[][] y = gaussian(r, 7);
        double[] g = gaussian(r, 1)[0];
        double[] cs = {0.3, -1.7, 2.5, 0.01, -0.4, 1.1, 9.0};
        double[] cy = {-2.0, 0.6, 0.02, 3.3, -1.25, 0.7, -9.0};
        double gamma = 0.37;
        int k = 6;
        double[] want = new double[N];
        for (int i = LO; i < HI; i++) {
            want[i] = -gamma * g[i];
        }
        for (int q = 0; q < k; q++) {
            for (int i = LO; i < HI; i++) {
                want[i] += cs[q] * s[SLOT[q]][i] + cy[q] * y[SLOT[q]][i];
            }
        }
        double[] eta = new double[N];
        CompactLbfgs.directionSlice(gamma, g, s, y, SLOT, k, cs, cy, eta, LO, HI);
        assertArrayEquals(want, eta, 0.0);
        assertEquals(0.0, eta[LO - 1]);
        assertEquals(0.0, eta[HI]);
    }
}
