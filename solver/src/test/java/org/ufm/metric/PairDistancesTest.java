package org.ufm.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;

/** The pair tables: the same on any pool, within their error bound, and exact-by-differences where the Gram form cancels. */
class PairDistancesTest {

    /**
     * The pair table on a pool holds, bit for bit, what one thread computes, in the a-major order, and every entry is
     * within the stated relative error 4 gamma_d + 7u of the exact squared distance (of the rows as doubles).
     */
    @Test
    void pairTableOnAPoolIsTheOneThreadTableAndWithinItsBound() {
        Random random = new Random(9);
        for (int k : new int[] {2, 3, 17, 40}) {
            for (int d : new int[] {7, 300}) {
                double[][] rows = gaussianRows(random, k, d, 0.0, 1.0);
                try (Chunks pool = new Chunks(3)) {
                    double[][] g = RowProducts.gram(rows);
                    double[] got = PairDistances.squared(rows, g, pool);
                    assertEquals(k * (k - 1) / 2, got.length);
                    assertArrayEquals(PairDistances.squared(rows, g, null), got, 0.0);
                    assertWithinPairBound(rows, got);
                }
            }
        }
    }

    /**
     * Rows far from the origin and close together, where the Gram form G_aa + G_cc - 2 G_ac cancels (it is wrong in
     * the leading digits here): unshifted, every pair falls back to the differences, bit for bit; shifted by their
     * mean, the Gram form of the shifted rows is used and stays within its bound of the exact distances.
     */
    @Test
    void nearRowsFarFromTheOriginKeepTheirAccuracy() {
        Random random = new Random(4);
        int k = 12;
        int d = 64;
        double[][] rows = gaussianRows(random, k, d, 1e4, 1e-3);
        double[] got = PairDistances.squared(rows, RowProducts.gram(rows), null);
        int t = 0;
        for (int a = 0; a < k; a++) {
            for (int c = a + 1; c < k; c++) {
                assertEquals(RowProducts.squaredDistance(rows[a], rows[c]), got[t++], 0.0, "pair " + a + ", " + c);
            }
        }
        assertWithinPairBound(rows, got);
        double[] mean = new double[d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                mean[i] += r[i] / k;
            }
        }
        double[][] shifted = new double[k][d];
        for (int a = 0; a < k; a++) {
            for (int i = 0; i < d; i++) {
                shifted[a][i] = rows[a][i] - mean[i];
            }
        }
        assertWithinPairBound(rows, PairDistances.squared(rows, RowProducts.gram(shifted), null));
        // the Gram form on the rows themselves, which the fallback avoids, is far off
        double[][] g = RowProducts.gram(rows);
        double gramForm = g[0][0] + g[1][1] - 2.0 * g[0][1];
        assertTrue(Math.abs(gramForm - got[0]) > 1e-3 * got[0], "the Gram form cancels: " + gramForm + " vs " + got[0]);
    }

    private static double[][] gaussianRows(Random random, int k, int d, double offset, double scale) {
        double[][] rows = new double[k][d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                r[i] = offset + scale * random.nextGaussian();
            }
        }
        return rows;
    }

    /** Every entry within 4 gamma_d + 7u of the exact ||r_a - r_c||^2 (BigDecimal sums of exact squares). */
    private static void assertWithinPairBound(double[][] rows, double[] table) {
        int d = rows[0].length;
        double u = Math.ulp(1.0) / 2;
        double bound = 4 * d * u / (1 - d * u) + 7 * u;
        int t = 0;
        for (int a = 0; a < rows.length; a++) {
            for (int c = a + 1; c < rows.length; c++) {
                java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
                for (int i = 0; i < d; i++) {
                    java.math.BigDecimal diff = new java.math.BigDecimal(rows[a][i])
                            .subtract(new java.math.BigDecimal(rows[c][i]));
                    exact = exact.add(diff.multiply(diff));
                }
                double want = exact.doubleValue();
                assertEquals(want, table[t++], bound * want, "pair " + a + ", " + c);
            }
        }
    }
}
