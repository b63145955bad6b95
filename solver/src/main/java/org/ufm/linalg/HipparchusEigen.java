package org.ufm.linalg;

import java.util.Arrays;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The pure-Java path of {@link SymmetricEigen}: Hipparchus's {@link EigenDecompositionSymmetric}, and where its QL
 * iteration fails to converge (seen on some Riemannian Hessians) the SVD of the positive semidefinite shift A + cI,
 * c = ||A||_F, whose singular values minus c are the eigenvalues of A and whose right singular vectors are
 * eigenvectors of A. A class of its own so that {@link SymmetricEigen}'s LAPACK path loads no Hipparchus class: the
 * first Hipparchus matrix of a process costs 26-34 ms of class loading and initialisation, which the metrics after a
 * K=100, n=20 solve paid for nothing.
 */
final class HipparchusEigen {

    private HipparchusEigen() {
    }

    /** The decomposition of the symmetric matrix a. */
    static SymmetricEigen of(double[][] a) {
        RealMatrix m = new Array2DRowRealMatrix(a, true);
        try {
            EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(m);
            return withVectors(eig.getEigenvalues(), eig.getV());
        } catch (MathIllegalStateException notConverged) {
            double c = m.getFrobeniusNorm();
            RealMatrix shifted = m.copy();
            for (int i = 0; i < a.length; i++) {
                shifted.addToEntry(i, i, c);
            }
            SingularValueDecomposition svd = new SingularValueDecomposition(shifted);
            double[] s = svd.getSingularValues();
            double[] ev = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                ev[i] = s[i] - c;
            }
            return withVectors(ev, svd.getV());
        }
    }

    /**
     * The m x m symmetric tridiagonal matrix with diagonal main[0..m) and off-diagonal secondary[0..m-1): QL on the two
     * diagonals; null where it does not converge.
     */
    static SymmetricEigen ofTridiagonal(double[] main, double[] secondary, int m) {
        double[] diagonal = Arrays.copyOf(main, m);
        double[] off = Arrays.copyOf(secondary, Math.max(m - 1, 0));
        try {
            EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(diagonal, off);
            return withVectors(eig.getEigenvalues(), eig.getV());
        } catch (MathIllegalStateException notConverged) {
            return null;
        }
    }

    private static SymmetricEigen withVectors(double[] values, RealMatrix v) {
        return new SymmetricEigen(values, v::getColumn);
    }
}
