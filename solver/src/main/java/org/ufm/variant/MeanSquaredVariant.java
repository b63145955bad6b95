package org.ufm.variant;

import java.util.Locale;
import org.ufm.closedform.MseClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.ColumnLoss;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SquaredLoss;
import org.ufm.model.UfmModel;

/**
 * {@code mse}: the squared-loss UFM with weight decay (SPEC.md 1e). Closed form: SPEC 3.4's f* (balanced
 * classes); no explicit minimiser is reported (so no distance), and no strict saddle is known.
 */
final class MeanSquaredVariant extends DecayVariant {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    ColumnLoss loss() {
        return SquaredLoss.INSTANCE;
    }

    @Override
    EuclideanUfm build(Labels labels, int d, double lw, double lh, double lb, boolean bias, Chunks chunks) {
        return EuclideanUfm.meanSquared(labels, d, lw, lh, lb, bias, chunks);
    }

    @Override
    String belowRank(EuclideanUfm e) {
        int k = e.labels().classes();
        if (e.lambdaW() == 0.0 && (!e.hasBias() || e.lambdaB() == 0.0)) {
            return String.format(Locale.ROOT, "none: d = %d is below the rank %d that interpolation needs", e.dim(),
                    e.hasBias() ? k - 1 : k);
        }
        double a = e.dataWeight();
        MseClosedForm cf = MseClosedForm.of(k, e.labels().perClass(), e.lambdaW() / a, e.lambdaH() / a, e.hasBias(),
                e.lambdaB() / a);
        return String.format(Locale.ROOT, "none known: d = %d is below the optimal rank %d", e.dim(), cf.minDim);
    }

    /** u = K sqrt(n lambda_W lambda_H) &gt;= 1 in the data term's units (SPEC.md 3.4). */
    @Override
    boolean aboveThreshold(EuclideanUfm e) {
        double a = e.dataWeight();
        return MseClosedForm.of(e.labels().classes(), e.labels().perClass(), e.lambdaW() / a, e.lambdaH() / a,
                e.hasBias(), e.lambdaB() / a).atOrigin();
    }

    @Override
    public Double optimum(UfmModel model) {
        EuclideanUfm e = euclidean(model);
        return e == null ? null : MseClosedForm.optimum(e);
    }
}
