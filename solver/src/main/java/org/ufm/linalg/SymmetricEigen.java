package org.ufm.linalg;

import java.util.Arrays;
import org.ufm.compute.SymmetricEigenLapack;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix A. On request (the metrics' Gram), from order
 * {@value #NATIVE_FROM} on and when the system's LAPACK is loaded, LAPACK's {@code dsyevd} ({@link SymmetricEigenLapack}; at K = 1000 it takes 0.15 s
 * where Hipparchus took 3.4 s, and Hipparchus's QL did not converge on the simplex-ETF Gram of the metrics, whose
 * SVD fallback took about 15 s). Otherwise Hipparchus ({@link HipparchusEigen}: its symmetric eigendecomposition,
 * with the SVD of a shift where QL does not converge). The LAPACK path loads no Hipparchus class.
 */
public final class SymmetricEigen {

    /** Order from which the native LAPACK is used when it is loaded (below it Hipparchus is as fast). */
    public static final int NATIVE_FROM = 100;

    /** Column i of the eigenvector matrix V, a new array on every call. */
    interface Columns {
        double[] column(int i);
    }

    private final double[] values;
    private final Columns vectors;

    SymmetricEigen(double[] values, Columns vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes the symmetric matrix a (only its symmetric part is meaningful). */
    public static SymmetricEigen of(double[][] a) {
        return of(a, false);
    }

    /**
     * As {@link #of(double[][])}; with {@code preferNative}, a matrix of order at least {@value #NATIVE_FROM} goes
     * through {@link #ofLower} on its lower triangle (LAPACK when it is loaded and the matrix is finite; the metrics
     * call ofLower themselves). The certificates keep Hipparchus, whose outputs the saddle and certificate reports were
     * checked against.
     */
    public static SymmetricEigen of(double[][] a, boolean preferNative) {
        int n = a.length;
        if (!preferNative || n < NATIVE_FROM) {
            return HipparchusEigen.of(a);
        }
        double[] lower = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                lower[j * n + i] = a[i][j];
            }
        }
        return ofLower(lower, n, true);
    }

    /**
     * As {@link #of(double[][], boolean)} for the symmetric n x n matrix whose lower triangle is held, column-major,
     * in {@code lower} (as BLAS dsyrk leaves it): its strict upper triangle is overwritten with the mirror image, and
     * the array becomes LAPACK's work space, so the caller must not use it afterwards. The same decomposition, bit for
     * bit, as {@code of} on the mirrored double[][] matrix, without its n^2 strided copies.
     */
    public static SymmetricEigen ofLower(double[] lower, int n, boolean preferNative) {
        for (int j = 0; j < n; j++) {
            mirrorColumn(lower, n, j);
        }
        if (preferNative && n >= NATIVE_FROM && SymmetricEigenLapack.available() && allFinite(lower)) {
            SymmetricEigen e = lapack(lower, n);
            if (e != null) {
                return e;
            }
        }
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = Arrays.copyOfRange(lower, i * n, (i + 1) * n); // row i = column i of a symmetric matrix
        }
        return HipparchusEigen.of(a);
    }

    /**
     * Copies column j below the diagonal of the column-major n x n {@code a} onto row j right of it (a method per
     * column, so that the JIT compiles it after a few columns where a loop over all of them would run interpreted).
     */
    private static void mirrorColumn(double[] a, int n, int j) {
        for (int i = j + 1; i < n; i++) {
            a[i * n + j] = a[j * n + i];
        }
    }

    /**
     * The m x m symmetric tridiagonal matrix with diagonal main[0..m) and off-diagonal secondary[0..m-1) (a Lanczos
     * matrix): Hipparchus's QL iteration on the two diagonals, without the Householder reduction of {@link #of}, which
     * on a matrix already tridiagonal only flips signs; where QL does not converge, {@link #of} on the dense matrix.
     */
    public static SymmetricEigen ofTridiagonal(double[] main, double[] secondary, int m) {
        SymmetricEigen eig = HipparchusEigen.ofTridiagonal(main, secondary, m);
        return eig != null ? eig : of(tridiagonalMatrix(main, secondary, m));
    }

    /** The dense m x m symmetric matrix with diagonal main[0..m) and off-diagonal secondary[0..m-1). */
    static double[][] tridiagonalMatrix(double[] main, double[] secondary, int m) {
        double[][] t = new double[m][m];
        for (int i = 0; i < m; i++) {
            t[i][i] = main[i];
            if (i + 1 < m) {
                t[i][i + 1] = secondary[i];
                t[i + 1][i] = secondary[i];
            }
        }
        return t;
    }

    /**
     * LAPACK's dsyevd on the upper triangle of the column-major n x n {@code colMajor} (overwritten by the
     * eigenvectors and kept as their store), reordered to decreasing eigenvalues; null if it did not converge.
     */
    private static SymmetricEigen lapack(double[] colMajor, int n) {
        double[] w = new double[n];
        if (SymmetricEigenLapack.decompose(n, colMajor, w) != 0) {
            return null;
        }
        double[] values = new double[n];
        for (int c = 0; c < n; c++) {
            values[c] = w[n - 1 - c];
        }
        // LAPACK's eigenvector j is column j of the overwritten matrix, for its j-th smallest eigenvalue
        return new SymmetricEigen(values, c -> Arrays.copyOfRange(colMajor, (n - 1 - c) * n, (n - c) * n));
    }

    private static boolean allFinite(double[] a) {
        for (double x : a) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** The eigenvalues, in decreasing order. */
    public double[] values() {
        return values.clone();
    }

    /** Eigenvector i (column i of V), matching {@link #values()}[i]. */
    public double[] vector(int i) {
        return vectors.column(i);
    }

    /** Eigenvalues of a symmetric matrix, in decreasing order. */
    public static double[] eigenvalues(double[][] a) {
        return of(a).values;
    }
}
