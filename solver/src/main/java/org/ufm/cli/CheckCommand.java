package org.ufm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ufm.check.Check;
import org.ufm.check.CheckPlot;
import org.ufm.check.CheckResult;
import org.ufm.compute.Chunks;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;

/**
 * {@code ufm check}: Taylor checks of a model's Riemannian gradient and Hessian and the second-order check
 * of its retraction, at a seeded random point along a seeded random unit tangent (package
 * {@code org.ufm.check}). Exit code 0 when every check passes (or is skipped), 1 when one fails or is
 * inconclusive, 2 on bad input.
 */
public final class CheckCommand {

    static final Set<String> VALUES = new LinkedHashSet<>(Arrays.asList("what", "seed", "plot", "init-scale"));
    static final Set<String> FLAGS = new LinkedHashSet<>(Arrays.asList("json"));

    private CheckCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args a = ModelOptions.parse(argv, VALUES, FLAGS);
        ModelOptions mo = new ModelOptions(a);
        Set<Check> which;
        try {
            which = Check.parse(a.string("what", "all"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--what: " + e.getMessage());
        }
        long seed = a.longValue("seed", 1L);
        double initScale = a.number("init-scale", 1.0);
        if (!(initScale > 0)) {
            throw new UsageException("--init-scale must be > 0, got " + initScale);
        }
        Path plot = null;
        if (a.has("plot")) {
            String p = a.string("plot", null);
            if (!p.toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new UsageException("--plot needs a file name ending in .png, got '" + p + "'");
            }
            plot = Paths.get(p);
        }
        boolean json = a.flag("json");
        MemoryCheck.require(mo, 12);

        List<CheckResult> results;
        try (Chunks chunks = new Chunks(mo.threads)) {
            UfmModel model = mo.build(chunks);
            Problem problem = new Problem(model.manifold(), model);
            Random random = new Random(seed);
            double[] x = new double[problem.size()];
            model.initialPoint(random, initScale, x);
            ZeroDimension.refuse(mo, model);
            String bad = Check.notFinite(problem, x);
            if (bad != null) {
                throw new UsageException("the start is not finite (" + bad + " at --init-scale " + initScale
                        + "), so a check there says nothing about the model; use a smaller --init-scale");
            }
            results = Check.run(problem, x, random, which);
        }
        if (plot != null) {
            try {
                CheckPlot.write(results, String.format(Locale.ROOT, "ufm check: %s, K=%d, N=%d, d=%d, seed %d", mo.model,
                        mo.labels.classes(), mo.labels.samples(), mo.dim, seed), plot);
            } catch (IOException e) {
                throw new UsageException(IoErrors.message("write the plot file", plot, e));
            }
        }
        boolean pass = Check.allOk(results);
        if (json) {
            out.println(json(mo, seed, initScale, results, pass));
        } else {
            out.println("model       " + mo.describe());
            out.println("point       seeded random point (seed " + seed + ", init scale " + initScale
                    + "), random unit tangent direction");
            for (CheckResult r : results) {
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-11s %-7s %s", r.name(), r.verdict(),
                        r.reason()));
                for (Map.Entry<String, Double> e : r.diagnostics().entrySet()) {
                    s.append(String.format(Locale.ROOT, "; %s %.2e", e.getKey(), e.getValue()));
                }
                out.println(s);
            }
            if (plot != null) {
                out.println("plot        " + plot);
            }
            out.println("verdict     " + (pass ? "PASS" : "FAIL"));
        }
        return exitCode(results);
    }

    /** 0 when every result passed or was skipped, 1 otherwise. */
    static int exitCode(List<CheckResult> results) {
        return Check.allOk(results) ? 0 : 1;
    }

    private static Json json(ModelOptions mo, long seed, double initScale, List<CheckResult> results, boolean pass) {
        List<Object> checks = new ArrayList<>();
        for (CheckResult r : results) {
            Json d = new Json();
            for (Map.Entry<String, Double> e : r.diagnostics().entrySet()) {
                d.put(e.getKey(), e.getValue());
            }
            boolean fitted = !Double.isNaN(r.slope());
            checks.add(new Json()
                    .put("check", r.name())
                    .put("verdict", r.verdict().name())
                    .put("method", r.method())
                    .put("reason", r.reason())
                    .put("slope", fitted ? r.slope() : null)
                    .put("expectedSlope", r.expectedSlope())
                    .put("minimumSlope", r.expectedSlope() - CheckResult.SLOPE_TOLERANCE)
                    .put("window", fitted ? new double[] {r.windowMin(), r.windowMax()} : null)
                    .put("diagnostics", d)
                    .put("t", r.steps())
                    .put("error", r.errors())
                    .put("floor", r.floors()));
        }
        return new Json()
                .put("model", mo.model)
                .put("description", mo.describe())
                .put("classes", mo.labels.classes())
                .put("samples", mo.labels.samples())
                .put("dim", mo.dim)
                .put("seed", seed)
                .put("initScale", initScale)
                .put("checks", checks)
                .put("pass", pass);
    }
}
