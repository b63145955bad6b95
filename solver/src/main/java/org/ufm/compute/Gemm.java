package org.ufm.compute;

import dev.ludovic.netlib.blas.BLAS;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Column-major DGEMM C = alpha op(A) op(B) + beta C through dev.ludovic.netlib, which calls the system
 * OpenBLAS by JNI when it is installed and falls back to a pure-Java BLAS otherwise.
 *
 * <p>OpenBLAS's pthread build does not promise that concurrent calls from several threads are safe
 * while it runs its own thread pool (OpenBLAS issues #2126 and #1761 report wrong results and hangs).
 * Calls through JNI are therefore serialised unless {@code OPENBLAS_NUM_THREADS=1}, in which case
 * each call runs on its caller's thread and the workers of {@link Chunks} call it concurrently; loading this class
 * sets that variable (and the core type) where the user has not ({@link BlasEnvironment}).
 */
public final class Gemm {

    /** Held so that the quieted logger is not garbage-collected with its level. */
    private static final Logger NETLIB_LOG = quietNetlib();
    static {
        BlasEnvironment.beforeLoad(); // OpenBLAS's variables into the C environment before it loads
    }

    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();
    /** Held around every JNI call into OpenBLAS, BLAS and LAPACK ({@link SymmetricEigenLapack}), while SERIALISE. */
    static final Object NATIVE_LOCK = new Object();
    /**
     * OpenBLAS runs its own thread pool (OPENBLAS_NUM_THREADS is not 1 in the C environment OpenBLAS read when it
     * loaded, which {@link NativeEnvironment#set} may have changed after Java's start-up copy): calls are serialised.
     */
    static final boolean SERIALISE = !BlasConfig.concurrentCalls(BLAS_INSTANCE.getClass().getName(),
            NativeEnvironment.getenv(BlasConfig.THREADS));

    /** netlib logs a warning for every implementation it fails to load before the one it uses; keep stderr clean. */
    private static Logger quietNetlib() {
        Logger log = Logger.getLogger("dev.ludovic.netlib");
        log.setLevel(Level.SEVERE);
        return log;
    }

    private Gemm() {
    }

    /** Whether calls from several threads run at once (false: serialised behind one lock, see {@link #SERIALISE}). */
    public static boolean concurrentCalls() {
        return !SERIALISE;
    }

    /** Name of the BLAS implementation in use (for reports and benchmarks). */
    public static String implementation() {
        return BLAS_INSTANCE.getClass().getName();
    }

    /**
     * C[m x n] = alpha op(A) op(B) + beta C with op(A) m x k and op(B) k x n, all column-major with the
     * given offsets and leading dimensions; {@code transA}/{@code transB} select op = transpose.
     */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (SERIALISE) {
            synchronized (NATIVE_LOCK) {
                BLAS_INSTANCE.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, aOff, lda,
                        b, bOff, ldb, beta, c, cOff, ldc);
            }
        } else {
            BLAS_INSTANCE.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, aOff, lda,
                    b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * The lower triangle of C[n x n] = alpha A A^T + beta C with A n x k, column-major (offsets, leading dimensions):
     * BLAS dsyrk, half the multiplications of the GEMM; the strict upper triangle of C is not touched.
     */
    public static void dsyrkLower(int n, int k, double alpha, double[] a, int aOff, int lda, double beta,
                                  double[] c, int cOff, int ldc) {
        dsyrkLower("N", n, k, alpha, a, aOff, lda, beta, c, cOff, ldc);
    }

    /** BLAS dsyrk on the lower triangle, trans "N" (A A^T, A n x k) or "T" (A^T A, A k x n); serialised like dgemm. */
    private static void dsyrkLower(String trans, int n, int k, double alpha, double[] a, int aOff, int lda,
                                   double beta, double[] c, int cOff, int ldc) {
        if (n == 0) {
            return;
        }
        if (SERIALISE) {
            synchronized (NATIVE_LOCK) {
                BLAS_INSTANCE.dsyrk("L", trans, n, k, alpha, a, aOff, lda, beta, c, cOff, ldc);
            }
        } else {
            BLAS_INSTANCE.dsyrk("L", trans, n, k, alpha, a, aOff, lda, beta, c, cOff, ldc);
        }
    }

    /**
     * The lower triangle of A A^T (n x n column-major, the strict upper triangle 0) for the n x (a.length / n)
     * column-major A: one {@link #dsyrkLower}.
     */
    public static double[] lowerGram(double[] a, int n) {
        double[] c = new double[n * n];
        dsyrkLower(n, n == 0 ? 0 : a.length / n, 1.0, a, 0, n, 0.0, c, 0, n);
        return c;
    }

    /**
     * The lower triangle of A^T A (n x n column-major, the strict upper triangle 0) for the d x n column-major A whose
     * columns are n vectors of length d = a.length / n (BLAS dsyrk with trans = "T"): the Gram matrix of vectors stored
     * one after the other, without first transposing them into the n x d layout {@link #lowerGram} takes.
     */
    public static double[] lowerGramOfColumns(double[] a, int n) {
        double[] c = new double[n * n];
        int d = n == 0 ? 0 : a.length / n;
        dsyrkLower("T", n, d, 1.0, a, 0, Math.max(1, d), 0.0, c, 0, n);
        return c;
    }

    /**
     * y[m] = alpha op(A) x + beta y with A m x n column-major (offset, leading dimension lda) and op = A^T
     * when {@code transA} (then x has m entries and y n); unit strides. Serialised like {@link #dgemm}.
     */
    public static void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda,
                             double[] x, int xOff, double beta, double[] y, int yOff) {
        if (m == 0 || n == 0) {
            return;
        }
        if (SERIALISE) {
            synchronized (NATIVE_LOCK) {
                BLAS_INSTANCE.dgemv(transA ? "T" : "N", m, n, alpha, a, aOff, lda, x, xOff, 1, beta, y, yOff, 1);
            }
        } else {
            BLAS_INSTANCE.dgemv(transA ? "T" : "N", m, n, alpha, a, aOff, lda, x, xOff, 1, beta, y, yOff, 1);
        }
    }
}
