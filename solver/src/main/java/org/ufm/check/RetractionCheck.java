package org.ufm.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ufm.manifold.Manifold;

/**
 * Second-order check of a manifold's retraction against its exponential map, as Manopt's
 * checkretraction: E(t) = ||R_x(t v) - Exp_x(t v)|| is O(t^3) exactly when R is a second-order
 * retraction (same velocity and same normal-only acceleration as the geodesic at t = 0); a first-order
 * retraction leaves O(t^2). On the sphere the normalisation retraction gives E(t) = t^3/3 + O(t^5) for a
 * unit v; on a Euclidean space R = Exp and the verdict is "exact". Skipped when {@link ExponentialMap#of}
 * does not know the manifold. Round-off floor: {@link ErrorCurve} with magnitude ||R|| + ||Exp||.
 */
public final class RetractionCheck {

    private RetractionCheck() {
    }

    /** Retraction check at x along the tangent v on the standard grid, against {@link ExponentialMap#of}(m). */
    public static CheckResult secondOrder(Manifold m, double[] x, double[] v) {
        ExponentialMap exp = ExponentialMap.of(m);
        if (exp == null) {
            return CheckResult.skipped("retraction", 3.0, "no exponential map known for " + m);
        }
        return secondOrder(m, exp, x, v, StepGrid.standard(), true);
    }

    /**
     * Retraction check of m at x along the tangent v against the given exponential map, on increasing steps
     * (extended upward when {@code extend}, see {@link ErrorCurve}).
     */
    public static CheckResult secondOrder(Manifold m, ExponentialMap exp, double[] x, double[] v, double[] steps,
                                          boolean extend) {
        DerivativeCheck.requirePointAndTangent(m, x, v);
        int n = m.ambientDimension();
        double[] r = new double[n];
        double[] g = new double[n];
        double[] drift = {0.0};
        ErrorCurve c = ErrorCurve.sample((t, out) -> {
            m.retract(x, v, t, r);
            exp.exp(x, v, t, g);
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += (r[k] - g[k]) * (r[k] - g[k]);
            }
            out[0] = Math.sqrt(s);
            out[1] = DerivativeCheck.norm(r) + DerivativeCheck.norm(g);
            out[2] = Double.NaN;
            drift[0] = Math.max(drift[0], m.constraintViolation(r));
        }, steps, extend);
        Map<String, Double> diag = new LinkedHashMap<>();
        diag.put("constraintViolation", drift[0]);
        return CheckResult.judge("retraction", 3.0, c.t, c.e, c.floor, diag, List.of());
    }
}
