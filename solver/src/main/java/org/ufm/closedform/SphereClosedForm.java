package org.ufm.closedform;

import java.util.Random;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;

/**
 * The global minimum of the normalised-feature UFM (SPEC.md 3.2; Yaras et al.): for d >= K-1 and any
 * tau > 0, f* = log(1 + (K-1) exp(-tau K/(K-1))), attained by a simplex ETF W (unit columns,
 * W^T W = (K/(K-1)) P_K) with h_j = w_{y_j}.
 */
public final class SphereClosedForm {

    private SphereClosedForm() {
    }

    /** f* = log1p((K-1) exp(-tau K/(K-1))). */
    public static double fstar(int k, double tau) {
        return Math.log1p((k - 1) * Math.exp(-tau * k / (k - 1.0)));
    }

    /** The optimal value of the model, or null when no closed form applies (d &lt; K-1 or imbalanced). */
    public static Double optimum(SphereUfm model) {
        Labels labels = model.labels();
        if (!labels.isBalanced() || model.dim() < labels.classes() - 1) {
            return null;
        }
        return fstar(labels.classes(), model.tau());
    }

    /**
     * An explicit optimal point in the model's layout: a simplex ETF rotated by a Haar-random orthogonal matrix from
     * {@code random} (null: not rotated, supported on the first K - 1 coordinates), h_j = w_{y_j}.
     */
    public static double[] optimalPoint(SphereUfm model, Random random) {
        Labels labels = model.labels();
        int k = labels.classes();
        int d = model.dim();
        double[][] etf = SimplexEtf.rows(k, d, random == null ? null : SimplexEtf.randomOrthogonal(d, random));
        double[] x = new double[model.ambientDimension()];
        for (int i = 0; i < k; i++) {
            System.arraycopy(etf[i], 0, x, i * d, d);
        }
        for (int s = 0; s < labels.samples(); s++) {
            System.arraycopy(etf[labels.label(s)], 0, x, model.hOffset() + s * d, d);
        }
        return x;
    }
}
