package org.ufm.reproduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.solver.Problem;
import org.ufm.solver.Solver;
import org.ufm.solver.Solvers;
import org.ufm.solver.StoppingCriterion;

/**
 * Zhu et al. (2105.02375), SPEC.md 1a, 3.1, 4.1: the CE + weight-decay UFM reaches the simplex-ETF
 * optimum f* of the closed form from random starts with every solver of {@link Solvers}; the origin is a
 * strict saddle whose dense Hessian spectrum is (lambda_W+lambda_H)/2 +- sqrt(((lambda_W-lambda_H)/2)^2
 * + 1/(K^2 n)) ((K-1)d times each), lambda_W (d), lambda_H (d(N-K+1)), lambda_b + 1/K (K-1), lambda_b (1);
 * a small step along its most negative curvature direction escapes to the global optimum.
 */
public final class ZhuEtf implements Experiment {

    /** SPEC.md 4.1: smallest Hessian eigenvalue at the origin, K = 4, n = 5, d = 8, lambda = 5e-4. */
    public static final double SPEC_ORIGIN_MIN_EIG = -0.111303398874989;
    /** SPEC.md 3.1 worked example: f* at K = 4, n = 5, d = 8, lambda = 5e-4. */
    public static final double SPEC_FSTAR = 0.0261435631182366;
    /** Regularisation lambda_W = lambda_H of every run. */
    static final double LAMBDA = 5e-4;
    /** Length of the negative-curvature step off the origin. */
    static final double ESCAPE_STEP = 1e-3;
    /** An eigenvalue counts as negative below -1e-10 (the exact zero eigenvalue of b comes out as +-1e-17). */
    static final double NEGATIVE_TOL = 1e-10;

    @Override
    public String name() {
        return "zhu-etf";
    }

    @Override
    public String description() {
        return "Zhu et al. 2105.02375 (SPEC.md 3.1, 4.1): CE UFM with weight decay, objective gap and NC1-NC4 "
                + "against iterations for every solver; origin saddle spectrum and escape.";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        int[][] sizes = {{4, 5, 8}, {10, 20, 16}};
        int maxIter = ctx.quick() ? 2_000 : 100_000;
        List<String> solvers = new ArrayList<>(Solvers.names());
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%n## Gap and NC metrics against iterations%n%n"
                + "lambda_W = lambda_H = %.0e, lambda_b = 0 (bias on), random start N(0, 1) (seed %d), "
                + "stop at ||grad f|| <= 1e-12 or %d iterations; each solver with its default settings.%n%n"
                + "| K | n | d | f* (closed form) | solver | iterations | stop | final gap f - f* | ‖grad‖ | NC1 | NC2 | NC3 | NC4 | s |%n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n", LAMBDA, ctx.seed(), maxIter));
        try (Chunks chunks = new Chunks(1);
             ExperimentContext.Progress bar = ctx.progress("zhu-etf", (long) sizes.length * solvers.size() + 3)) {
            for (int[] s : sizes) {
                EuclideanUfm model = EuclideanUfm.crossEntropy(Labels.balanced(s[0], s[1]), s[2], LAMBDA, LAMBDA, 0.0,
                        true, chunks);
                double fstar = CrossEntropyClosedForm.of(s[0], s[1], LAMBDA, LAMBDA).fstar;
                double[] x0 = new double[model.ambientDimension()];
                model.initialPoint(new Random(ctx.seed()), 1.0, x0);
                String tag = String.format(Locale.ROOT, "K%d-n%d-d%d", s[0], s[1], s[2]);
                List<String> ran = new ArrayList<>();
                List<Run> runs = new ArrayList<>();
                for (String name : solvers) {
                    Solver solver = create(name);
                    if (solver == null) {
                        bar.step(1);
                        continue;
                    }
                    Run r = Run.solve(model, solver, x0, StoppingCriterion.standard(1e-12, maxIter, 0.0, 120.0), fstar, true);
                    ctx.csv("trace-" + tag + "-" + name + ".csv", Run.HEADER, r.rows);
                    ran.add(name);
                    runs.add(r);
                    double[] last = r.rows.get(r.rows.size() - 1);
                    md.append(String.format(Locale.ROOT, "| %d | %d | %d | %.15g | %s | %d | %s | %.3e | %.2e | %.2e | %.2e | %.2e | %.3f | %.2f |%n",
                            s[0], s[1], s[2], fstar, name, r.result.iterations(), r.result.stopReason(),
                            r.finalGap(fstar), r.result.gradNorm(), last[5], last[6], last[7], last[8], r.result.seconds()));
                    bar.step(1);
                }
                plotTraces(ctx, tag, ran, runs);
                if (s[0] == 4 && s[1] == 5) {
                    md.append(String.format(Locale.ROOT, "| | | | SPEC.md 3.1: %.15g | | | | | | | | | | |%n", SPEC_FSTAR));
                }
            }
            md.append(randomStarts(ctx, chunks, solvers, maxIter));
            bar.step(1);
            md.append(landscape(ctx, chunks, bar));
        }
        ctx.summary(md.toString());
    }

    /**
     * Several random starts at K = 4, n = 5, d = 8 for every solver (SPEC.md 3.1: L-BFGS from 5 starts reaches
     * |f - f*| &lt;= 2e-16); writes random-starts.csv and returns the markdown.
     */
    private static String randomStarts(ExperimentContext ctx, Chunks chunks, List<String> solvers, int maxIter)
            throws IOException {
        int starts = ctx.quick() ? 2 : 5;
        EuclideanUfm model = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, LAMBDA, LAMBDA, 0.0, true, chunks);
        double fstar = CrossEntropyClosedForm.of(4, 5, LAMBDA, LAMBDA).fstar;
        List<double[]> rows = new ArrayList<>();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n## %d random starts, K = 4, n = 5, d = 8%n%n"
                + "Seeds %d..%d, same stopping rule. SPEC.md 3.1: L-BFGS (scipy) from 5 starts gives |f - f*| <= 2e-16.%n%n"
                + "| solver | converged | max abs(f - f*) | iterations (min..max) |%n|---|---|---|---|%n",
                starts, ctx.seed(), ctx.seed() + starts - 1));
        int si = 0;
        for (String name : solvers) {
            Solver solver = create(name);
            if (solver != null) {
                int converged = 0;
                double worst = 0;
                int lo = Integer.MAX_VALUE;
                int hi = 0;
                for (int st = 0; st < starts; st++) {
                    double[] x0 = new double[model.ambientDimension()];
                    model.initialPoint(new Random(ctx.seed() + st), 1.0, x0);
                    Run r = Run.solve(model, solver, x0, StoppingCriterion.standard(1e-12, maxIter, 0.0, 120.0), fstar, false);
                    boolean ok = r.result.stopReason().isConvergence();
                    converged += ok ? 1 : 0;
                    worst = Math.max(worst, Math.abs(r.finalGap(fstar)));
                    lo = Math.min(lo, r.result.iterations());
                    hi = Math.max(hi, r.result.iterations());
                    rows.add(new double[] {si, ctx.seed() + st, r.result.iterations(), ok ? 1 : 0, r.finalGap(fstar),
                        r.result.gradNorm()});
                }
                md.append(String.format(Locale.ROOT, "| %s | %d/%d | %.1e | %d..%d |%n", name, converged, starts, worst, lo, hi));
            }
            si++;
        }
        ctx.csv("random-starts.csv", List.of("solver_index", "seed", "iterations", "converged", "final_gap", "grad_norm"), rows);
        md.append(String.format(Locale.ROOT, "%nsolver_index in random-starts.csv follows %s.%n", solvers));
        return md.toString();
    }

    /** The solver, or null when it cannot be created with its defaults (it does not apply here). */
    private static Solver create(String name) {
        try {
            return Solvers.create(name, Double.NaN);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static void plotTraces(ExperimentContext ctx, String tag, List<String> names, List<Run> runs) throws IOException {
        PlotSpec gap = new PlotSpec("gap-" + tag + ".png", "Zhu CE UFM " + tag + ": objective gap", "iteration + 1",
                "f - f*").logX().logY();
        for (int i = 0; i < runs.size(); i++) {
            gap.add(names.get(i), runs.get(i).column(r -> r[0] + 1), runs.get(i).column(3));
        }
        ctx.plot(gap);
        String[] nc = {"NC1 (within-class variability)", "NC2 (distance of W to a simplex ETF)",
            "NC3 (self-duality W vs class means)", "NC4 (NCC mismatch rate)"};
        for (int m = 0; m < 4; m++) {
            PlotSpec p = new PlotSpec("nc" + (m + 1) + "-" + tag + ".png", "Zhu CE UFM " + tag + ": " + nc[m],
                    "iteration + 1", "NC" + (m + 1)).logX();
            if (m < 3) {
                p.logY();
            }
            for (int i = 0; i < runs.size(); i++) {
                p.add(names.get(i), runs.get(i).column(r -> r[0] + 1), runs.get(i).column(5 + m));
            }
            ctx.plot(p);
        }
    }

    /** The origin saddle at K = 4, n = 5, d = 8 (SPEC.md 4.1) and its escape; returns the markdown. */
    private static String landscape(ExperimentContext ctx, Chunks chunks, ExperimentContext.Progress bar) throws IOException {
        int k = 4;
        int n = 5;
        int d = 8;
        EuclideanUfm model = EuclideanUfm.crossEntropy(Labels.balanced(k, n), d, LAMBDA, LAMBDA, 0.0, true, chunks);
        Problem problem = new Problem(model.manifold(), model);
        double[] origin = new double[model.ambientDimension()];
        double[] asym = new double[1];
        RealMatrix hess = DenseHessian.of(problem, origin, asym);
        EigenDecompositionSymmetric eig = DenseHessian.eigen(hess);
        double[] ev = eig.getEigenvalues().clone();
        Arrays.sort(ev);
        double[] predicted = originSpectrum(k, n, d, LAMBDA, LAMBDA, 0.0);
        double maxDiff = 0.0;
        int negatives = 0;
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < ev.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(ev[i] - predicted[i]));
            if (ev[i] < -NEGATIVE_TOL) {
                negatives++;
            }
            rows.add(new double[] {i, ev[i], predicted[i]});
        }
        ctx.csv("hessian-origin-spectrum.csv", List.of("index", "eigenvalue", "predicted"), rows);
        double[] idx = new double[ev.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        ctx.plot(new PlotSpec("hessian-origin-spectrum.png",
                "Hessian spectrum at the origin, K=4 n=5 d=8 lambda=5e-4", "index (ascending)", "eigenvalue")
                .add("dense Hessian (Hipparchus)", idx, ev).add("SPEC 4.1 formula", idx, predicted, PlotSpec.Style.DASHED));
        double minEig = ev[0];
        double formula = 0.5 * (LAMBDA + LAMBDA) - Math.sqrt(1.0 / (k * k * (double) n));
        bar.step(1);

        // Escape: origin + ESCAPE_STEP * (unit eigenvector of the smallest eigenvalue), then solve.
        int iMin = 0;
        double[] all = eig.getEigenvalues();
        for (int i = 1; i < all.length; i++) {
            if (all[i] < all[iMin]) {
                iMin = i;
            }
        }
        RealVector v = eig.getEigenvector(iMin);
        double[] x0 = new double[origin.length];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = ESCAPE_STEP * v.getEntry(i) / v.getNorm();
        }
        double fstar = CrossEntropyClosedForm.of(k, n, LAMBDA, LAMBDA).fstar;
        double curvature = quadratic(problem, x0) / (ESCAPE_STEP * ESCAPE_STEP);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%n## Landscape at the origin (K = 4, n = 5, d = 8, lambda = 5e-4, lambda_b = 0)%n%n"
                + "Dense %d x %d Hessian from Hessian-vector products (asymmetry before symmetrising %.1e), "
                + "Hipparchus EigenDecompositionSymmetric.%n%n"
                + "| quantity | ours | SPEC.md 4.1 |%n|---|---|---|%n"
                + "| smallest eigenvalue | %.15f | %.15f |%n"
                + "| formula (lambda_W+lambda_H)/2 - sqrt(((lambda_W-lambda_H)/2)^2 + 1/(K^2 n)) | %.15f | |%n"
                + "| eigenvalues < -1e-10 | %d | (K-1)d = %d |%n"
                + "| max abs difference, whole sorted spectrum vs SPEC formula | %.2e | |%n"
                + "| <v, Hess v> along the escape direction (unit v) | %.15f | |%n%n",
                origin.length, origin.length, asym[0], minEig, SPEC_ORIGIN_MIN_EIG, formula, negatives, (k - 1) * d,
                maxDiff, curvature));
        md.append(String.format(Locale.ROOT, "Escape: start at the origin (gap log K - f* = %.6f) and at origin + %.0e v "
                + "(v the unit eigenvector of the smallest eigenvalue).%n%n"
                + "| solver | start | iterations | stop | final gap | ‖grad‖ |%n|---|---|---|---|---|---|%n",
                Math.log(k) - fstar, ESCAPE_STEP));
        List<double[]> esc = new ArrayList<>();
        int maxIter = ctx.quick() ? 2_000 : 100_000;
        int si = 0;
        for (String name : Solvers.names()) {
            Solver solver = create(name);
            if (solver == null) {
                continue;
            }
            for (int start = 0; start < 2; start++) {
                double[] s0 = start == 0 ? origin : x0;
                Run r = Run.solve(model, solver, s0, StoppingCriterion.standard(1e-12, maxIter, 0.0, 120.0), fstar, false);
                esc.add(new double[] {si, start, r.result.iterations(), r.finalGap(fstar), r.result.gradNorm()});
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.3e | %.2e |%n", name,
                        start == 0 ? "origin" : "origin + step", r.result.iterations(), r.result.stopReason(),
                        r.finalGap(fstar), r.result.gradNorm()));
            }
            si++;
        }
        ctx.csv("escape.csv", List.of("solver_index", "start_perturbed", "iterations", "final_gap", "grad_norm"), esc);
        ctx.csv("origin-saddle.csv", List.of("min_eigenvalue", "spec_min_eigenvalue", "formula", "negative_count",
                "expected_negative_count", "max_spectrum_diff"), List.of(new double[] {minEig, SPEC_ORIGIN_MIN_EIG,
                formula, negatives, (k - 1) * d, maxDiff}));
        md.append(String.format(Locale.ROOT, "%nsolver_index in escape.csv follows %s.%n", Solvers.names()));
        bar.step(1);
        return md.toString();
    }

    /** &lt;x, Hess f(0) x>: the curvature of the step x off the origin. */
    private static double quadratic(Problem problem, double[] x) {
        double[] hx = new double[x.length];
        problem.hessian(new double[x.length], x, hx);
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * hx[i];
        }
        return s;
    }

    /**
     * The sorted Hessian spectrum at the origin predicted by SPEC.md 4.1 for the CE UFM with a bias:
     * (W,H) block (lW+lH)/2 +- sqrt(((lW-lH)/2)^2 + 1/(K^2 n)) ((K-1)d each), lW (d), lH (d(N-K+1));
     * b block lb + 1/K (K-1), lb (1).
     */
    static double[] originSpectrum(int k, int n, int d, double lw, double lh, double lb) {
        int bigN = k * n;
        double r = Math.sqrt(0.25 * (lw - lh) * (lw - lh) + 1.0 / ((double) k * k * n));
        List<Double> ev = new ArrayList<>();
        for (int i = 0; i < (k - 1) * d; i++) {
            ev.add(0.5 * (lw + lh) - r);
            ev.add(0.5 * (lw + lh) + r);
        }
        for (int i = 0; i < d; i++) {
            ev.add(lw);
        }
        for (int i = 0; i < d * (bigN - k + 1); i++) {
            ev.add(lh);
        }
        for (int i = 0; i < k - 1; i++) {
            ev.add(lb + 1.0 / k);
        }
        ev.add(lb);
        double[] out = ev.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(out);
        return out;
    }
}
