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
import java.util.Random;
import java.util.Set;
import org.ufm.certificate.Certificate;
import org.ufm.certificate.OptimumDistance;
import org.ufm.certificate.SecondOrderCertificate;
import org.ufm.compute.Chunks;
import org.ufm.metric.Margins;
import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.metric.StrongCollapse;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.UfmModel;
import org.ufm.solver.CsvTraceWriter;
import org.ufm.solver.IterationListener;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.Solver;
import org.ufm.solver.Solvers;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/** {@code ufm solve}: solves one model from a seeded random start and prints the result with its certificate. */
public final class SolveCommand {

    static final Set<String> VALUES = new LinkedHashSet<>(Arrays.asList(
            "solver", "step", "cg-rule", "memory", "metrics-every", "tol", "max-iter", "seed", "trace", "init-scale", "time-limit", "gap-tol"));
    static final Set<String> FLAGS = new LinkedHashSet<>(Arrays.asList("json", "no-hessian"));

    /**
     * Default solver: L-BFGS (memory 10). It reaches the closed form to about 1e-14 relative from every one of
     * 30 seeds on SPEC's K = 4 example in 40-45 iterations, against about 130 for Armijo gradient descent.
     */
    public static final String DEFAULT_SOLVER = "lbfgs";
    /** Default gradient-norm tolerance. */
    public static final double DEFAULT_TOL = 1e-9;
    /** Default relative gap tolerance of the global certificate. */
    public static final double DEFAULT_GAP_TOL = 1e-9;
    /** Largest K N for which metrics, the second-order certificate and the distance are computed. */
    static final long METRICS_LIMIT = 50_000_000L;
    /**
     * Largest K N for which the global certificate is computed: sigma_max by Lanczos needs only the K x N logit
     * gradient (1.6 GB at this limit) and two matrix-vector products per step.
     */
    static final long CERTIFICATE_LIMIT = 200_000_000L;

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
        double tol = a.number("tol", DEFAULT_TOL);
        if (!(tol >= 0)) {
            throw new UsageException("--tol must be >= 0, got " + tol);
        }
        double gapTol = a.number("gap-tol", DEFAULT_GAP_TOL);
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
        MemoryCheck.require(mo.variables(), Solvers.workVectors(solverName, memory) + 4);

        try (Chunks chunks = new Chunks(mo.threads)) {
            UfmModel model = mo.build(chunks);
            Problem problem = new Problem(model.manifold(), model);
            double[] x0 = new double[problem.size()];
            if ("mixon".equals(mo.model)) {
                // Mixon's start (SPEC.md 6.1): --init-scale is ||W_0||_F = ||H_0||_F, b_0 = 0
                ((EuclideanUfm) model).normInitialPoint(new Random(seed), initScale, x0);
            } else {
                model.initialPoint(new Random(seed), initScale, x0);
            }

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
            if (a.has("trace")) {
                Path p = Paths.get(a.string("trace", null));
                try {
                    csv = new CsvTraceWriter(p, metrics);
                } catch (IOException e) {
                    throw new UsageException("cannot write the trace file " + p + ": " + e.getMessage());
                }
                trace.listen(csv);
            }
            if (!json) {
                trace.listen(new ProgressLine(err));
            }
            StoppingCriterion stop = StoppingCriterion.standard(tol, maxIter, 0.0, timeLimit);
            Result r = Interrupts.runInterruptibly(() -> solver.minimize(problem, x0, stop, trace), csv);
            if (csv != null) {
                try {
                    csv.close();
                } catch (IOException e) {
                    err.println("warning: could not close the trace file: " + e.getMessage());
                }
            }
            SecondOrderCertificate second = null;
            Double distance = null;
            long kn = (long) model.labels().classes() * model.labels().samples();
            if (kn <= METRICS_LIMIT && !a.flag("no-hessian")) {
                second = SecondOrderCertificate.of(model, r.x(), SecondOrderCertificate.DEFAULT_TOLERANCE);
            }
            if (kn <= METRICS_LIMIT) {
                distance = OptimumDistance.of(model, r.x());
            }
            report(mo, model, r, tol, gapTol, json, seed, second, distance, metrics, out);
            return 0;
        }
    }

    private static void report(ModelOptions mo, UfmModel model, Result r, double tol, double gapTol, boolean json,
                               long seed, SecondOrderCertificate second, Double distance, MetricsColumns metrics,
                               PrintStream out) {
        double[] x = r.x();
        long kn = (long) model.labels().classes() * model.labels().samples();
        boolean small = kn <= METRICS_LIMIT;
        Certificate cert = kn <= CERTIFICATE_LIMIT ? Certificate.of(model, x, r.cost(), r.gradNorm(), tol, gapTol) : null;
        double[][] rowsW = small ? model.classifierRows(x) : null;
        double[][] colsH = small ? model.featureColumns(x) : null;
        boolean atOrigin = small && NeuralCollapseMetrics.undefinedAt(rowsW, colsH);
        NeuralCollapseMetrics nc = small && !atOrigin
                ? NeuralCollapseMetrics.compute(rowsW, colsH, model.labels().toArray(), model.bias(x)) : null;
        Double optimum = cert != null ? cert.optimum : Certificate.optimum(model);
        Double[] ulpm = small && "ulpm".equals(mo.model) ? ulpmMargins(model, x) : null;
        Double[] mixon = "mixon".equals(mo.model) ? mixonDistances(model, x) : null;
        if (json) {
            Json j = new Json()
                    .put("model", mo.model)
                    .put("classes", model.labels().classes())
                    .put("perClass", model.labels().isBalanced() ? model.labels().perClass() : null)
                    .put("classSizes", toList(model.labels().sizes()))
                    .put("samples", model.labels().samples())
                    .put("dim", model.dim());
            if ("sphere".equals(mo.model)) {
                j.put("tau", mo.tau);
            } else if ("ulpm".equals(mo.model)) {
                j.put("bias", false);
            } else if ("mixon".equals(mo.model)) {
                j.put("bias", true).put("mixonC", mo.mixonC);
            } else {
                j.put("lambdaW", mo.lambdaW).put("lambdaH", mo.lambdaH).put("bias", mo.bias)
                        .put("lambdaB", mo.bias ? mo.lambdaB : null);
            }
            j.put("solver", r.solver())
                    .put("seed", seed)
                    .put("threads", mo.threads)
                    .put("objective", r.cost())
                    .put("optimum", optimum)
                    .put("gap", optimum == null ? null : r.cost() - optimum)
                    .put("relativeGap", cert == null ? null : cert.relativeGap)
                    .put("gradNorm", r.gradNorm())
                    .put("iterations", r.iterations())
                    .put("stopReason", r.stopReason().name())
                    .put("converged", r.stopReason().isConvergence())
                    .put("seconds", r.seconds());
            if (nc != null) {
                Json m = new Json().put("nc1", nc.nc1()).put("nc2", nc.nc2()).put("nc3", nc.nc3()).put("nc4", nc.nc4());
                Json names = new Json().put("nc1", NeuralCollapseMetrics.NC1).put("nc2", NeuralCollapseMetrics.NC2)
                        .put("nc3", NeuralCollapseMetrics.NC3).put("nc4", NeuralCollapseMetrics.NC4);
                Json variants = new Json();
                for (Map.Entry<String, Double> e : nc.all().entrySet()) {
                    variants.put(e.getKey(), e.getValue());
                }
                j.put("metrics", m).put("metricNames", names).put("metricVariants", variants);
            } else {
                j.put("metrics", null);
                if (atOrigin) {
                    j.put("metricsNote", "undefined: W and H are numerically zero (the minimiser above the threshold)");
                }
            }
            if (metrics != null) {
                List<Object> rows = new java.util.ArrayList<>();
                for (MetricsColumns.Sample sm : metrics.samples()) {
                    rows.add(new Json().put("iteration", sm.iteration).put("nc1", sm.values[0]).put("nc2", sm.values[1])
                            .put("nc3", sm.values[2]).put("nc4", sm.values[3]));
                }
                j.put("metricsTrace", rows);
            }
            if (cert != null) {
                j.put("certificate", new Json()
                        .put("firstOrder", cert.firstOrder)
                        .put("gradTolerance", cert.gradTolerance)
                        .put("global", cert.global)
                        .put("gapTolerance", cert.gapTolerance)
                        .put("sigmaMax", cert.sigmaMax)
                        .put("sigmaBound", cert.sigmaBound)
                        .put("minHessianEigenvalue", second == null ? null : second.minEigenvalue)
                        .put("secondOrder", second == null ? null : second.secondOrder)
                        .put("secondOrderTolerance", second == null ? null : second.tolerance)
                        .put("hessianMethod", second == null ? null : second.method)
                        .put("symmetryDimension", second == null ? null : second.symmetryDimension)
                        .put("nearZeroEigenvalues", second == null ? null : second.nearZeroEigenvalues)
                        .put("minHessianEigenvalueUndeflated", second == null ? null : second.minEigenvalueUndeflated)
                        .put("lanczosResidual", second == null ? null : second.residual)
                        .put("distanceToOptimum", distance));
            } else {
                j.put("certificate", new Json().put("firstOrder", r.gradNorm() <= tol).put("global", false)
                        .put("note", "metrics and sigma_max skipped: K N > " + CERTIFICATE_LIMIT));
            }
            if (ulpm != null) {
                j.put("margin", ulpm[0]).put("normalizedMargin", ulpm[1]).put("marginLimit", ulpm[2]);
            }
            if ("mixon".equals(mo.model)) {
                j.put("strongNcDistances", mixon == null ? null
                        : new Json().put("gram", mixon[0]).put("features", mixon[1]).put("bias", mixon[2]));
                j.put("distanceToS", mixon == null ? null : mixon[3]);
            }
            out.println(j);
            return;
        }
        out.println("model       " + mo.describe());
        out.printf(Locale.ROOT, "solver      %s: %s after %d iterations in %.3f s%n", r.solver(), r.stopReason(),
                r.iterations(), r.seconds());
        out.printf(Locale.ROOT, "objective   %.16g%n", r.cost());
        if (optimum != null) {
            out.printf(Locale.ROOT, "optimum     %.16g (closed form)   gap %.3e", optimum, r.cost() - optimum);
            if (optimum == 0.0) {
                out.println(" (f* = 0: the gap is absolute)");
            } else {
                out.printf(Locale.ROOT, " (relative %.3e)%n", (r.cost() - optimum) / Math.abs(optimum));
            }
        } else if ("ulpm".equals(mo.model)) {
            out.println("optimum     none: the infimum 0 is approached as ||W||, ||H|| -> infinity, never attained");
        } else {
            out.println("optimum     none known for these parameters (d too small for the optimal rank, or imbalanced classes)");
        }
        out.printf(Locale.ROOT, "gradient    %.3e (tolerance %.1e)%n", r.gradNorm(), tol);
        if (ulpm != null) {
            out.printf(Locale.ROOT, "margin      q_min %.6e  normalised %.7f  limit gamma* %s%n", ulpm[0], ulpm[1],
                    ulpm[2] == null ? "unknown (imbalanced)" : String.format(Locale.ROOT, "%.7f", ulpm[2]));
        }
        if (mixon != null) {
            out.printf(Locale.ROOT, "strong NC   ||WW^T - sqrt(n) P_C||_F %.3e  rel. H error %.3e  ||b - 1/C|| %.3e  "
                    + "distance to S %.3e%n", mixon[0], mixon[1], mixon[2], mixon[3]);
        }
        if (nc != null) {
            out.printf(Locale.ROOT, "metrics     nc1 %.3e  nc2 %.3e  nc3 %.3e  nc4 %.3f   (%s, %s, %s, %s)%n",
                    nc.nc1(), nc.nc2(), nc.nc3(), nc.nc4(), NeuralCollapseMetrics.NC1, NeuralCollapseMetrics.NC2,
                    NeuralCollapseMetrics.NC3, NeuralCollapseMetrics.NC4);
        } else if (atOrigin) {
            out.println("metrics     undefined: ||W||_F and ||H||_F < " + NeuralCollapseMetrics.ORIGIN_NORM
                    + " (the minimiser above the threshold is W = H = 0)");
        }
        if (cert != null) {
            StringBuilder s = new StringBuilder("certificate first order: " + (cert.firstOrder ? "yes" : "no")
                    + "; global: " + (cert.global ? "yes" : "no"));
            if (cert.optimum != null) {
                s.append(String.format(Locale.ROOT, " (relative gap %.1e vs tolerance %.0e", cert.relativeGap, cert.gapTolerance));
                if (cert.sigmaMax != null) {
                    s.append(String.format(Locale.ROOT, "; sigma_max(grad_Z g) %.6e vs sqrt(lambda_W lambda_H) %.6e",
                            cert.sigmaMax, cert.sigmaBound));
                }
                s.append(')');
            }
            out.println(s);
        }
        if (second != null) {
            out.printf(Locale.ROOT, "second order %s: min Hessian eigenvalue %.6e (%s, %s symmetry directions deflated%s)%n",
                    second.secondOrder ? "yes" : "no", second.minEigenvalue, second.method,
                    second.symmetryDimension == null ? "no" : second.symmetryDimension.toString(),
                    second.nearZeroEigenvalues == null ? "" : "; " + second.nearZeroEigenvalues + " eigenvalues within "
                            + second.tolerance + " of 0 before deflation");
        }
        if (distance != null) {
            out.printf(Locale.ROOT, "distance    %.3e to the closed-form minimiser (after Procrustes alignment)%n", distance);
        }
    }

    /** q_min, q_min/(||W||^2 + ||H||^2) and gamma* (null when imbalanced). */
    private static Double[] ulpmMargins(UfmModel model, double[] x) {
        double[][] w = model.classifierRows(x);
        double[][] h = model.featureColumns(x);
        int[] y = model.labels().toArray();
        Double limit = model.labels().isBalanced() ? Margins.limit(model.labels().classes(), model.labels().perClass()) : null;
        return new Double[] {Margins.minimum(w, h, y), Margins.normalized(w, h, y), limit};
    }

    /** The three strong-NC errors and the relative distance to S (balanced, class-major), or null. */
    private static Double[] mixonDistances(UfmModel model, double[] x) {
        if (!model.labels().isBalanced()) {
            return null;
        }
        StrongCollapse sc = new StrongCollapse(model.labels().classes(), model.labels().perClass(), model.dim());
        return new Double[] {sc.gramDistance(x), sc.featureDistance(x), sc.biasDistance(x), sc.relativeDistanceToS(x)};
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
