package org.ufm.kernel;

/**
 * The preconditions of the kernels' KeY-proved contracts, as boolean checks for {@code assert} at the
 * call sites (model and manifold code): a proof says nothing about a call that breaks its
 * {@code requires}, so the callers check them whenever assertions are on (every Surefire run).
 * Plain Java (KeY reads this package); no contracts of its own.
 */
public final class KernelPreconditions {

    private KernelPreconditions() {
    }

    /** {@code a[off..off+len)} is a slice of a non-null array, len >= 0. */
    public static boolean slice(double[] a, int off, int len) {
        return a != null && len >= 0 && off >= 0 && off <= a.length - len;
    }

    /** A slice of len >= 1 whose entries are all finite (the soft-max kernels' {@code \fp_nice(z[k])}). */
    public static boolean finiteColumn(double[] z, int off, int len) {
        if (!slice(z, off, len) || len < 1) {
            return false;
        }
        for (int k = off; k < off + len; k++) {
            if (Double.isNaN(z[k]) || Double.isInfinite(z[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Precondition of crossEntropy / crossEntropyGradient / softmax: a finite column, its output slice
     * in a different array, the label in [0, len), a finite non-negative scale.
     */
    public static boolean softmaxColumn(double[] z, int off, int len, int y, double scale, double[] out, int ooff) {
        return finiteColumn(z, off, len) && slice(out, ooff, len) && z != out && 0 <= y && y < len
            && scale >= 0.0 && !Double.isInfinite(scale);
    }

    /**
     * Precondition of the sphere kernels: every slice in bounds, and an output that aliases an input
     * does so at the same offset (each entry then reads only its own index before writing it).
     */
    public static boolean sphereColumns(double[] x, int xoff, double[] u, int uoff, double[] out, int ooff, int len) {
        return slice(x, xoff, len) && slice(u, uoff, len) && slice(out, ooff, len)
            && (out != x || ooff == xoff) && (out != u || ooff == uoff);
    }
}
