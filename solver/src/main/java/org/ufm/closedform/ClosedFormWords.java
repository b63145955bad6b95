package org.ufm.closedform;

import java.util.Locale;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/**
 * The closed forms' facts in words, for reports: why a model has no known optimum (mirroring the cases in
 * which {@link CrossEntropyClosedForm#optimum}, {@link MseClosedForm#optimum} and
 * {@link SphereClosedForm#optimum} return null), and what W = H = 0 is for a model (its minimiser above the
 * threshold sqrt(lambda_W lambda_H) >= 1/(K sqrt n), a strict saddle below it: SPEC.md 3.1, 4.1).
 */
public final class ClosedFormWords {

    private ClosedFormWords() {
    }

    /** Why the model has no closed-form optimum (call only where its optimum is null). */
    public static String noOptimum(UfmModel model) {
        Labels labels = model.labels();
        int k = labels.classes();
        int d = model.dim();
        if (model instanceof SphereUfm) {
            if (!labels.isBalanced()) {
                return "none known for imbalanced classes";
            }
            return String.format(Locale.ROOT, "none known: d = %d < K - 1 = %d, the simplex ETF does not fit", d, k - 1);
        }
        if (!(model instanceof EuclideanUfm)) {
            return "none known for this model";
        }
        EuclideanUfm e = (EuclideanUfm) model;
        boolean squared = "squared".equals(e.loss().name());
        if (!squared && e.lambdaW() == 0.0 && e.lambdaH() == 0.0) {
            return "none: the infimum 0 is approached as ||W||, ||H|| -> infinity, never attained";
        }
        if ((e.lambdaW() == 0.0) != (e.lambdaH() == 0.0)) {
            return "none: with lambda_" + (e.lambdaW() == 0.0 ? "W" : "H") + " = 0 the infimum is approached by "
                    + "rescaling (W, H) -> (t W, H/t) " + (e.lambdaW() == 0.0 ? "as t -> infinity" : "as t -> 0")
                    + " and never attained";
        }
        if (!labels.isBalanced()) {
            return "none known for imbalanced classes with weight decay";
        }
        if (squared) {
            if (e.lambdaW() == 0.0 && (!e.hasBias() || e.lambdaB() == 0.0)) {
                return String.format(Locale.ROOT, "none: d = %d is below the rank %d that interpolation needs", d,
                        e.hasBias() ? k - 1 : k);
            }
            double a = e.dataWeight();
            MseClosedForm cf = MseClosedForm.of(k, labels.perClass(), e.lambdaW() / a, e.lambdaH() / a, e.hasBias(),
                    e.lambdaB() / a);
            return String.format(Locale.ROOT, "none known: d = %d is below the optimal rank %d", d, cf.minDim);
        }
        return String.format(Locale.ROOT, "none known: d = %d < K - 1 = %d below the threshold, the optimal simplex "
                + "ETF does not fit", d, k - 1);
    }

    /** What W = H = 0 is for the model: its minimiser, a strict saddle, or (where no closed form says) a critical point. */
    public static String origin(UfmModel model) {
        if (model instanceof EuclideanUfm && model.labels().isBalanced()) {
            EuclideanUfm e = (EuclideanUfm) model;
            Labels labels = model.labels();
            if ("cross-entropy".equals(e.loss().name()) && e.lambdaW() > 0 && e.lambdaH() > 0) {
                boolean above = CrossEntropyClosedForm.of(labels.classes(), labels.perClass(), e.lambdaW(), e.lambdaH())
                        .atOrigin();
                return above ? "the minimiser above the threshold is W = H = 0"
                        : "W = H = 0 is a strict saddle below the threshold (SPEC 4.1), not the minimiser; "
                        + "a larger --init-scale starts away from it";
            }
        }
        return "W = H = 0 is a critical point; no closed form here says whether it is the minimiser";
    }
}
