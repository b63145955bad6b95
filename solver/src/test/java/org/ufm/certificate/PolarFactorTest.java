package org.ufm.certificate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/** Newton-Schulz's polar factor against Hipparchus's SVD, including singular values at rounding level. */
class PolarFactorTest {

    private static RealMatrix orthogonal(Random r, int d) {
        double[][] g = new double[d][d];
        for (double[] row : g) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return new QRDecomposition(new Array2DRowRealMatrix(g)).getQ();
    }

    /** U diag(s) V^T, column-major. */
    private static double[] withSingularValues(Random r, double[] s) {
        int d = s.length;
        RealMatrix u = orthogonal(r, d);
        RealMatrix v = orthogonal(r, d);
        RealMatrix c = u.multiply(new Array2DRowRealMatrix(org.hipparchus.linear.MatrixUtils.createRealDiagonalMatrix(s)
                .getData())).multiply(v.transpose());
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int l = 0; l < d; l++) {
                out[i + l * d] = c.getEntry(i, l);
            }
        }
        return out;
    }

    /** The n x n identity, column-major. */
    private static double[] identity(int n) {
        double[] eye = new double[n * n];
        for (int i = 0; i < n; i++) {
            eye[i + i * n] = 1.0;
        }
        return eye;
    }

    private static double[] bySvd(double[] c, int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int l = 0; l < d; l++) {
                m[i][l] = c[i + l * d];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m));
        RealMatrix q = svd.getU().multiply(svd.getVT());
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int l = 0; l < d; l++) {
                out[i + l * d] = q.getEntry(i, l);
            }
        }
        return out;
    }

    @Test
    void agreesWithTheSvdOnWellAndBadlyConditionedMatrices() {
        Random r = new Random(4);
        int d = 24;
        double[] spread = new double[d];
        for (int i = 0; i < d; i++) {
            spread[i] = Math.pow(10.0, -8.0 * i / (d - 1)); // 1 down to 1e-8
        }
        double[] c = withSingularValues(r, spread);
        double[] q = PolarFactor.of(c, d);
        assertNotNull(q);
        assertArrayEquals(bySvd(c, d), q, 1e-6); // the polar factor's condition number is 1 / s_min ~ 1e8
        double[] even = new double[d];
        for (int i = 0; i < d; i++) {
            even[i] = 1.0 + i;
        }
        c = withSingularValues(r, even);
        assertArrayEquals(bySvd(c, d), PolarFactor.of(c, d), 1e-13);
    }

    /** A wide r x d matrix (the distance's A^T Z): U V^T with orthonormal rows, as Hipparchus's compact SVD gives it. */
    @Test
    void aWideMatrixGetsTheFactorWithOrthonormalRows() {
        Random r = new Random(7);
        int rows = 9;
        int d = 40;
        double[] c = new double[rows * d];
        double[][] m = new double[rows][d];
        for (int i = 0; i < rows; i++) {
            for (int l = 0; l < d; l++) {
                m[i][l] = r.nextGaussian() + (l == i ? 3.0 : 0.0);
                c[i + l * rows] = m[i][l];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m));
        RealMatrix want = svd.getU().multiply(svd.getVT());
        double[] q = PolarFactor.of(c, rows, d);
        assertNotNull(q);
        double[] expected = new double[rows * d];
        for (int i = 0; i < rows; i++) {
            for (int l = 0; l < d; l++) {
                expected[i + l * rows] = want.getEntry(i, l);
            }
        }
        assertArrayEquals(expected, q, 1e-13);
        double[] qqt = new double[rows * rows];
        org.ufm.compute.Gemm.dgemm(false, true, rows, rows, d, 1.0, q, 0, rows, q, 0, rows, 0.0, qqt, 0, rows);
        assertArrayEquals(identity(rows), qqt, 1e-13);
    }

    @Test
    void singularValuesAtRoundingLevelStillGiveAnOrthogonalFactor() {
        Random r = new Random(5);
        int d = 16;
        double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = i < 10 ? 2.0 : 1e-16;
        }
        double[] q = PolarFactor.of(withSingularValues(r, s), d);
        assertNotNull(q);
        double[] qtq = new double[d * d];
        org.ufm.compute.Gemm.dgemm(true, false, d, d, d, 1.0, q, 0, d, q, 0, d, 0.0, qtq, 0, d);
        assertArrayEquals(identity(d), qtq, 1e-12);
    }

    /** An exact zero column stays zero under the iteration: no orthogonal limit, so the caller's SVD decides. */
    @Test
    void aZeroSingularValueOrAZeroMatrixIsLeftToTheSvd() {
        Random r = new Random(6);
        int d = 8;
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int l = 0; l < d - 1; l++) {
                c[i + l * d] = r.nextGaussian();
            }
        }
        assertNull(PolarFactor.of(c, d));
        assertNull(PolarFactor.of(new double[d * d], d));
        c[0] = Double.NaN;
        assertNull(PolarFactor.of(c, d));
    }
}
