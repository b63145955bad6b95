package org.ufm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ufm.certificate.Certificate;
import org.ufm.certificate.CertifyingStop;
import org.ufm.certificate.SecondOrderCertificate;
import org.ufm.compute.BlasInUse;
import org.ufm.compute.Chunks;
import org.ufm.compute.SeededRandom;
import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.model.UfmModel;
import org.ufm.report.CertificationSettings;
import org.ufm.report.PointReport;
import org.ufm.report.SolveReport;
import org.ufm.solver.CsvTraceWriter;
import org.ufm.solver.IterationListener;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.Solver;
import org.ufm.solver.Solvers;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;
import org.ufm.variant.StrongCollapseDistances;
import org.ufm.variant.UlpmMargins;
import org.ufm.variant.VariantExtras;

/**
 * {@code ufm solve}: parses the options, solves one model from its variant's seeded start, certifies the result
 * with the library's {@link SolveReport} and prints it as text or JSON.
 */
public final class SolveCommand {

    static final Set<String> VALUES = new LinkedHashSet<>(Arrays.asList(
            "solver", "step", "cg-rule", "memory", "metrics-every", "tol", "max-iter", "seed", "trace", "init-scale", "time-limit", "gap-tol", "gap-stop", "save", "start"));
    static final Set<String> FLAGS = new LinkedHashSet<>(Arrays.asList("json", "no-hessian", "no-metrics"));

    /**
     * Default solver: L-BFGS (memory 5). It reaches the closed form to about 1e-14 relative from every one of
     * 30 seeds on SPEC's K = 4 example in 40-45 iterations, against about 130 for Armijo gradient descent.
     */
    public static final String DEFAULT_SOLVER = "lbfgs";
    /** Default gradient-norm tolerance. */
    public static final double DEFAULT_TOL = CertificationSettings.DEFAULT_GRAD_TOLERANCE;
    /** Default relative gap tolerance of the global certificate. */
    public static final double DEFAULT_GAP_TOL = CertificationSettings.DEFAULT_GAP_TOLERANCE;

    private SolveCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args a = ModelOptions.parse(argv, VALUES, FLAGS);
        ModelOptions mo = new ModelOptions(a);
        boolean json = a.flag("json");
        String solverName = a.string("solver", DEFAULT_SOLVER);
        double step = a.number("step", Double.NaN);
        if (a.has("step") && !(step > 0)) {
            throw new UsageException("--step must be > 0, got " + step);
        }
        OptionRules.require(OptionRules.solverViolation(a, solverName));
        double tol = OptionRules.tolerance(a, "tol", DEFAULT_TOL);
        double gapTol = OptionRules.tolerance(a, "gap-tol", DEFAULT_GAP_TOL);
        Double gapStop = a.has("gap-stop") ? OptionRules.tolerance(a, "gap-stop", 0.0) : null;
        int maxIter = a.integer("max-iter", 1_000_000);
        if (maxIter < 0) {
            throw new UsageException("--max-iter must be >= 0, got " + maxIter);
        }
        long seed = a.longValue("seed", 1L);
        double initScale = a.number("init-scale", 1.0);
        if (!(initScale > 0)) {
            throw new UsageException("--init-scale must be > 0, got " + initScale);
        }
        double timeLimit = a.number("time-limit", Double.MAX_VALUE);
        if (!(timeLimit > 0)) {
            throw new UsageException("--time-limit must be > 0 seconds, got " + timeLimit);
        }
        String cgRule = a.string("cg-rule", "prp+");
        int memory = a.integer("memory", org.ufm.solver.Lbfgs.DEFAULT_MEMORY);
        if (memory < 1) {
            throw new UsageException("--memory must be >= 1, got " + memory);
        }
        Solver solver;
        try {
            solver = Solvers.create(solverName, step, cgRule, memory);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        MemoryCheck.require(mo, Solvers.workVectors(solverName, memory) + 4);
        Path save = a.has("save") ? PointFiles.writableTarget(a.string("save", null)) : null;

        try (Chunks chunks = new Chunks(mo.threads)) {
            UfmModel model = mo.build(chunks);
            ZeroDimension.refuse(mo, model);
            Problem problem = new Problem(model.manifold(), model);
            double[] x0 = new double[problem.size()];
            mo.variant.start(model, new SeededRandom(seed), initScale, x0); // the variant's own start (Mixon: norms)
            Json start = a.has("start") ? PointFiles.start(a.string("start", null), model, x0) : null;

            Trace trace = new Trace(false);
            int metricsEvery = a.integer("metrics-every", 0);
            if (metricsEvery < 0) {
                throw new UsageException("--metrics-every must be >= 1 (0: never), got " + metricsEvery);
            }
            MetricsColumns metrics = metricsEvery > 0 ? new MetricsColumns(model, metricsEvery) : null;
            if (metrics != null) {
                trace.listen(metrics);
            }
            CsvTraceWriter csv = null;
            Path tracePath = a.has("trace") ? Paths.get(a.string("trace", null)) : null;
            if (tracePath != null) {
                try {
                    csv = new CsvTraceWriter(tracePath, metrics);
                } catch (IOException e) {
                    throw new UsageException(IoErrors.message("write the trace file", tracePath, e));
                }
                trace.listen(csv);
            }
            if (!json) {
                trace.listen(new ProgressLine(err));
            }
            // without an explicit --tol the solve goes on until the global certificate holds (CertifyingStop;
            // not where the certificate itself is skipped: PointReport.certifies)
            CertifyingStop certifying = a.has("tol") || !PointReport.certifies(model) ? null
                    : new CertifyingStop(model, tol, gapTol);
            if (certifying != null) {
                trace.listen(certifying);
            }
            StoppingCriterion usual = certifying == null ? StoppingCriterion.standard(tol, maxIter, 0.0, timeLimit)
                    : StoppingCriterion.notFinite().or(certifying).or(StoppingCriterion.standard(-1.0, maxIter, 0.0, timeLimit));
            // --gap-stop: the peers' rule, checked first (after finiteness) on the f every row carries anyway
            StoppingCriterion stop = gapStop == null ? usual
                    : StoppingCriterion.gapFirst(optimumFor(model, mo), gapStop, usual);
            try (Interrupts guard = Interrupts.install()) {
                guard.flushOnSignal(csv);
                Result solved = guard.run(() -> solver.minimize(problem, x0, stop, trace));
                Result r = certifying == null ? solved : certifying.settle(solved);
                if (csv != null) {
                    csv.close();
                }
                CertificationSettings settings = new CertificationSettings(tol, gapTol, !a.flag("no-hessian"));
                if (a.flag("no-metrics")) {
                    settings = settings.withoutMetrics();
                }
                if (guard.interrupted()) {
                    settings = settings.skippingSlowParts();
                    err.println("ufm solve: interrupted; the distance to the optimum"
                            + (a.flag("no-hessian") ? " was" : " and the second-order certificate were") + " skipped");
                }
                // the global certificate that ended the solve is not computed a second time
                SolveReport report = SolveReport.of(model, r, settings, certifying == null ? null : certifying.certificateOf(r));
                if (json) {
                    out.println(json(mo, model, report, seed, metrics, start, certifying));
                } else {
                    text(mo, model, report, start, certifying, out);
                }
                out.flush();
                int saved = save == null ? 0 : PointFiles.save(save, model, r.x(), err);
                if (csv != null && csv.failure() != null) {
                    err.println("ufm solve: " + IoErrors.message("write the trace file", tracePath, csv.failure())
                            + "; the trace is incomplete, the result printed is complete");
                    return Main.EXIT_TRACE_INCOMPLETE;
                }
                return saved;
            }
        }
    }

    /** The closed-form optimum that {@code --gap-stop} measures the gap to; a usage error where none is known. */
    private static double optimumFor(UfmModel model, ModelOptions mo) {
        Double optimum = Certificate.optimum(model);
        if (optimum == null) {
            throw new UsageException("--gap-stop needs a closed-form optimum, and " + mo.describe()
                    + " has none (see README, solve: the models' closed forms)");
        }
        return optimum;
    }

    /** The report as one JSON object (field order and null fields fixed: scripts read them). */
    private static Json json(ModelOptions mo, UfmModel model, SolveReport report, long seed, MetricsColumns metrics,
                             Json start, CertifyingStop certifying) {
        Result r = report.result();
        PointReport p = report.point();
        Certificate cert = p.certificate();
        Json j = new Json()
                .put("model", mo.model)
                .put("classes", model.labels().classes())
                .put("perClass", model.labels().isBalanced() ? model.labels().perClass() : null)
                .put("classSizes", toList(model.labels().sizes()))
                .put("samples", model.labels().samples())
                .put("dim", model.dim());
        j.putAll(mo.variant.parameters(mo.spec))
                .put("solver", r.solver())
                .put("start", start)
                .put("seed", seed)
                .put("threads", mo.threads)
                .put("blas", blasJson(BlasInUse.current()))
                .put("objective", r.cost())
                .put("optimum", p.optimum())
                .put("gap", p.gap())
                .put("relativeGap", cert == null ? null : cert.relativeGap)
                .put("gradNorm", r.gradNorm())
                .put("iterations", r.iterations())
                .put("stopReason", r.stopReason().name())
                .put("refinement", Refinements.json(certifying))
                .put("converged", r.stopReason().isConvergence())
                .put("seconds", r.seconds());
        PointReportFormat.putMetrics(j, p, mo.variant, model);
        if (metrics != null) {
            List<Object> rows = new java.util.ArrayList<>();
            for (MetricsColumns.Sample sm : metrics.samples()) {
                rows.add(new Json().put("iteration", sm.iteration).put("nc1", sm.values[0]).put("nc2", sm.values[1])
                        .put("nc3", sm.values[2]).put("nc4", sm.values[3]));
            }
            j.put("metricsTrace", rows);
        }
        PointReportFormat.putCertificates(j, p);
        return j;
    }

    /** The report as the human-readable lines of README's command 1. */
    private static void text(ModelOptions mo, UfmModel model, SolveReport report, Json start,
                             CertifyingStop certifying, PrintStream out) {
        Result r = report.result();
        PointReport p = report.point();
        out.println("model       " + mo.describe());
        if (start != null) {
            out.println("start       " + start);
        }
        out.printf(Locale.ROOT, "solver      %s: %s after %d iterations in %.3f s%n", r.solver(), r.stopReason(),
                r.iterations(), r.seconds());
        out.println("blas        " + BlasInUse.current().describe());
        PointReportFormat.print(p, mo.variant, model,
                Refinements.applies(certifying) ? Refinements.text(certifying, r.stopReason()) : null, out);
    }

    /**
     * The BLAS in use as a JSON object: implementation, mapped library, the kernel OpenBLAS reports, core type and
     * threads with who set them, and whether the solver's threads call it at once.
     */
    static Json blasJson(BlasInUse b) {
        return new Json().put("implementation", b.implementation()).put("library", b.library())
                .put("kernel", b.kernel()).put("coreType", b.coreType()).put("coreTypeSetBy", b.coreTypeSetBy())
                .put("openblasThreads", b.threads()).put("openblasThreadsSetBy", b.threadsSetBy())
                .put("concurrentCalls", b.concurrentCalls());
    }

    private static List<Integer> toList(int[] a) {
        Integer[] b = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return Arrays.asList(b);
    }

    /** Prints a progress line on stderr every two seconds of a long solve. */
    static final class ProgressLine implements IterationListener {
        private final PrintStream err;
        private long last = System.nanoTime();
        private boolean printed;

        ProgressLine(PrintStream err) {
            this.err = err;
        }

        @Override
        public void onIteration(IterationRecord row, double[] x) {
            long now = System.nanoTime();
            if (now - last > 2_000_000_000L) {
                last = now;
                printed = true;
                err.printf(Locale.ROOT, "  iteration %d  f %.12g  |grad| %.3e  %.1f s%n", row.iteration(), row.cost(),
                        row.gradNorm(), row.seconds());
            }
        }

        @Override
        public void onFinish(org.ufm.solver.StopReason reason) {
            if (printed) {
                err.println("  stopped: " + reason);
            }
        }
    }
}
