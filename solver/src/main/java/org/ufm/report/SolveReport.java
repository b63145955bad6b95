package org.ufm.report;

import org.ufm.certificate.Certificate;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.Solver;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * A solve and its certification: the solver's {@link Result} (last iterate, stop reason, iterations) and the
 * {@link PointReport} at that iterate.
 *
 * @param result the solver's result
 * @param point  the certificates, metrics, distance and extras at {@code result.x()}
 */
public record SolveReport(Result result, PointReport point) {

    /** Certifies a finished solve. */
    public static SolveReport of(UfmModel model, Result result, CertificationSettings settings) {
        return of(model, result, settings, null);
    }

    /**
     * Certifies a finished solve whose first-order and global certificate may already be known ({@code known},
     * computed at result.x() with the settings' tolerances, e.g. by the CertifyingStop that ended it; or null).
     */
    public static SolveReport of(UfmModel model, Result result, CertificationSettings settings, Certificate known) {
        return new SolveReport(result, PointReport.of(model, result.x(), result.cost(), result.gradNorm(), settings,
                known));
    }

    /** Minimises the model from x0 (x0 is not modified) and certifies the result. */
    public static SolveReport solve(UfmModel model, Solver solver, double[] x0, StoppingCriterion stop, Trace trace,
                                    CertificationSettings settings) {
        Result r = solver.minimize(new Problem(model.manifold(), model), x0, stop, trace);
        return of(model, r, settings);
    }

    /** The final objective. */
    public double cost() {
        return result.cost();
    }

    /** Whether the global certificate holds at the result. */
    public boolean certifiedGlobal() {
        return point.global();
    }
}
