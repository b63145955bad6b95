package org.ufm.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;

/**
 * The distance to the minimiser set (GEMMs and Newton-Schulz) against a plain Procrustes computation (Hipparchus's
 * SVD of Z*^T Z, loops for the rest) at a perturbed minimiser of K=10, n=1000, d=64, and the same doubles for 1, 2
 * and 3 threads.
 */
class OptimumDistanceTest {

    private static final int K = 10;
    private static final int N_PER_CLASS = 1000;
    private static final int D = 64;

    private static EuclideanUfm model(Chunks chunks) {
        return EuclideanUfm.crossEntropy(Labels.balanced(K, N_PER_CLASS), D, 5e-4, 5e-4, 5e-4, true, chunks);
    }

    /** The rows w_1..w_K, h_1..h_N of a point. */
    private static double[][] rows(EuclideanUfm m, double[] x) {
        double[][] w = m.classifierRows(x);
        double[][] h = m.featureColumns(x);
        double[][] z = new double[w.length + h.length][];
        System.arraycopy(w, 0, z, 0, w.length);
        System.arraycopy(h, 0, z, w.length, h.length);
        return z;
    }

    @Test
    void matchesAPlainProcrustesAndIsThreadIndependent() {
        double[] x;
        double[] star;
        try (Chunks one = new Chunks(1)) {
            EuclideanUfm m = model(one);
            star = CrossEntropyClosedForm.optimalPoint(m, new Random(0));
            x = CrossEntropyClosedForm.optimalPoint(m, new Random(5));
            Random r = new Random(6);
            for (int i = 0; i < x.length; i++) {
                x[i] += 1e-3 * r.nextGaussian();
            }
        }
        double[] dist = new double[3];
        for (int t = 1; t <= 3; t++) {
            try (Chunks chunks = new Chunks(t)) {
                dist[t - 1] = OptimumDistance.of(model(chunks), x);
            }
        }
        assertEquals(dist[0], dist[1], 0.0);
        assertEquals(dist[0], dist[2], 0.0);
        // plain Procrustes against the minimiser the variant builds (rotation from Random(0)), bias distance apart
        try (Chunks one = new Chunks(1)) {
            EuclideanUfm m = model(one);
            double[][] z = rows(m, x);
            double[][] zs = rows(m, star);
            double[][] c = new double[D][D];
            for (int r = 0; r < z.length; r++) {
                for (int i = 0; i < D; i++) {
                    for (int j = 0; j < D; j++) {
                        c[i][j] += zs[r][i] * z[r][j];
                    }
                }
            }
            SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(c, false));
            RealMatrix q = svd.getU().multiply(svd.getVT());
            double d2 = 0.0;
            for (int r = 0; r < z.length; r++) {
                for (int j = 0; j < D; j++) {
                    double aligned = 0.0;
                    for (int i = 0; i < D; i++) {
                        aligned += zs[r][i] * q.getEntry(i, j);
                    }
                    double e = z[r][j] - aligned;
                    d2 += e * e;
                }
            }
            double[] b = m.bias(x);
            double[] bs = m.bias(star);
            for (int i = 0; i < K; i++) {
                d2 += (b[i] - bs[i]) * (b[i] - bs[i]);
            }
            double want = Math.sqrt(d2);
            assertTrue(want > 0.1, "the perturbation is seen: " + want);
            assertEquals(want, dist[0], 1e-9 * want);
        }
    }

    /**
     * Above the threshold sqrt(K N lambda_W lambda_H) >= 1 the minimiser is W = H = 0, b = 0 (Z*^T Z = 0): every
     * rotation aligns it equally, and the distance is ||x||.
     */
    @Test
    void isTheNormOfThePointWhereTheMinimiserIsZero() {
        try (Chunks chunks = new Chunks(2)) {
            EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(10, 100), 16, 0.05, 0.05, 0.05, true, chunks);
            double[] star = CrossEntropyClosedForm.optimalPoint(m, new Random(0));
            for (double v : star) {
                assertEquals(0.0, v, 0.0, "the minimiser above the threshold is 0");
            }
            double[] x = new double[star.length];
            Random r = new Random(7);
            double n2 = 0.0;
            for (int i = 0; i < x.length; i++) {
                x[i] = 1e-2 * r.nextGaussian();
                n2 += x[i] * x[i];
            }
            assertEquals(Math.sqrt(n2), OptimumDistance.of(m, x), 1e-12 * Math.sqrt(n2));
        }
    }

    /**
     * The alignment read in place (a support of consecutive coordinates) and gathered (any other): the same Z* with
     * its coordinates permuted, 0..r-1 onto the even coordinates and then the odd ones, and Z rotated with it, is the
     * same distance, and both agree with Hipparchus's SVD of Z*^T Z (plain Procrustes over the whole R^d).
     */
    @Test
    void supportReadInPlaceOrGatheredGivesTheSameDistance() {
        int d = 9;
        int r = 5;
        int rows = 40;
        Random rnd = new Random(17);
        double[] zs = new double[d * rows];
        double[] z = new double[d * rows];
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < d; j++) {
                zs[j + row * d] = j < r ? rnd.nextGaussian() : 0.0;
                z[j + row * d] = zs[j + row * d] + 0.05 * rnd.nextGaussian();
            }
        }
        int[] perm = new int[d]; // coordinate j of the first pair goes to perm[j]: 0, 2, 4, 6, 8, 1, 3, 5, 7
        for (int j = 0; j < d; j++) {
            perm[j] = j < (d + 1) / 2 ? 2 * j : 2 * (j - (d + 1) / 2) + 1;
        }
        double[] zsP = new double[d * rows];
        double[] zP = new double[d * rows];
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < d; j++) {
                zsP[perm[j] + row * d] = zs[j + row * d];
                zP[perm[j] + row * d] = z[j + row * d];
            }
        }
        double want = plainProcrustes(z, zs, d);
        double inPlace = OptimumDistance.alignedSquaredDistance(z.clone(), zs, d);
        double gathered = OptimumDistance.alignedSquaredDistance(zP, zsP, d);
        assertEquals(want, inPlace, 1e-12 * want);
        assertEquals(want, gathered, 1e-12 * want);
        assertTrue(want > 1e-3, "a distance worth testing: " + want);
    }

    /** min_Q ||Z - Z* Q||^2 = ||Z||^2 + ||Z*||^2 - 2 (sum of the singular values of Z*^T Z), by Hipparchus. */
    private static double plainProcrustes(double[] z, double[] zs, int d) {
        int rows = z.length / d;
        double[][] m = new double[d][d];
        double nz = 0.0;
        double ns = 0.0;
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < d; i++) {
                nz += z[i + row * d] * z[i + row * d];
                ns += zs[i + row * d] * zs[i + row * d];
                for (int j = 0; j < d; j++) {
                    m[i][j] += zs[i + row * d] * z[j + row * d];
                }
            }
        }
        double nuclear = 0.0;
        for (double sv : new SingularValueDecomposition(new Array2DRowRealMatrix(m, false)).getSingularValues()) {
            nuclear += sv;
        }
        return nz + ns - 2.0 * nuclear;
    }
}
