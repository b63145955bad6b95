package org.ufm.model;

import org.ufm.kernel.KernelPreconditions;
import org.ufm.kernel.SoftmaxKernels;

/**
 * Cross-entropy L(z, y) = log sum_j exp(z_j) - z_y, with gradient p - e_y and Hessian diag(p) - p p^T,
 * p = softmax(z), all evaluated stably for any finite logit size (see {@link SoftmaxKernels}). A column with a
 * non-finite logit is outside the kernels' proved contracts, so it is not passed to them: its loss and
 * derivatives are NaN, which the solvers report as NOT_FINITE.
 */
public final class CrossEntropyLoss implements ColumnLoss {

    /** The single instance (the loss has no state). */
    public static final CrossEntropyLoss INSTANCE = new CrossEntropyLoss();

    private CrossEntropyLoss() {
    }

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public double value(double[] z, int off, int k, int y, double[] work, int woff) {
        if (!KernelPreconditions.finiteColumn(z, off, k)) {
            return Double.NaN; // outside the kernels' proved domain: the solvers stop with NOT_FINITE
        }
        assert KernelPreconditions.softmaxColumn(z, off, k, y, 0.0, work, woff) : "crossEntropy precondition";
        return SoftmaxKernels.crossEntropy(z, off, k, y, work, woff);
    }

    @Override
    public double valueAndGradient(double[] z, int off, int k, int y, double scale, double[] g, int goff) {
        if (!KernelPreconditions.finiteColumn(z, off, k)) {
            java.util.Arrays.fill(g, goff, goff + k, Double.NaN);
            return Double.NaN;
        }
        assert KernelPreconditions.softmaxColumn(z, off, k, y, scale, g, goff) : "crossEntropyGradient precondition";
        return SoftmaxKernels.crossEntropyGradient(z, off, k, y, scale, g, goff);
    }

    @Override
    public void hessianTimes(double[] z, int off, int k, int y, double[] dz, int dzoff, double scale,
                             double[] out, int ooff, double[] work) {
        curvature(z, off, k, y, work, 0);
        hessianTimesAt(work, 0, k, y, dz, dzoff, scale, out, ooff);
    }

    @Override
    public int curvatureLength(int k) {
        return k;
    }

    /** p = softmax(z); NaN entries for a column with a non-finite logit (kept out of the kernels). */
    @Override
    public void curvature(double[] z, int off, int k, int y, double[] state, int soff) {
        if (!KernelPreconditions.finiteColumn(z, off, k)) {
            java.util.Arrays.fill(state, soff, soff + k, Double.NaN);
            return;
        }
        assert KernelPreconditions.softmaxColumn(z, off, k, y, 1.0, state, soff) : "softmax precondition";
        SoftmaxKernels.softmax(z, off, k, state, soff);
    }

    /** scale (diag(p) - p p^T) dz from p; NaN when p is (the state of a non-finite column). */
    @Override
    public void hessianTimesAt(double[] state, int soff, int k, int y, double[] dz, int dzoff, double scale,
                               double[] out, int ooff) {
        if (Double.isNaN(state[soff])) {
            java.util.Arrays.fill(out, ooff, ooff + k, Double.NaN);
            return;
        }
        SoftmaxKernels.softmaxJacobianTimes(state, soff, dz, dzoff, k, scale, out, ooff);
    }
}
