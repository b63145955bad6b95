package org.ufm.reproduce;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.ufm.solver.Problem;

/**
 * The Hessian of a problem on a Euclidean space as a dense matrix, built column by column from
 * Hessian-vector products (column i = Hess f(x) e_i), then symmetrised as (A + A^T)/2; and its
 * eigen-decomposition. Only for small problems: n products and n^2 memory.
 */
final class DenseHessian {

    private DenseHessian() {
    }

    /** The symmetrised n x n Hessian at x; also returns max |A - A^T| through {@code asymmetry[0]}. */
    static RealMatrix of(Problem problem, double[] x, double[] asymmetry) {
        int n = problem.size();
        double[][] a = new double[n][n];
        double[] e = new double[n];
        double[] col = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = 1.0;
            problem.hessian(x, e, col);
            e[i] = 0.0;
            for (int r = 0; r < n; r++) {
                a[r][i] = col[r];
            }
        }
        double asym = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                asym = Math.max(asym, Math.abs(a[i][j] - a[j][i]));
                double m = 0.5 * (a[i][j] + a[j][i]);
                a[i][j] = m;
                a[j][i] = m;
            }
        }
        if (asymmetry != null) {
            asymmetry[0] = asym;
        }
        return new Array2DRowRealMatrix(a, false);
    }

    /** The eigen-decomposition of a symmetric matrix (eigenvalues in decreasing order, Hipparchus). */
    static EigenDecompositionSymmetric eigen(RealMatrix symmetric) {
        return new EigenDecompositionSymmetric(symmetric);
    }
}
