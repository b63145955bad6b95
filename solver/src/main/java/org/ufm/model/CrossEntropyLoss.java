package org.ufm.model;

import org.ufm.kernel.KernelPreconditions;
import org.ufm.kernel.SoftmaxKernels;

/**
 * Cross-entropy L(z, y) = log sum_j exp(z_j) - z_y, with gradient p - e_y and Hessian diag(p) - p p^T,
 * p = softmax(z), all evaluated stably for any logit size (see {@link SoftmaxKernels}).
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
        assert KernelPreconditions.softmaxColumn(z, off, k, y, 0.0, work, woff) : "crossEntropy precondition";
        return SoftmaxKernels.crossEntropy(z, off, k, y, work, woff);
    }

    @Override
    public double valueAndGradient(double[] z, int off, int k, int y, double scale, double[] g, int goff) {
        assert KernelPreconditions.softmaxColumn(z, off, k, y, scale, g, goff) : "crossEntropyGradient precondition";
        return SoftmaxKernels.crossEntropyGradient(z, off, k, y, scale, g, goff);
    }

    @Override
    public void hessianTimes(double[] z, int off, int k, int y, double[] dz, int dzoff, double scale,
                             double[] out, int ooff, double[] work) {
        assert KernelPreconditions.softmaxColumn(z, off, k, y, scale, work, 0) : "softmax precondition";
        SoftmaxKernels.softmax(z, off, k, work, 0);
        SoftmaxKernels.softmaxJacobianTimes(work, 0, dz, dzoff, k, scale, out, ooff);
    }
}
