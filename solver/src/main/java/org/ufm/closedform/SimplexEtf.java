package org.ufm.closedform;

import java.util.Random;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The K-simplex equiangular tight frame in R^d (d >= K-1): K unit vectors with pairwise inner product
 * -1/(K-1), summing to zero, i.e. the rows of sqrt(K/(K-1)) B, B a K x (K-1) orthonormal basis of 1^perp
 * (B B^T = I - 11^T/K), padded with zeros to R^d and rotated by an orthogonal Q.
 */
public final class SimplexEtf {

    private SimplexEtf() {
    }

    /**
     * The Helmert basis of 1^perp in R^K: column j (0-based) is (1, ..., 1, -(j+1), 0, ..., 0) with j+1 ones,
     * divided by sqrt((j+1)(j+2)). Returns K rows of length K-1.
     */
    public static double[][] helmertBasis(int k) {
        double[][] b = new double[k][k - 1];
        for (int j = 0; j < k - 1; j++) {
            double c = 1.0 / Math.sqrt((j + 1.0) * (j + 2.0));
            for (int i = 0; i <= j; i++) {
                b[i][j] = c;
            }
            b[j + 1][j] = -(j + 1) * c;
        }
        return b;
    }

    /** A Haar-random d x d orthogonal matrix (QR of a Gaussian matrix with the signs of R's diagonal fixed). */
    public static double[][] randomOrthogonal(int d, Random random) {
        double[][] g = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                g[i][j] = random.nextGaussian();
            }
        }
        QRDecomposition qr = new QRDecomposition(MatrixUtils.createRealMatrix(g));
        RealMatrix q = qr.getQ();
        RealMatrix r = qr.getR();
        double[][] out = q.getData();
        for (int j = 0; j < d; j++) {
            if (r.getEntry(j, j) < 0) {
                for (int i = 0; i < d; i++) {
                    out[i][j] = -out[i][j];
                }
            }
        }
        return out;
    }

    /**
     * K unit vectors in R^d forming a simplex ETF, as K rows; rotated by {@code rotation} (d x d
     * orthogonal, row vectors multiplied on the right) when it is not null. Needs d >= K-1.
     */
    public static double[][] rows(int k, int d, double[][] rotation) {
        if (d < k - 1) {
            throw new IllegalArgumentException("a K-simplex ETF needs d >= K-1, got K=" + k + ", d=" + d);
        }
        double[][] b = helmertBasis(k);
        double c = Math.sqrt(k / (k - 1.0));
        double[][] w = new double[k][d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k - 1; j++) {
                w[i][j] = c * b[i][j];
            }
        }
        if (rotation == null) {
            return w;
        }
        double[][] out = new double[k][d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0.0;
                for (int l = 0; l < d; l++) {
                    s += w[i][l] * rotation[l][j];
                }
                out[i][j] = s;
            }
        }
        return out;
    }
}
