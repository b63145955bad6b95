package org.ufm.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.ufm.solver.Problem;

/** Dense linear algebra on small problems: the Riemannian Hessian as a matrix and its spectrum. */
final class Dense {

    private Dense() {
    }

    /**
     * The matrix of xi -> Hess f(x)[P_x xi] on the ambient space, built column by column from
     * {@link Problem#hessian}; on a submanifold the normal directions map to 0. Asserts that it is
     * symmetric (to 1e-9 of its largest entry) and returns its symmetric part.
     */
    static double[][] riemannianHessian(Problem p, double[] x) {
        int n = p.size();
        double[] egrad = new double[n];
        double[] rgrad = new double[n];
        p.costAndGradient(x, egrad, rgrad);
        double[][] h = new double[n][n];
        double[] e = new double[n];
        double[] xi = new double[n];
        double[] out = new double[n];
        double[] work = new double[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(e, 0.0);
            e[i] = 1.0;
            p.manifold().project(x, e, xi);
            p.hessian(x, egrad, xi, out, work);
            for (int r = 0; r < n; r++) {
                h[r][i] = out[r];
            }
        }
        double max = 0;
        double asym = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                max = Math.max(max, Math.abs(h[r][c]));
                asym = Math.max(asym, Math.abs(h[r][c] - h[c][r]));
            }
        }
        assertTrue(asym <= 1e-9 * max, "Riemannian Hessian not symmetric: " + asym + " vs max entry " + max);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < r; c++) {
                double s = 0.5 * (h[r][c] + h[c][r]);
                h[r][c] = s;
                h[c][r] = s;
            }
        }
        return h;
    }

    /**
     * Eigenvalues of a symmetric matrix, ascending. Hipparchus's EigenDecompositionSymmetric fails to
     * converge on some of these Hessians (sphere model, many repeated eigenvalues); then the spectrum is
     * taken from the SVD of the PSD shift A + c I, c = ||A||_F: eigenvalues = singular values - c
     * (absolute accuracy about eps c, well inside the 1e-9 relative tolerances used here).
     */
    static double[] eigenvalues(double[][] a) {
        for (double[] row : a) {
            for (double v : row) {
                assertTrue(Double.isFinite(v), "Hessian entry " + v);
            }
        }
        RealMatrix m = MatrixUtils.createRealMatrix(a);
        double[] ev;
        try {
            ev = new EigenDecompositionSymmetric(m).getEigenvalues();
        } catch (MathIllegalStateException e) {
            double c = m.getFrobeniusNorm();
            double[] sv = new SingularValueDecomposition(m.add(MatrixUtils.createRealIdentityMatrix(a.length)
                    .scalarMultiply(c))).getSingularValues();
            ev = new double[sv.length];
            for (int i = 0; i < sv.length; i++) {
                ev[i] = sv[i] - c;
            }
        }
        Arrays.sort(ev);
        return ev;
    }

    /** Euclidean norm. */
    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** max_i |a_i - b_i|. */
    static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /**
     * Dimension of the orbit of a K-simplex ETF in R^d under O(d): dim O(d) - dim O(d - (K-1)), the
     * number of exact zero Hessian eigenvalues that rotations create at a minimiser.
     */
    static int rotationOrbitDimension(int k, int d) {
        int free = d - (k - 1);
        return d * (d - 1) / 2 - free * (free - 1) / 2;
    }
}
