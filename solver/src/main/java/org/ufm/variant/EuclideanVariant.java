package org.ufm.variant;

import java.util.Arrays;
import org.ufm.certificate.LargestSingularValue;
import org.ufm.certificate.SecondOrderCertificate;
import org.ufm.model.ColumnLoss;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.UfmModel;

/**
 * What the Euclidean variants (W in R^{K x d}, H in R^{d x N}, optional b; {@link EuclideanUfm}) share:
 * the variable count, the symmetry layout (w_k strided by K in column-major W, h_j contiguous, the bias shift
 * when b has no decay and the loss is shift-invariant) and the nuclear-norm certificate's bound sqrt(lambda_W lambda_H) when both decays are on.
 */
abstract class EuclideanVariant implements Variant {

    /** The column loss of this variant's models. */
    abstract ColumnLoss loss();

    /**
     * Whether the loss is invariant under adding a constant to every logit of a column (softmax CE: yes; the
     * squared loss: no), so that a bias without decay has the shift symmetry b -&gt; b + beta 1.
     */
    boolean shiftInvariantLoss() {
        return false;
    }

    /** Whether the specified model has a bias b. */
    abstract boolean bias(ModelSpec spec);

    /** The model as this variant's {@link EuclideanUfm} (with its loss), or null for any other model. */
    final EuclideanUfm euclidean(UfmModel model) {
        if (model instanceof EuclideanUfm && ((EuclideanUfm) model).loss() == loss()) {
            return (EuclideanUfm) model;
        }
        return null;
    }

    @Override
    public long variables(ModelSpec spec) {
        long k = spec.labels().classes();
        long n = spec.labels().samples();
        return k * spec.dim() + (long) spec.dim() * n + (bias(spec) ? k : 0);
    }

    /** "name (K=.., n=.., N=.., d=.." without the closing parenthesis. */
    static String sizes(String name, ModelSpec spec) {
        String size = spec.labels().isBalanced() ? "n=" + spec.labels().perClass()
                : "class sizes " + Arrays.toString(spec.labels().sizes());
        return name + " (K=" + spec.labels().classes() + ", " + size + ", N=" + spec.labels().samples() + ", d=" + spec.dim();
    }

    @Override
    public Double sigmaBound(UfmModel model) {
        EuclideanUfm e = euclidean(model);
        if (e != null && e.lambdaW() > 0 && e.lambdaH() > 0) {
            return Math.sqrt(e.lambdaW() * e.lambdaH());
        }
        return null;
    }

    /**
     * Where {@link #sigmaBound} applies (decay on W and H, a loss convex in Z): the convex-loss bound, from sigma_max
     * as given or else computed at x ({@link LargestSingularValue#givenOrAt}).
     */
    @Override
    public Double hessianLowerBound(UfmModel model, double[] x, Double sigmaMax) {
        EuclideanUfm e = euclidean(model);
        if (sigmaBound(model) == null) {
            return null;
        }
        double sigma = LargestSingularValue.givenOrAt(sigmaMax, model, x);
        return SecondOrderCertificate.convexLossBound(sigma, e.lambdaW(), e.lambdaH(),
                e.hasBias() ? e.lambdaB() : Double.POSITIVE_INFINITY);
    }

    @Override
    public SymmetryLayout symmetries(UfmModel model) {
        EuclideanUfm e = euclidean(model);
        if (e == null) {
            return null;
        }
        int k = e.labels().classes();
        int n = e.labels().samples();
        int d = e.dim();
        int[] base = new int[k + n];
        int[] stride = new int[k + n];
        for (int i = 0; i < k; i++) {
            base[i] = i;
            stride[i] = k;
        }
        for (int j = 0; j < n; j++) {
            base[k + j] = e.hOffset() + j * d;
            stride[k + j] = 1;
        }
        boolean shift = shiftInvariantLoss() && e.hasBias() && e.lambdaB() == 0.0;
        return new SymmetryLayout(base, stride, shift ? e.bOffset() : -1, shift ? k : 0);
    }
}
