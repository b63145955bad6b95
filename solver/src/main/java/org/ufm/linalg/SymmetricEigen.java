package org.ufm.linalg;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix A. Uses Hipparchus's
 * {@link EigenDecompositionSymmetric}; when its QL iteration fails to converge (seen on some
 * Riemannian Hessians), falls back to the SVD of the positive semidefinite shift A + cI,
 * c = ||A||_F, whose singular values minus c are the eigenvalues of A and whose right singular
 * vectors are eigenvectors of A.
 */
public final class SymmetricEigen {

    private final double[] values;
    private final RealMatrix vectors;

    private SymmetricEigen(double[] values, RealMatrix vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes the symmetric matrix a (only its symmetric part is meaningful). */
    public static SymmetricEigen of(double[][] a) {
        RealMatrix m = new Array2DRowRealMatrix(a, true);
        try {
            EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(m);
            return new SymmetricEigen(eig.getEigenvalues(), eig.getV());
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
            return new SymmetricEigen(ev, svd.getV());
        }
    }

    /** The eigenvalues, in decreasing order. */
    public double[] values() {
        return values.clone();
    }

    /** Eigenvector i (column i of V), matching {@link #values()}[i]. */
    public double[] vector(int i) {
        return vectors.getColumn(i);
    }

    /** Eigenvalues of a symmetric matrix, in decreasing order. */
    public static double[] eigenvalues(double[][] a) {
        return of(a).values;
    }
}
