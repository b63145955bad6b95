package org.ufm.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Gram matrix of vectors stored one after the other against the same vectors transposed first. */
class GemmTest {

    /**
     * lowerGramOfColumns on the d x n column-major columns gives, bit for bit, lowerGram on their n x d transposed copy
     * (the metrics' Gram matrices rely on it: RowProducts.gram skips the copy and its results did not change), for
     * shapes below, at and above the kernels' blocking; the strict upper triangle stays zero; and each entry is the
     * dot product to rounding.
     */
    @Test
    void gramOfColumnsIsTheGramOfTheTransposedCopy() {
        Random r = new Random(3);
        for (int[] nd : new int[][] {{1, 1}, {37, 5}, {8, 1024}, {100, 128}, {250, 300}, {512, 1000}, {1000, 2}}) {
            int n = nd[0];
            int d = nd[1];
            double[] columns = new double[n * d];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = r.nextGaussian() * (1 + r.nextInt(5));
            }
            double[] transposed = new double[n * d];
            for (int c = 0; c < n; c++) {
                for (int q = 0; q < d; q++) {
                    transposed[q * n + c] = columns[c * d + q];
                }
            }
            double[] direct = Gemm.lowerGramOfColumns(columns, n);
            assertArrayEquals(Gemm.lowerGram(transposed, n), direct, 0.0, "n, d = " + n + ", " + d);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < j; i++) {
                    assertEquals(0.0, direct[j * n + i], "upper triangle");
                }
            }
            int i = n - 1;
            double dot = 0.0;
            double scale = 0.0;
            for (int q = 0; q < d; q++) {
                dot += columns[i * d + q] * columns[q];
                scale += Math.abs(columns[i * d + q] * columns[q]);
            }
            assertEquals(dot, direct[i], 4 * d * Math.ulp(1.0) * scale, "entry (n - 1, 0)");
        }
    }
}
