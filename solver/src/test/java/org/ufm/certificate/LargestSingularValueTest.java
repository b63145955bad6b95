package org.ufm.certificate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.compute.Gemm;
import org.ufm.model.CrossEntropyLoss;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/** The Lanczos sigma_max of the global certificate against the dense Gram eigenvalues. */
class LargestSingularValueTest {

    private static double[] gaussian(int k, int n, long seed) {
        Random r = new Random(seed);
        double[] g = new double[k * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextGaussian();
        }
        return g;
    }

    @Test
    void lanczosMatchesDenseOnRandomMatrices() {
        int[][] shapes = {{3, 7}, {20, 5}, {40, 60}, {80, 30}, {150, 400}};
        for (int[] s : shapes) {
            double[] g = gaussian(s[0], s[1], s[0] * 31L + s[1]);
            double dense = LargestSingularValue.dense(g, s[0]);
            LargestSingularValue l = LargestSingularValue.lanczos(g, s[0], 300, 1e-12, 7L);
            assertEquals(dense, l.value, 1e-10 * dense, "K=" + s[0] + " N=" + s[1]);
            assertTrue(l.residual <= 1e-10 * dense * dense, "residual " + l.residual);
        }
    }

    /** Column sums zero (like a soft-max gradient): rank K-1, one zero eigenvalue the start must not confuse. */
    @Test
    void lanczosMatchesDenseOnZeroSumColumnsWithATightCluster() {
        int k = 60;
        int n = 90;
        double[] g = gaussian(k, n, 3L);
        for (int j = 0; j < n; j++) {
            double mean = 0.0;
            for (int a = 0; a < k; a++) {
                mean += g[j * k + a] / k;
            }
            for (int a = 0; a < k; a++) {
                g[j * k + a] -= mean;
            }
        }
        double dense = LargestSingularValue.dense(g, k);
        assertEquals(dense, LargestSingularValue.lanczos(g, k, 300, 1e-12, 1L).value, 1e-10 * dense);
        // a simplex-like matrix: K-1 equal singular values plus a top one only 1e-6 above them
        double[] e = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                e[b * k + a] = (a == b ? 1.0 : 0.0) - 1.0 / k;
            }
        }
        e[0] *= 1 + 2e-6;
        double top = LargestSingularValue.dense(e, k);
        assertTrue(top > 1 + 5e-7, "the perturbation must lift the top value: " + top);
        assertEquals(top, LargestSingularValue.lanczos(e, k, 300, 1e-12, 1L).value, 1e-11);
    }

    /** At a real soft-max gradient (random logits) and above the dense limit, as the certificate calls it. */
    @Test
    void ofUsesLanczosAboveTheDenseLimitAndAgrees() {
        int k = LargestSingularValue.DENSE_LIMIT + 50;
        int n = 300;
        double[] z = gaussian(k, n, 11L);
        double[] g = new double[k * n];
        for (int j = 0; j < n; j++) {
            CrossEntropyLoss.INSTANCE.valueAndGradient(z, j * k, k, j % k, 1.0, g, j * k);
        }
        LargestSingularValue l = LargestSingularValue.of(g, k);
        assertEquals("lanczos", l.method);
        assertEquals(l.method, LargestSingularValue.methodFor(k));
        assertEquals("dense", LargestSingularValue.methodFor(LargestSingularValue.DENSE_LIMIT));
        double dense = LargestSingularValue.dense(g, k);
        assertEquals(dense, l.value, 1e-10 * dense);
    }

    @Test
    void zeroMatrixHasZeroSigma() {
        assertEquals(0.0, LargestSingularValue.lanczos(new double[50 * 4], 50, 300, 1e-12, 1L).value, 0.0);
    }

    /**
     * The dense sigma_max (LAPACK's eigenvalues alone, where the native LAPACK is loaded) against Hipparchus's SVD of G
     * itself, which shares none of its code: K = 3, 40 (below the metrics' native order) and 130, and a rank-one G
     * whose Gram has K - 1 zero eigenvalues.
     */
    @Test
    void denseMatchesTheSingularValuesOfG() {
        for (int k : new int[] {3, 40, 130}) {
            int n = 2 * k + 5;
            double[] g = gaussian(k, n, 13L + k);
            assertEquals(svdTop(g, k), LargestSingularValue.dense(g, k), 1e-13 * svdTop(g, k), "K = " + k);
        }
        int k = 120;
        int n = 50;
        double[] g = new double[k * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < k; i++) {
                g[i + j * k] = (i + 1.0) * (j - 20.5);
            }
        }
        assertEquals(svdTop(g, k), LargestSingularValue.dense(g, k), 1e-13 * svdTop(g, k), "rank one");
    }

    /** The largest singular value of the K x N column-major g by Hipparchus. */
    private static double svdTop(double[] g, int k) {
        int n = g.length / k;
        double[][] a = new double[k][n];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = g[i + j * k];
            }
        }
        org.hipparchus.linear.RealMatrix m = new org.hipparchus.linear.Array2DRowRealMatrix(a, false);
        return new org.hipparchus.linear.SingularValueDecomposition(m).getSingularValues()[0];
    }

    /** A G with a NaN or an infinite entry gives NaN, by Hipparchus as before (LAPACK gets no non-finite Gram). */
    @Test
    void nonFiniteGGivesNaN() {
        for (int k : new int[] {5, 120}) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
                double[] g = gaussian(k, 7, 3L);
                g[3] = bad;
                assertTrue(Double.isNaN(LargestSingularValue.dense(g, k)), "K = " + k + " with " + bad);
            }
        }
    }

    /**
     * The Gram G G^T the models accumulate block by block (several blocks of samples here, bias or not, a data weight,
     * the sphere) is the dsyrk of the whole G within rounding, and sigma_max from it is the dense one's.
     */
    @Test
    void gramAccumulatedByBlocksIsTheGramOfTheWholeLogitGradient() {
        Labels labels = Labels.balanced(20, 60); // N = 1200 in blocks of 832 samples
        try (Chunks pool = new Chunks(2)) {
            UfmModel[] models = {
                EuclideanUfm.crossEntropy(labels, 24, 5e-4, 5e-4, 5e-4, true, pool),
                EuclideanUfm.crossEntropy(labels, 24, 5e-4, 5e-4, 0, false, pool),
                EuclideanUfm.mixon(labels, 24, 3.0, pool),
                new SphereUfm(labels, 24, 5.0, pool)};
            for (UfmModel m : models) {
                double[] x = new double[m.ambientDimension()];
                m.initialPoint(new Random(5), 1.0, x);
                int k = 20;
                double[] g = m.logitGradient(x);
                double[] whole = new double[k * k];
                Gemm.dsyrkLower(k, g.length / k, 1.0, g, 0, k, 0.0, whole, 0, k);
                double[] blocks = m.logitGradientGram(x);
                double scale = 0.0;
                for (double v : whole) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int c = 0; c < k; c++) {
                    for (int r = 0; r < k; r++) {
                        double want = r >= c ? whole[c * k + r] : 0.0;
                        assertEquals(want, blocks[c * k + r], 1e-13 * scale, m + " entry " + r + ", " + c);
                    }
                }
                double dense = LargestSingularValue.dense(g, k);
                assertTrue(dense > 0);
                assertEquals(dense, LargestSingularValue.at(m, x).value, 1e-13 * dense, m.toString());
            }
        }
    }

    /** The Gram's parts give the same sum, bit for bit, on one thread and on two. */
    @Test
    void gramIsTheSameOnAnyNumberOfThreads() {
        Labels labels = Labels.balanced(20, 60);
        try (Chunks one = new Chunks(1); Chunks two = new Chunks(2)) {
            UfmModel a = EuclideanUfm.crossEntropy(labels, 24, 5e-4, 5e-4, 5e-4, true, one);
            UfmModel b = EuclideanUfm.crossEntropy(labels, 24, 5e-4, 5e-4, 5e-4, true, two);
            double[] x = new double[a.ambientDimension()];
            a.initialPoint(new Random(8), 1.0, x);
            assertArrayEquals(a.logitGradientGram(x), b.logitGradientGram(x), 0.0);
        }
    }
}
