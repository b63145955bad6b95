package org.ufm.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ufm.certificate.Certificate;
import org.ufm.certificate.HessianSpectrum;
import org.ufm.certificate.Saddles;
import org.ufm.certificate.SecondOrderCertificate;
import org.ufm.compute.Chunks;
import org.ufm.closedform.StrictSaddle;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.Solver;
import org.ufm.solver.Solvers;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;
import org.ufm.variant.KnownSaddle;

/**
 * {@code ufm saddle}: builds the variant's explicit strict saddle of SPEC.md 4 (CE: the origin W = H = 0, b = 0;
 * sphere: total collapse w_k = h_j = e_1; other variants have none known and are refused), verifies it is critical, reports the predicted and measured negative curvature with
 * its direction, and runs a solver from a small step along that direction to show the escape to the global
 * minimiser.
 */
final class SaddleCommand {

    static final Set<String> VALUES = new LinkedHashSet<>(Arrays.asList(
            "solver", "epsilon", "seed", "tol", "max-iter", "time-limit"));
    static final Set<String> FLAGS = new LinkedHashSet<>(Arrays.asList("json"));
    /** Largest number of variables for which the dense spectrum (and the count of negative eigenvalues) is computed. */
    static final int DENSE_LIMIT = 600;
    /** Largest number of variables for which the direction is printed in the JSON. */
    static final int PRINT_LIMIT = 10_000;

    private SaddleCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args a = ModelOptions.parse(argv, VALUES, FLAGS);
        ModelOptions mo = new ModelOptions(a);
        boolean json = a.flag("json");
        String solverName = a.string("solver", SolveCommand.DEFAULT_SOLVER);
        double eps = a.number("epsilon", 1e-3);
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new UsageException("--epsilon must be a finite number > 0, got " + eps);
        }
        long seed = a.longValue("seed", 1L);
        double tol = OptionRules.tolerance(a, "tol", SolveCommand.DEFAULT_TOL);
        int maxIter = a.integer("max-iter", 1_000_000);
        if (maxIter < 0) {
            throw new UsageException("--max-iter must be >= 0, got " + maxIter);
        }
        double timeLimit = a.number("time-limit", Double.MAX_VALUE);
        if (!(timeLimit > 0)) {
            throw new UsageException("--time-limit must be > 0 seconds, got " + timeLimit);
        }
        if (!mo.labels.isBalanced()) {
            throw new UsageException("the saddles of SPEC 4 need balanced classes (use --per-class, not --class-sizes)");
        }
        String unavailable = mo.variant.saddleUnavailable(mo.spec);
        if (unavailable != null) {
            throw new UsageException(unavailable);
        }
        Solver solver;
        try {
            solver = Solvers.create(solverName, Double.NaN);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        MemoryCheck.require(mo, Solvers.workVectors(solverName) + 6);
        try (Chunks chunks = new Chunks(mo.threads)) {
            UfmModel model = mo.build(chunks);
            Problem problem = new Problem(model.manifold(), model);
            KnownSaddle known = mo.variant.saddle(model, seed);
            StrictSaddle s = known.saddle();
            String kind = known.kind();
            Double formula = known.predictedMinEigenvalue();
            int n = problem.size();
            double[] egrad = new double[n];
            double[] rgrad = new double[n];
            double f0 = problem.costAndGradient(s.point(), egrad, rgrad);
            double g0 = model.manifold().norm(s.point(), rgrad);
            double measured = Saddles.rayleigh(problem, s.point(), s.direction());
            Integer negatives = null;
            Double lmin;
            String method;
            if (n <= DENSE_LIMIT) {
                double[] spectrum = HessianSpectrum.dense(problem, s.point(), Collections.emptyList());
                int c = 0;
                for (double v : spectrum) {
                    c += v < -SecondOrderCertificate.DEFAULT_TOLERANCE ? 1 : 0;
                }
                negatives = c;
                lmin = spectrum[0];
                method = "dense";
            } else {
                lmin = SecondOrderCertificate.of(model, s.point(), SecondOrderCertificate.DEFAULT_TOLERANCE).minEigenvalue;
                method = "lanczos";
            }
            if (!Double.isFinite(lmin)) {
                throw new UsageException("the Hessian at the saddle is not finite (lambda_min = " + lmin + "): "
                        + mo.describe() + " overflows; use smaller parameters (for the sphere model, a smaller --tau)");
            }
            double[] x0 = Saddles.escapeStart(problem, s, eps, seed);
            StoppingCriterion stop = StoppingCriterion.standard(tol, maxIter, 0.0, timeLimit);
            Result r;
            try (Interrupts guard = Interrupts.install()) {
                r = guard.run(() -> solver.minimize(problem, x0, stop, new Trace(false)));
            }
            Double optimum = Certificate.optimum(model);
            Double gap = optimum == null ? null : r.cost() - optimum;
            Double rel = optimum == null ? null : gap / Math.abs(optimum);
            if (json) {
                out.println(new Json()
                        .put("model", mo.model)
                        .put("classes", mo.labels.classes())
                        .put("perClass", mo.labels.perClass())
                        .put("dim", mo.dim)
                        .putAll(known.parameters())
                        .put("saddle", kind)
                        .put("objectiveAtSaddle", f0)
                        .put("gradNormAtSaddle", g0)
                        .put("critical", g0 <= tol)
                        .put("predictedMinEigenvalue", formula)
                        .put("predictedCurvature", s.predicted())
                        .put("predictedQuadraticForm", s.predictedUnnormalised())
                        .put("measuredCurvature", measured)
                        .put("minHessianEigenvalue", lmin)
                        .put("hessianMethod", method)
                        .put("negativeEigenvalues", negatives)
                        .put("predictedNegativeEigenvalues", s.negativeCount() >= 0 ? s.negativeCount() : null)
                        .put("direction", n <= PRINT_LIMIT ? s.direction() : null)
                        .put("epsilon", eps)
                        .put("solver", r.solver())
                        .put("objective", r.cost())
                        .put("optimum", optimum)
                        .put("gap", gap)
                        .put("relativeGap", rel)
                        .put("gradNorm", r.gradNorm())
                        .put("iterations", r.iterations())
                        .put("stopReason", r.stopReason().name())
                        .put("seconds", r.seconds()));
                return 0;
            }
            out.println("model       " + mo.describe());
            out.printf(Locale.ROOT, "saddle      %s: f = %.16g, |grad f| = %.3e (%s)%n", kind, f0, g0,
                    g0 <= tol ? "critical" : "NOT critical");
            if (formula != null) {
                out.printf(Locale.ROOT, "curvature   lambda_min predicted (SPEC 4.1) %.15g, measured along the direction %.15g, "
                        + "smallest Hessian eigenvalue (%s) %.15g%n", formula, measured, method, lmin);
            } else {
                out.printf(Locale.ROOT, "curvature   <xi, Hess xi> predicted (SPEC 4.2) %.12g for the unnormalised xi; "
                        + "unit direction: predicted %.15g, measured %.15g; smallest Hessian eigenvalue (%s) %.15g%n",
                        s.predictedUnnormalised(), s.predicted(), measured, method, lmin);
            }
            if (negatives != null) {
                out.println("negative    " + negatives + " eigenvalues below -" + SecondOrderCertificate.DEFAULT_TOLERANCE
                        + (s.negativeCount() >= 0 ? " (predicted " + s.negativeCount() + ")" : ""));
            }
            out.printf(Locale.ROOT, "escape      %s from the saddle + %.1e x direction: %s after %d iterations, f = %.16g%n",
                    r.solver(), eps, r.stopReason(), r.iterations(), r.cost());
            if (optimum != null) {
                out.printf(Locale.ROOT, "gap         %.3e (relative %.3e) to the closed form %.16g%n", gap, rel, optimum);
            }
            return 0;
        }
    }
}
