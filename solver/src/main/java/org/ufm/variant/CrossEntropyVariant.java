package org.ufm.variant;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.closedform.StrictSaddles;
import org.ufm.compute.Chunks;
import org.ufm.model.ColumnLoss;
import org.ufm.model.CrossEntropyLoss;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;

/**
 * {@code ce}: Zhu et al.'s cross-entropy UFM with weight decay (SPEC.md 1a). Closed form: SPEC 3.1's simplex
 * ETF (balanced, d &gt;= K-1) or the origin above the threshold; saddle: SPEC 4.1's origin.
 */
final class CrossEntropyVariant extends DecayVariant {

    @Override
    public String name() {
        return "ce";
    }

    @Override
    ColumnLoss loss() {
        return CrossEntropyLoss.INSTANCE;
    }

    /** Softmax CE is invariant under z -&gt; z + c 1. */
    @Override
    boolean shiftInvariantLoss() {
        return true;
    }

    @Override
    EuclideanUfm build(Labels labels, int d, double lw, double lh, double lb, boolean bias, Chunks chunks) {
        return EuclideanUfm.crossEntropy(labels, d, lw, lh, lb, bias, chunks);
    }

    @Override
    public Double optimum(UfmModel model) {
        EuclideanUfm e = euclidean(model);
        return e == null ? null : CrossEntropyClosedForm.optimum(e);
    }

    @Override
    public double[] minimiser(UfmModel model, Random random) {
        return optimum(model) == null ? null : CrossEntropyClosedForm.optimalPoint(euclidean(model), random);
    }

    @Override
    public String noOptimumReason(UfmModel model) {
        EuclideanUfm e = euclidean(model);
        if (e != null && e.lambdaW() == 0.0 && e.lambdaH() == 0.0) {
            return "none: the infimum 0 is approached as ||W||, ||H|| -> infinity, never attained";
        }
        return super.noOptimumReason(model);
    }

    @Override
    String belowRank(EuclideanUfm e) {
        return String.format(Locale.ROOT, "none known: d = %d < K - 1 = %d below the threshold, the optimal simplex "
                + "ETF does not fit", e.dim(), e.labels().classes() - 1);
    }

    /** sqrt(lambda_W lambda_H) &gt;= 1/(K sqrt n) (SPEC.md 3.1). */
    @Override
    boolean aboveThreshold(EuclideanUfm e) {
        Labels labels = e.labels();
        return CrossEntropyClosedForm.of(labels.classes(), labels.perClass(), e.lambdaW(), e.lambdaH()).atOrigin();
    }

    /** Below the threshold sqrt(lambda_W lambda_H) &lt; 1/(K sqrt n) the origin is a strict saddle. */
    @Override
    public String originWords(UfmModel model) {
        if (withThreshold(model) == null || minimiserAtOrigin(model)) {
            return super.originWords(model);
        }
        return "W = H = 0 is a strict saddle below the threshold (SPEC 4.1), not the minimiser; "
                + "a larger --init-scale starts away from it";
    }

    @Override
    public String saddleUnavailable(ModelSpec spec) {
        return null;
    }

    @Override
    public KnownSaddle saddle(UfmModel model, long seed) {
        EuclideanUfm e = euclidean(model);
        if (e == null) {
            return null;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tau", null);
        p.put("lambdaW", e.lambdaW());
        p.put("lambdaH", e.lambdaH());
        Labels labels = e.labels();
        return new KnownSaddle(StrictSaddles.origin(e), "origin W = H = 0, b = 0",
                StrictSaddles.originMinEigenvalue(labels.classes(), labels.perClass(), e.lambdaW(), e.lambdaH()), p);
    }
}
