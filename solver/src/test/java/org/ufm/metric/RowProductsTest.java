package org.ufm.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The GEMM-formed K x K tables of the metrics against plain loops. */
class RowProductsTest {

    private static double[][] rows(int k, int d, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[k][d];
        for (double[] row : a) {
            for (int i = 0; i < d; i++) {
                row[i] = r.nextGaussian();
            }
        }
        return a;
    }

    private static double plainDot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void crossAndGramAgreeWithPlainDotProductsAndTheGramIsExactlySymmetric() {
        for (int[] kd : new int[][] {{1, 3}, {4, 1}, {7, 5}, {64, 33}, {130, 17}}) {
            double[][] a = rows(kd[0], kd[1], 1);
            double[][] b = rows(kd[0] + 3, kd[1], 2);
            double[][] p = RowProducts.cross(a, b);
            double[][] g = RowProducts.gram(a);
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < b.length; j++) {
                    double want = plainDot(a[i], b[j]);
                    assertEquals(want, p[i][j], 1e-13 * kd[1], "cross " + i + "," + j);
                }
                for (int j = 0; j < a.length; j++) {
                    assertEquals(plainDot(a[i], a[j]), g[i][j], 1e-13 * kd[1]);
                    assertEquals(Double.doubleToLongBits(g[i][j]), Double.doubleToLongBits(g[j][i]));
                }
            }
        }
    }

    @Test
    void squaredDistancesAreFormedFromDifferencesSoNearRowsKeepTheirDigits() {
        double[][] a = rows(5, 37, 3);
        double[] near = a[0].clone();
        near[36] += 1e-12; // ||a0 - near||^2 = 1e-24: a0.a0 + near.near - 2 a0.near would be rounding noise of 1e-15
        assertEquals(1e-24, RowProducts.squaredDistance(a[0], near), 1e-27);
        for (int i = 0; i < 5; i++) {
            for (int j = i + 1; j < 5; j++) {
                double s = 0.0;
                for (int q = 0; q < 37; q++) {
                    s += (a[i][q] - a[j][q]) * (a[i][q] - a[j][q]);
                }
                assertEquals(s, RowProducts.squaredDistance(a[i], a[j]), 1e-13 * s);
            }
        }
    }
}
