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
}
