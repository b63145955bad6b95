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
            double[] v = e.vector(i);
            for (int r = 0; r < n; r++) {
                double av = 0;
                for (int c = 0; c < n; c++) {
                    av += a[r][c] * v[c];
                }
                assertEquals(values[i] * v[r], av, 1e-12);
            }
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
}
