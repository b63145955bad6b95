package org.ufm.variant;

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
    public Double optimum(UfmModel model) {
        EuclideanUfm e = euclidean(model);
        return e == null ? null : MseClosedForm.optimum(e);
    }
}
