package org.ufm.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;

/** The metrics vanish at the closed-form optimum, are NaN where undefined, and detect non-collapse. */
class NeuralCollapseMetricsTest {

    private static final Chunks ONE = new Chunks(1);

    @Test
    void allMetricsVanishAtTheOptimum() {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(5, 4), 7, 5e-4, 5e-4, 0, true, ONE);
        double[] x = CrossEntropyClosedForm.optimalPoint(m, new Random(2));
        NeuralCollapseMetrics nc = NeuralCollapseMetrics.compute(m.classifierRows(x), m.featureColumns(x),
                m.labels().toArray(), m.bias(x));
        // the kernel averages are not errors: at a simplex ETF every pair of normalised centred means is
        // sqrt(2 K/(K-1)) apart (K = 5); every other variant, both kernel variances, vanish; clf_ncc_agreement is 1
        double etfDistance = Math.sqrt(2.0 * 5 / 4);
        for (java.util.Map.Entry<String, Double> e : nc.all().entrySet()) {
            double want = e.getKey().equals("kernel_stats_dist_avg") ? etfDistance
                    : e.getKey().equals("kernel_stats_log_avg") ? -Math.log(etfDistance)
                    : e.getKey().equals("clf_ncc_agreement") ? 1.0 : 0.0;
            assertEquals(want, e.getValue(), 1e-12, e.getKey());
        }
        assertEquals(1.0, nc.all().get("clf_ncc_agreement"), 0.0);
    }

    @Test
    void undefinedAtTheOriginNotZero() {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(3, 2), 4, 0.5, 0.5, 0, true, ONE);
        double[] x = new double[m.ambientDimension()];
        NeuralCollapseMetrics nc = NeuralCollapseMetrics.compute(m.classifierRows(x), m.featureColumns(x),
                m.labels().toArray(), m.bias(x));
        assertTrue(Double.isNaN(nc.nc1()));
        assertTrue(Double.isNaN(nc.nc2()));
        assertTrue(Double.isNaN(nc.nc3()));
    }

    @Test
    void randomPointIsFarFromCollapse() {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 6), 8, 5e-4, 5e-4, 0, true, ONE);
        double[] x = new double[m.ambientDimension()];
        m.initialPoint(new Random(5), 1.0, x);
        NeuralCollapseMetrics nc = NeuralCollapseMetrics.compute(m.classifierRows(x), m.featureColumns(x),
                m.labels().toArray(), m.bias(x));
        assertTrue(nc.nc1() > 0.1, "nc1 " + nc.nc1());
        assertTrue(nc.nc2() > 0.1, "nc2 " + nc.nc2());
        assertTrue(nc.nc3() > 0.1, "nc3 " + nc.nc3());
    }

    @Test
    void etfDistanceOfTheSimplexGramIsZeroAndOfTheIdentityIsNot() {
        int k = 4;
        double[][] etf = new double[k][k];
        double[][] id = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                etf[a][b] = (a == b ? 1.0 : 0.0) - 1.0 / k;
                id[a][b] = a == b ? 1.0 : 0.0;
            }
        }
        assertEquals(0.0, NeuralCollapseMetrics.etfDistance(etf), 1e-15);
        assertTrue(NeuralCollapseMetrics.etfDistance(id) > 0.2);
    }

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
                    double[] got = NeuralCollapseMetrics.pairSquaredDistances(rows, pool);
                    assertEquals(k * (k - 1) / 2, got.length);
                    assertArrayEquals(NeuralCollapseMetrics.pairSquaredDistances(rows, null), got, 0.0);
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
        double[] got = NeuralCollapseMetrics.pairSquaredDistances(rows, null);
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
        assertWithinPairBound(rows, NeuralCollapseMetrics.pairSquaredDistances(rows, RowProducts.gram(shifted), null));
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

    /**
     * The metrics with H read in place from the point (the report's path) are those of the copied feature rows, bit for
     * bit, with K below and above d, with and without a bias, on 1 and 2 threads; the origin test and the refusal of
     * a non-finite entry of H agree too.
     */
    @Test
    void featuresReadInPlaceGiveTheMetricsOfTheCopiedRows() {
        for (int[] kd : new int[][] {{6, 9}, {9, 4}}) {
            for (boolean bias : new boolean[] {true, false}) {
                for (int threads = 1; threads <= 2; threads++) {
                    try (Chunks chunks = new Chunks(threads)) {
                        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(kd[0], 5), kd[1], 5e-4, 5e-4,
                                bias ? 5e-4 : 0.0, bias, chunks);
                        double[] x = new double[m.ambientDimension()];
                        m.initialPoint(new Random(kd[0] + kd[1]), 1.0, x);
                        int n = m.labels().samples();
                        int[] y = m.labels().toArray();
                        NeuralCollapseMetrics copied = NeuralCollapseMetrics.at(m.classifierRows(x),
                                m.featureColumns(x), y, m.bias(x), chunks);
                        NeuralCollapseMetrics inPlace = NeuralCollapseMetrics.at(m.classifierRows(x), x, m.hOffset(), n,
                                m.dim(), y, m.bias(x), chunks);
                        assertEquals(copied.all(), inPlace.all(), "K, d = " + kd[0] + ", " + kd[1]);
                        assertEquals(NeuralCollapseMetrics.undefinedAt(m.classifierRows(x), m.featureColumns(x)),
                                NeuralCollapseMetrics.undefinedAt(m.classifierRows(x), x, m.hOffset(), n, m.dim()));
                        double[] tiny = x.clone();
                        for (int i = 0; i < tiny.length; i++) {
                            tiny[i] *= 1e-9;
                        }
                        assertTrue(NeuralCollapseMetrics.undefinedAt(m.classifierRows(tiny), tiny, m.hOffset(), n,
                                m.dim()), "at the origin");
                        x[m.hOffset() + 3] = Double.NaN;
                        assertEquals(null, NeuralCollapseMetrics.at(m.classifierRows(x), x, m.hOffset(), n, m.dim(), y,
                                m.bias(x), chunks));
                    }
                }
            }
        }
    }
}
