package org.ufm.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.npy.RowSource;

/** The two-pass statistics against direct d x d computations, and their independence of the block size. */
class FeatureStatisticsTest {

    private static double[][] features(Random r, int[] y, int k, int d, double spread) {
        double[][] mu = new double[k][d];
        for (double[] m : mu) {
            for (int i = 0; i < d; i++) {
                m[i] = r.nextGaussian() * 3;
            }
        }
        double[][] h = new double[y.length][d];
        for (int j = 0; j < y.length; j++) {
            for (int i = 0; i < d; i++) {
                h[j][i] = mu[y[j]][i] + spread * r.nextGaussian();
            }
        }
        return h;
    }

    private static int[] labels(Random r, int n, int k) {
        int[] y = new int[n];
        for (int j = 0; j < n; j++) {
            y[j] = j < k ? j : r.nextInt(k);
        }
        return y;
    }

    /** Tr(Sigma_W pinv(Sigma_B)) with d x d matrices and Hipparchus's SVD pseudo-inverse. */
    private static double directRatio(double[][] h, int[] y, int k) {
        int n = h.length;
        int d = h[0].length;
        double[][] mu = new double[k][d];
        int[] cnt = new int[k];
        double[] g = new double[d];
        for (int j = 0; j < n; j++) {
            cnt[y[j]]++;
            for (int i = 0; i < d; i++) {
                mu[y[j]][i] += h[j][i];
                g[i] += h[j][i] / n;
            }
        }
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                mu[c][i] /= cnt[c];
            }
        }
        double[][] sw = new double[d][d];
        double[][] sb = new double[d][d];
        for (int j = 0; j < n; j++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    sw[a][b] += (h[j][a] - mu[y[j]][a]) * (h[j][b] - mu[y[j]][b]) / n;
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    sb[a][b] += (mu[c][a] - g[a]) * (mu[c][b] - g[b]) / k;
                }
            }
        }
        RealMatrix pinv = new SingularValueDecomposition(new Array2DRowRealMatrix(sb)).getSolver().getInverse();
        return new Array2DRowRealMatrix(sw).multiply(pinv).getTrace();
    }

    @Test
    void ratioMatchesTheDirectPseudoInverseForDAboveAndBelowK() {
        Random r = new Random(3);
        for (int[] kd : new int[][] {{5, 7}, {6, 3}, {3, 20}}) {
            int k = kd[0];
            int d = kd[1];
            int[] y = labels(r, 90, k);
            double[][] h = features(r, y, k, d, 0.7);
            FeatureStatistics s = FeatureStatistics.of(h, y, k, null, null);
            double want = directRatio(h, y, k);
            assertEquals(want, s.traceWithinOverBetween, 1e-10 * want, "K=" + k + " d=" + d);
        }
    }

    @Test
    void blockSizeChangesOnlyRounding() throws IOException {
        Random r = new Random(4);
        int k = 4;
        int d = 6;
        int[] y = labels(r, 53, k);
        double[][] h = features(r, y, k, d, 1.0);
        double[][] w = features(r, new int[] {0, 1, 2, 3}, k, d, 1.0);
        double[] b = {0.3, -0.2, 0.1, 0.5};
        FeatureStatistics all = FeatureStatistics.of(RowSource.of(h), y, k, w, b, 53, null);
        for (int block : new int[] {1, 7, 52}) {
            FeatureStatistics s = FeatureStatistics.of(RowSource.of(h), y, k, w, b, block, null);
            assertEquals(all.traceWithinOverBetween, s.traceWithinOverBetween, 1e-13 * all.traceWithinOverBetween);
            assertEquals(all.traceWithin, s.traceWithin, 1e-13 * all.traceWithin);
            assertEquals(all.nccMismatch, s.nccMismatch, 0.0);
            assertEquals(all.nccAgreementNoBias, s.nccAgreementNoBias, 0.0);
        }
    }

    /**
     * Pass 2 in {@link FeatureStatistics#parts} stretches per block: the same doubles with no pool and with 1, 2 or
     * 3 threads, and within rounding of one stretch per block (blocks of 255 rows are not cut).
     */
    @Test
    void stretchesAreThreadIndependentAndChangeOnlyRounding() throws IOException {
        Random r = new Random(6);
        int k = 7;
        int d = 5;
        int[] y = labels(r, 3001, k);
        double[][] h = features(r, y, k, d, 1.5);
        double[][] w = features(r, new int[] {0, 1, 2, 3, 4, 5, 6}, k, d, 1.0);
        double[] b = {0.3, -0.2, 0.1, 0.5, 0.0, -0.7, 0.2};
        assertEquals(8, FeatureStatistics.parts(3001));
        assertEquals(1, FeatureStatistics.parts(255));
        FeatureStatistics alone = FeatureStatistics.of(RowSource.of(h), y, k, w, b, 3001, null);
        for (int t = 1; t <= 3; t++) {
            try (Chunks chunks = new Chunks(t)) {
                FeatureStatistics s = FeatureStatistics.of(RowSource.of(h), y, k, w, b, 3001, chunks);
                assertEquals(alone.traceWithinOverBetween, s.traceWithinOverBetween, 0.0, t + " threads");
                assertEquals(alone.traceWithin, s.traceWithin, 0.0, t + " threads");
                assertArrayEquals(alone.classVariances, s.classVariances, 0.0, t + " threads");
                assertEquals(alone.nccMismatch, s.nccMismatch, 0.0, t + " threads");
                assertEquals(alone.nccAgreementNoBias, s.nccAgreementNoBias, 0.0, t + " threads");
            }
        }
        FeatureStatistics uncut = FeatureStatistics.of(RowSource.of(h), y, k, w, b, 255, null);
        assertEquals(uncut.traceWithinOverBetween, alone.traceWithinOverBetween, 1e-13 * uncut.traceWithinOverBetween);
        assertEquals(uncut.traceWithin, alone.traceWithin, 1e-13 * uncut.traceWithin);
        assertArrayEquals(uncut.classVariances, alone.classVariances, 1e-13 * uncut.traceWithin);
        assertEquals(uncut.nccMismatch, alone.nccMismatch, 0.0);
        assertEquals(uncut.nccAgreementNoBias, alone.nccAgreementNoBias, 0.0);
    }

    @Test
    void decisionsAndVariancesMatchLoops() {
        Random r = new Random(5);
        int k = 5;
        int d = 4;
        int[] y = labels(r, 200, k);
        double[][] h = features(r, y, k, d, 2.5);
        double[][] w = features(r, new int[] {0, 1, 2, 3, 4}, k, d, 1.0);
        double[] b = {1, -1, 0.5, 0, 2};
        FeatureStatistics s = FeatureStatistics.of(h, y, k, w, b);
        int mismatch = 0;
        int agree = 0;
        double[] var = new double[k];
        for (int j = 0; j < h.length; j++) {
            int near = 0;
            int arg = 0;
            int argNoBias = 0;
            for (int c = 1; c < k; c++) {
                if (dist(h[j], s.means[c]) < dist(h[j], s.means[near])) {
                    near = c;
                }
                if (dot(w[c], h[j]) + b[c] > dot(w[arg], h[j]) + b[arg]) {
                    arg = c;
                }
                if (dot(w[c], h[j]) > dot(w[argNoBias], h[j])) {
                    argNoBias = c;
                }
            }
            mismatch += arg != near ? 1 : 0;
            agree += argNoBias == near ? 1 : 0;
            var[y[j]] += dist(h[j], s.means[y[j]]) / s.counts[y[j]];
        }
        assertEquals(mismatch / 200.0, s.nccMismatch, 0.0);
        assertEquals(agree / 200.0, s.nccAgreementNoBias, 0.0);
        for (int c = 0; c < k; c++) {
            assertEquals(var[c], s.classVariances[c], 1e-12 * var[c]);
        }
        double cdnv = 0.0;
        for (int a = 0; a < k; a++) {
            for (int c = a + 1; c < k; c++) {
                cdnv += (var[a] + var[c]) / 2 / dist(s.means[a], s.means[c]) / (k * (k - 1) / 2.0);
            }
        }
        double got = NeuralCollapseMetrics.of(s, w, b).all().get("variability_cdnv");
        assertEquals(cdnv, got, 1e-12 * cdnv);
        assertEquals(1.0 - mismatch / 200.0, 1.0 - NeuralCollapseMetrics.of(s, w, b).nc4(), 0.0);
        java.util.Map<String, Double> all = NeuralCollapseMetrics.of(s, w, b).all();
        double[] g = new double[d];
        for (double[] row : h) {
            for (int i = 0; i < d; i++) {
                g[i] += row[i] / h.length;
            }
        }
        double rel = 0.0;
        for (int c = 0; c < k; c++) {
            double z = dot(w[c], g) + b[c];
            rel += z * z;
        }
        assertEquals(Math.sqrt(rel), all.get("bias_relation_zhu"), 1e-12 * Math.sqrt(rel));
        assertEquals(all.get("nc3_papyan") * all.get("nc3_papyan"), all.get("nc3_papyan_sq"), 0.0);
        // uncentred means: differs from the centred product form unless mu_G = 0
        assertTrue(Math.abs(all.get("nc3_yaras_uncentred") - all.get("nc3_zhu_product")) > 1e-6);
    }

    @Test
    void emptyClassIsRejected() {
        double[][] h = {{1, 2}, {3, 4}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureStatistics.of(h, new int[] {0, 2}, 3, null, null));
        assertEquals("class 1 has no sample", e.getMessage());
    }

    private static double dist(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
