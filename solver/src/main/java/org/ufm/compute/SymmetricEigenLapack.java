package org.ufm.compute;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Eigenvalues and eigenvectors of a real symmetric n x n matrix by LAPACK's {@code dsyevd} (divide and
 * conquer) through dev.ludovic.netlib, i.e. the system OpenBLAS's LAPACK by JNI. Available only when that
 * native library loaded ({@link #available()}); netlib's pure-Java fallback is not used (Hipparchus is the
 * pure-Java path). Calls are serialised with {@link Gemm}'s, under the same lock.
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
        if (!available()) {
            throw new IllegalStateException("no native LAPACK");
        }
        if (Gemm.SERIALISE) {
            synchronized (Gemm.NATIVE_LOCK) {
                return run(n, a, w);
            }
        }
        return run(n, a, w);
    }

    private static int run(int n, double[] a, double[] w) {
        double[] work = new double[1];
        int[] iwork = new int[1];
        intW info = new intW(0);
        LAPACK_INSTANCE.dsyevd("V", "U", n, a, n, w, work, -1, iwork, -1, info);
        if (info.val != 0) {
            return info.val;
        }
        int lwork = (int) work[0];
        int liwork = iwork[0];
        work = new double[lwork];
        iwork = new int[liwork];
        LAPACK_INSTANCE.dsyevd("V", "U", n, a, n, w, work, lwork, iwork, liwork, info);
        return info.val;
    }
}
