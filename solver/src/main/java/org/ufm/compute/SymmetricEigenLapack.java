package org.ufm.compute;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Eigenvalues and eigenvectors of a real symmetric n x n matrix by LAPACK's {@code dsyevd} (divide and
 * conquer; eigenvalues alone by root-free QR) through dev.ludovic.netlib, i.e. the system OpenBLAS's LAPACK by JNI.
 * Available only when that native library loaded ({@link #available()}); netlib's pure-Java fallback is not used
 * (Hipparchus is the pure-Java path). Calls are serialised with {@link Gemm}'s, under the same lock.
 */
public final class SymmetricEigenLapack {

    private static final LAPACK LAPACK_INSTANCE = loadQuietly();

    private SymmetricEigenLapack() {
    }

    private static LAPACK loadQuietly() {
        Gemm.implementation(); // quiets netlib's logger before it tries its implementations
        try {
            LAPACK l = LAPACK.getInstance();
            return l.getClass().getName().contains("JNI") ? l : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** True when the native LAPACK is loaded. */
    public static boolean available() {
        return LAPACK_INSTANCE != null;
    }

    /**
     * Decomposes the symmetric matrix {@code a} (n x n, column-major; only its upper triangle is read and it is
     * overwritten by the eigenvectors, column j for eigenvalue j) and writes the eigenvalues in increasing
     * order into {@code w}. Returns LAPACK's info: 0 on success, > 0 when the algorithm failed to converge.
     */
    public static int decompose(int n, double[] a, double[] w) {
        return serialised("V", "U", n, a, w);
    }

    /**
     * The largest eigenvalue of the symmetric n x n matrix whose lower triangle is in {@code a} (column-major,
     * leading dimension n; overwritten), by {@code dsyevd} without eigenvectors (the tridiagonal reduction and
     * root-free QR: at n = 100 about 1 ms on its first call in a process, where the decomposition with vectors
     * and its Java copies took 20 ms); NaN when LAPACK did not converge.
     */
    public static double largestEigenvalue(int n, double[] a) {
        double[] w = new double[n];
        return serialised("N", "L", n, a, w) == 0 ? w[n - 1] : Double.NaN;
    }

    /** {@link #run} under {@link Gemm}'s lock where calls are serialised; refused where LAPACK is not loaded. */
    private static int serialised(String jobz, String uplo, int n, double[] a, double[] w) {
        if (!available()) {
            throw new IllegalStateException("no native LAPACK");
        }
        if (Gemm.SERIALISE) {
            synchronized (Gemm.NATIVE_LOCK) {
                return run(jobz, uplo, n, a, w);
            }
        }
        return run(jobz, uplo, n, a, w);
    }

    /** dsyevd with its workspace queried first. */
    private static int run(String jobz, String uplo, int n, double[] a, double[] w) {
        double[] work = new double[1];
        int[] iwork = new int[1];
        intW info = new intW(0);
        LAPACK_INSTANCE.dsyevd(jobz, uplo, n, a, n, w, work, -1, iwork, -1, info);
        if (info.val != 0) {
            return info.val;
        }
        int lwork = (int) work[0];
        int liwork = iwork[0];
        work = new double[lwork];
        iwork = new int[liwork];
        LAPACK_INSTANCE.dsyevd(jobz, uplo, n, a, n, w, work, lwork, iwork, liwork, info);
        return info.val;
    }
}
