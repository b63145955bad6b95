package org.ufm.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Eigenpairs satisfy A v = lambda v, with the known spectrum of a diagonal-plus-rotation test matrix. */
class SymmetricEigenTest {

    @Test
    void eigenpairsOfARotatedDiagonalMatrix() {
        int n = 6;
        double[] lambda = {-3, -1e-9, 0, 0, 2.5, 7};
        double[][] q = org.ufm.closedform.SimplexEtf.randomOrthogonal(n, new Random(5));
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += q[i][k] * lambda[k] * q[j][k];
                }
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        double[] got = e.values();
        java.util.Arrays.sort(got);
        assertArrayEquals(lambda, got, 1e-13);
        double[] values = e.values();
        for (int i = 0; i < n; i++) {
            assertEigenpair(a, values[i], e.vector(i), 1e-12);
        }
    }

    /** A v = lambda v, entry by entry within tol. */
    private static void assertEigenpair(double[][] a, double lambda, double[] v, double tol) {
        for (int r = 0; r < a.length; r++) {
            double av = 0;
            for (int c = 0; c < a.length; c++) {
                av += a[r][c] * v[c];
            }
            assertEquals(lambda * v[r], av, tol);
        }
    }

    /**
     * From order NATIVE_FROM on the native LAPACK path (when loaded): the simplex-ETF Gram I - 11^T/K of the
     * metrics, rotated, has the eigenvalue 1 K-1 times and 0 once; values decrease, A v = lambda v, V orthonormal.
     */
    @Test
    void degenerateSpectrumOfARotatedEtfGramAtNativeSize() {
        int n = SymmetricEigen.NATIVE_FROM + 20;
        double[][] q = org.ufm.closedform.SimplexEtf.randomOrthogonal(n, new Random(7));
        double[] lambda = new double[n];
        java.util.Arrays.fill(lambda, 1.0);
        lambda[3] = 0.0;
        lambda[11] = -2.0;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += q[i][k] * lambda[k] * q[j][k];
                }
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a, true);
        double[] values = e.values();
        for (int i = 1; i < n; i++) {
            assertEquals(true, values[i - 1] >= values[i], "decreasing at " + i);
        }
        assertEquals(1.0, values[0], 1e-12);
        assertEquals(0.0, values[n - 2], 1e-12);
        assertEquals(-2.0, values[n - 1], 1e-12);
        for (int i = 0; i < n; i += 7) {
            double[] v = e.vector(i);
            double norm = 0;
            for (int r = 0; r < n; r++) {
                double av = 0;
                for (int c = 0; c < n; c++) {
                    av += a[r][c] * v[c];
                }
                assertEquals(values[i] * v[r], av, 1e-12);
                norm += v[r] * v[r];
            }
            assertEquals(1.0, norm, 1e-12);
            double[] u = e.vector((i + 1) % n);
            double dot = 0;
            for (int r = 0; r < n; r++) {
                dot += u[r] * v[r];
            }
            assertEquals(0.0, dot, 1e-12);
        }
    }

    @Test
    void nativeLapackIsLoadedWhereOpenBlasIs() {
        // .ci/run installs libopenblas0-pthread, which provides liblapack.so.3: the fast path must be the one tested
        org.junit.jupiter.api.Assumptions.assumeTrue(org.ufm.compute.Gemm.implementation().contains("JNI"));
        assertEquals(true, org.ufm.compute.SymmetricEigenLapack.available());
    }

    /**
     * The tridiagonal path (Lanczos matrices) against the dense one on the same matrix, from arrays longer than m
     * (the Lanczos coefficients are kept in arrays of the largest step count): same spectrum, T v = lambda v with
     * the tridiagonal T, and decreasing values. The known spectrum: the 1-D Laplacian tridiag(-1, 2, -1) of
     * order m has eigenvalues 2 - 2 cos(j pi / (m + 1)).
     */
    @Test
    void tridiagonalPathAgreesWithTheDensePathAndTheLaplacianSpectrum() {
        Random random = new Random(3);
        for (int m : new int[] {1, 2, 5, 12, 40}) {
            double[] main = new double[m + 3];
            double[] off = new double[m + 3];
            for (int i = 0; i < main.length; i++) {
                main[i] = random.nextGaussian();
                off[i] = random.nextGaussian();
            }
            double[][] t = SymmetricEigen.tridiagonalMatrix(main, off, m);
            SymmetricEigen tri = SymmetricEigen.ofTridiagonal(main, off, m);
            double[] values = tri.values();
            assertEquals(m, values.length);
            assertArrayEquals(SymmetricEigen.of(t).values(), values, 1e-12 * (1 + Math.abs(values[0])));
            for (int i = 0; i < m; i++) {
                if (i > 0) {
                    assertEquals(true, values[i - 1] >= values[i], "decreasing at " + i);
                }
                assertEigenpair(t, values[i], tri.vector(i), 1e-12);
            }
        }
        int m = 30;
        double[] two = new double[m];
        double[] minusOne = new double[m - 1];
        java.util.Arrays.fill(two, 2.0);
        java.util.Arrays.fill(minusOne, -1.0);
        double[] values = SymmetricEigen.ofTridiagonal(two, minusOne, m).values();
        for (int j = 1; j <= m; j++) {
            assertEquals(2 - 2 * Math.cos(j * Math.PI / (m + 1)), values[m - j], 1e-13);
        }
    }

    /**
     * ofLower (a lower triangle as BLAS dsyrk leaves it, column-major) gives, bit for bit, Hipparchus's decomposition
     * of the mirrored matrix below NATIVE_FROM, and above it LAPACK's on the upper triangle with zeros below (the call
     * the metrics made before): the mirrored lower part LAPACK gets now is not read; nor is the input's strict upper
     * triangle (NaN here).
     */
    @Test
    void aLowerTriangleDecomposesAsTheMirroredMatrix() {
        Random r = new Random(11);
        for (int n : new int[] {7, SymmetricEigen.NATIVE_FROM - 1, SymmetricEigen.NATIVE_FROM + 13}) {
            double[][] a = new double[n][n];
            double[] lower = new double[n * n];
            for (int j = 0; j < n; j++) {
                for (int i = j; i < n; i++) {
                    double v = r.nextGaussian();
                    a[i][j] = v;
                    a[j][i] = v;
                    lower[j * n + i] = v;
                }
                for (int i = 0; i < j; i++) {
                    lower[j * n + i] = Double.NaN; // the strict upper triangle: never read
                }
            }
            SymmetricEigen fromLower = SymmetricEigen.ofLower(lower, n, true);
            if (n < SymmetricEigen.NATIVE_FROM || !org.ufm.compute.SymmetricEigenLapack.available()) {
                SymmetricEigen full = HipparchusEigen.of(a);
                assertArrayEquals(full.values(), fromLower.values(), 0.0, "n = " + n);
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(full.vector(i), fromLower.vector(i), 0.0, "n = " + n + ", vector " + i);
                }
                continue;
            }
            // LAPACK on the upper triangle alone, zeros below, as the metrics called it before ofLower
            double[] upper = new double[n * n];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i <= j; i++) {
                    upper[j * n + i] = a[i][j];
                }
            }
            double[] w = new double[n];
            assertEquals(0, org.ufm.compute.SymmetricEigenLapack.decompose(n, upper, w));
            double[] values = fromLower.values();
            for (int c = 0; c < n; c++) {
                assertEquals(w[n - 1 - c], values[c], 0.0, "eigenvalue " + c);
                assertArrayEquals(java.util.Arrays.copyOfRange(upper, (n - 1 - c) * n, (n - c) * n),
                        fromLower.vector(c), 0.0, "vector " + c);
            }
        }
    }
}
