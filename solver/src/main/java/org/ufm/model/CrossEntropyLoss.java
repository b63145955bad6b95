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
        if (!KernelPreconditions.finiteColumn(z, off, k)) {
            java.util.Arrays.fill(out, ooff, ooff + k, Double.NaN);
            return;
        }
        assert KernelPreconditions.softmaxColumn(z, off, k, y, scale, work, 0) : "softmax precondition";
        SoftmaxKernels.softmax(z, off, k, work, 0);
        SoftmaxKernels.softmaxJacobianTimes(work, 0, dz, dzoff, k, scale, out, ooff);
    }
}
