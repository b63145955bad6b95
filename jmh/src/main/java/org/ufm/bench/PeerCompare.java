package org.ufm.bench;

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.ufm.Ufm;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.compute.BlasInUse;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.UfmModel;
import org.ufm.report.SolveReport;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.Solver;
import org.ufm.solver.Solvers;
import org.ufm.solver.StopReason;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * The Java side of {@code jmh/compare.sh}: writes the shared start, times fixed-step iterations, and
 * times a solver to a certified optimum (relative gap to the closed form). Prints {@code key=value} lines.
 *
 * <pre>
 * start    --model ce|sphere --k K --d D --per-class n [--bias] --seed S --scale s --out FILE
 * iterate  (same model options) --step t --iters T --repeats R --threads P
 * certify  --k K --d D --per-class n --solver NAME --gap G --threads P --time-limit SEC
 * warm     --model ce|sphere [--tau t] --k K --d D --per-class n --gap G --repeats R --threads P
 * </pre>
 * {@code warm} runs the command line's default solve to the relative gap G (L-BFGS, {@code Ufm...gapStop(G)}, no
 * second-order certificate) R times in this one JVM and prints each solve's seconds and each report's (certificates,
 * metrics, distance): the last ones are what a solve costs once the JIT has compiled it, which a fresh process of
 * {@code java -jar ufm.jar solve} never sees.
 */
public final class PeerCompare {

    private PeerCompare() {
    }

    /**
     * Seconds per step of a fixed-step run: from the record of iteration 0 (taken after the evaluation at
     * x0) to that of iteration T, over T. Each step is one retraction, one cost-and-gradient evaluation and
     * one gradient norm, the same work as one step of the peer (which evaluates at x0 inside its first
     * step and never at x_T); timing the whole call would charge us T + 1 evaluations against its T.
     */
    static double stepSeconds(Trace trace, int iters) {
        var rows = trace.rows();
        if (rows.size() != iters + 1) {
            throw new IllegalStateException("expected " + (iters + 1) + " trace rows, got " + rows.size());
        }
        return (rows.get(iters).seconds() - rows.get(0).seconds()) / iters;
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: PeerCompare start|iterate|certify --option value ...");
            System.exit(2);
        }
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            String key = argv[i].substring(2);
            if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                o.put(key, argv[++i]);
            } else {
                o.put(key, "true");
            }
        }
        String model = o.getOrDefault("model", "ce");
        int k = Integer.parseInt(o.getOrDefault("k", "10"));
        int d = Integer.parseInt(o.getOrDefault("d", "32"));
        int perClass = Integer.parseInt(o.getOrDefault("per-class", "100"));
        boolean bias = o.containsKey("bias");
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));
        double scale = Double.parseDouble(o.getOrDefault("scale", "0.1"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
        System.out.println("blas=" + BlasInUse.current().describe());
        try (Chunks chunks = new Chunks(threads)) {
            switch (argv[0]) {
                case "start": {
                    UfmModel m = BenchProblem.build(model, k, d, perClass, bias, chunks);
                    BenchProblem.write(BenchProblem.start(m, seed, scale), Paths.get(o.get("out")));
                    break;
                }
                case "iterate": {
                    UfmModel m = BenchProblem.build(model, k, d, perClass, bias, chunks);
                    double[] x0 = BenchProblem.start(m, seed, scale);
                    double step = Double.parseDouble(o.getOrDefault("step", "1"));
                    int iters = Integer.parseInt(o.getOrDefault("iters", "10"));
                    int repeats = Integer.parseInt(o.getOrDefault("repeats", "5"));
                    Problem p = new Problem(m.manifold(), m);
                    Solver gd = GradientDescent.fixedStep(step);
                    double[] perIter = new double[repeats];
                    double[] perCall = new double[repeats];
                    Result r = null;
                    for (int rep = 0; rep < repeats; rep++) {
                        Trace trace = new Trace(true);
                        long t0 = System.nanoTime();
                        r = gd.minimize(p, x0, StoppingCriterion.maxIterations(iters), trace);
                        perCall[rep] = (System.nanoTime() - t0) * 1e-9 / iters;
                        perIter[rep] = stepSeconds(trace, iters);
                    }
                    Arrays.sort(perIter);
                    Arrays.sort(perCall);
                    System.out.printf(Locale.ROOT, "final=%.17g%n", m.value(r.x()));
                    System.out.printf(Locale.ROOT, "sec_per_iter=%.6g%n", perIter[repeats / 2]);
                    System.out.printf(Locale.ROOT, "sec_per_iter_all=%s%n", Arrays.toString(perIter));
                    System.out.printf(Locale.ROOT, "sec_per_call_over_iters=%.6g%n", perCall[repeats / 2]);
                    break;
                }
                case "certify": {
                    EuclideanUfm m = (EuclideanUfm) BenchProblem.build("ce", k, d, perClass, false, chunks);
                    double fstar = CrossEntropyClosedForm.of(k, perClass, BenchProblem.LAMBDA, BenchProblem.LAMBDA).fstar;
                    double gap = Double.parseDouble(o.getOrDefault("gap", "1e-10"));
                    double limit = Double.parseDouble(o.getOrDefault("time-limit", "600"));
                    String name = o.getOrDefault("solver", "armijo");
                    Solver solver = Solvers.create(name, Double.NaN);
                    double[] x0 = BenchProblem.start(m, seed, scale);
                    StoppingCriterion reached = row -> (row.cost() - fstar) <= gap * Math.abs(fstar) ? StopReason.CONVERGED : null;
                    long t0 = System.nanoTime();
                    Result r = solver.minimize(new Problem(m.manifold(), m), x0,
                            StoppingCriterion.any(StoppingCriterion.notFinite(), reached,
                                    StoppingCriterion.timeLimit(limit)), new Trace(false));
                    double sec = (System.nanoTime() - t0) * 1e-9;
                    System.out.printf(Locale.ROOT, "fstar=%.17g%n", fstar);
                    System.out.printf(Locale.ROOT, "final=%.17g%n", r.cost());
                    System.out.printf(Locale.ROOT, "rel_gap=%.3g%n", (r.cost() - fstar) / Math.abs(fstar));
                    System.out.printf(Locale.ROOT, "iterations=%d%n", r.iterations());
                    System.out.printf(Locale.ROOT, "stop=%s%n", r.stopReason());
                    System.out.printf(Locale.ROOT, "seconds=%.6g%n", sec);
                    break;
                }
                case "warm": {
                    int repeats = Integer.parseInt(o.getOrDefault("repeats", "5"));
                    double gap = Double.parseDouble(o.getOrDefault("gap", "1e-10"));
                    Ufm u = Ufm.model(model).classes(k).perClass(perClass).dim(d).threads(threads).secondOrder(false)
                            .gapStop(gap);
                    if (o.containsKey("tau")) {
                        u.set("tau", Double.parseDouble(o.get("tau")));
                    }
                    double[] solve = new double[repeats];
                    double[] report = new double[repeats];
                    int iterations = -1;
                    for (int rep = 0; rep < repeats; rep++) {
                        long t0 = System.nanoTime();
                        SolveReport r = u.solve();
                        double all = (System.nanoTime() - t0) * 1e-9;
                        solve[rep] = r.result().seconds();
                        report[rep] = all - solve[rep];
                        iterations = r.result().iterations();
                        if (r.result().stopReason() != StopReason.OPTIMUM_REACHED) {
                            throw new IllegalStateException("solve " + rep + " stopped with " + r.result().stopReason());
                        }
                    }
                    System.out.printf(Locale.ROOT, "iterations=%d%n", iterations);
                    System.out.printf(Locale.ROOT, "solve_seconds_all=%s%n", Arrays.toString(solve));
                    System.out.printf(Locale.ROOT, "report_seconds_all=%s%n", Arrays.toString(report));
                    System.out.printf(Locale.ROOT, "solve_seconds_last=%.6g%n", solve[repeats - 1]);
                    System.out.printf(Locale.ROOT, "report_seconds_last=%.6g%n", report[repeats - 1]);
                    break;
                }
                default:
                    System.err.println("unknown mode " + argv[0]);
                    System.exit(2);
            }
        }
    }
}
