package org.ufm.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.api.Test;

/**
 * The blocked-GEMM metrics against direct per-sample loops of their definitions (SPEC.md 5), at noisy
 * near-collapsed points where nc4 is neither 0 nor 1, with more samples than one block holds.
 */
class NeuralCollapseMetricsReferenceTest {

    @Test
    void blockedProductsMatchTheDefinitions() {
        check(5, 7, 40, 0.3, 1L);
        check(600, 4, 2500, 1.5, 2L); // K = 600: the K x K and K x N products at a size where blocking matters
    }

    private static void check(int k, int d, int n, double noise, long seed) {
        Random r = new Random(seed);
        double[][] w = new double[k][d];
        double[][] h = new double[n][d];
        double[] b = new double[k];
        int[] y = new int[n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                w[c][i] = r.nextGaussian();
            }
            b[c] = 0.1 * r.nextGaussian();
        }
        for (int j = 0; j < n; j++) {
            y[j] = j % k;
            for (int i = 0; i < d; i++) {
                h[j][i] = w[y[j]][i] + noise * r.nextGaussian();
            }
        }
        NeuralCollapseMetrics m = NeuralCollapseMetrics.compute(w, h, y, b);
        double[][] mu = new double[k][d];
        double[] muG = new double[d];
        int[] count = new int[k];
        for (int j = 0; j < n; j++) {
            count[y[j]]++;
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < d; i++) {
                mu[y[j]][i] += h[j][i] / count[y[j]];
                muG[i] += h[j][i] / n;
            }
        }
        // nc4: argmax logits against the nearest mean by exact squared distances
        int mismatched = 0;
        for (int j = 0; j < n; j++) {
            int arg = 0;
            int near = 0;
            double best = Double.NEGATIVE_INFINITY;
            double dist = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double z = b[c];
                double s = 0.0;
                for (int i = 0; i < d; i++) {
                    z += w[c][i] * h[j][i];
                    s += (h[j][i] - mu[c][i]) * (h[j][i] - mu[c][i]);
                }
                if (z > best) {
                    best = z;
                    arg = c;
                }
                if (s < dist) {
                    dist = s;
                    near = c;
                }
            }
            mismatched += arg != near ? 1 : 0;
        }
        double nc4 = (double) mismatched / n;
        assertTrue(nc4 > 0 && nc4 < 1, "the test point must make nc4 informative: " + nc4);
        assertEquals(nc4, m.nc4(), 0.0);
        // nc1: Tr(Sigma_W Sigma_B^+)/K with the pseudo-inverse from a dense eigendecomposition
        double[][] sb = new double[d][d];
        double[][] sw = new double[d][d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                for (int l = 0; l < d; l++) {
                    sb[i][l] += (mu[c][i] - muG[i]) * (mu[c][l] - muG[l]) / k;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < d; i++) {
                for (int l = 0; l < d; l++) {
                    sw[i][l] += (h[j][i] - mu[y[j]][i]) * (h[j][l] - mu[y[j]][l]) / n;
                }
            }
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(sb));
        double[] ev = eig.getEigenvalues();
        double max = 0.0;
        for (double v : ev) {
            max = Math.max(max, v);
        }
        double trace = 0.0;
        for (int e = 0; e < ev.length; e++) {
            if (ev[e] <= 1e-12 * max) {
                continue;
            }
            double[] u = eig.getEigenvector(e).toArray();
            double q = 0.0;
            for (int i = 0; i < d; i++) {
                for (int l = 0; l < d; l++) {
                    q += u[i] * sw[i][l] * u[l];
                }
            }
            trace += q / ev[e];
        }
        assertEquals(trace / k, m.nc1(), 1e-9 * trace / k);
        // equiangularity of the centred means, by direct cosines
        double angle = 0.0;
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
                if (a != c) {
                    double dot = 0.0;
                    double na = 0.0;
                    double nc = 0.0;
                    for (int i = 0; i < d; i++) {
                        double ma = mu[a][i] - muG[i];
                        double mc = mu[c][i] - muG[i];
                        dot += ma * mc;
                        na += ma * ma;
                        nc += mc * mc;
                    }
                    angle += Math.abs(dot / Math.sqrt(na * nc) + 1.0 / (k - 1));
                }
            }
        }
        assertEquals(angle / (k * (k - 1.0)), m.all().get("nc2_equiangular_means"), 1e-9);
        // NC3 in Zhu's product form with the centred and the uncentred means, and the kernel statistics of the
        // normalised centred means, by direct loops (the metrics form these from one product and the means' Gram)
        double[][] centred = new double[k][d];
        double[][] unit = new double[k][d];
        for (int c = 0; c < k; c++) {
            double norm = 0.0;
            for (int i = 0; i < d; i++) {
                centred[c][i] = mu[c][i] - muG[i];
                norm += centred[c][i] * centred[c][i];
            }
            for (int i = 0; i < d; i++) {
                unit[c][i] = centred[c][i] / Math.sqrt(norm);
            }
        }
        assertEquals(zhuProduct(w, centred), m.all().get("nc3_zhu_product"), 1e-9);
        assertEquals(zhuProduct(w, mu), m.all().get("nc3_yaras_uncentred"), 1e-9);
        double pairs = k * (k - 1) / 2.0;
        double[] dist = new double[(int) pairs];
        int t = 0;
        for (int a = 0; a < k; a++) {
            for (int c = a + 1; c < k; c++) {
                double s = 0.0;
                for (int i = 0; i < d; i++) {
                    s += (unit[a][i] - unit[c][i]) * (unit[a][i] - unit[c][i]);
                }
                dist[t++] = Math.sqrt(s);
            }
        }
        double distAvg = 0.0;
        double logAvg = 0.0;
        for (double v : dist) {
            distAvg += v / pairs;
            logAvg -= Math.log(v) / pairs;
        }
        double distVar = 0.0;
        double logVar = 0.0;
        for (double v : dist) {
            distVar += (v - distAvg) * (v - distAvg) / pairs;
            logVar += (-Math.log(v) - logAvg) * (-Math.log(v) - logAvg) / pairs;
        }
        assertEquals(distAvg, m.all().get("kernel_stats_dist_avg"), 1e-9);
        assertEquals(logAvg, m.all().get("kernel_stats_log_avg"), 1e-9);
        assertTrue(distVar > 1e-4 && logVar > 1e-4, "informative variances: " + distVar + ", " + logVar);
        assertEquals(distVar, m.all().get("kernel_stats_dist_var"), 1e-9 * distVar);
        assertEquals(logVar, m.all().get("kernel_stats_log_var"), 1e-9 * logVar);
    }

    /** ||P/||P||_F - (I - 11^T/K)/sqrt(K-1)||_F for P_ac = w_a . m_c, by loops. */
    private static double zhuProduct(double[][] w, double[][] means) {
        int k = w.length;
        double[][] p = new double[k][k];
        double norm = 0.0;
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < w[a].length; i++) {
                    p[a][c] += w[a][i] * means[c][i];
                }
                norm += p[a][c] * p[a][c];
            }
        }
        double s = 0.0;
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
                double r = p[a][c] / Math.sqrt(norm) - ((a == c ? 1.0 : 0.0) - 1.0 / k) / Math.sqrt(k - 1.0);
                s += r * r;
            }
        }
        return Math.sqrt(s);
    }
}
