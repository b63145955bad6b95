package org.ufm.reproduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.StoppingCriterion;

/**
 * Zhu et al., SPEC.md 3.1 threshold: for lambda_W = lambda_H = lambda the optimum is the simplex ETF with
 * ||W||_F^2 = K sqrt(n) rho* while sqrt(lambda_W lambda_H) &lt; 1/(K sqrt n), and W = H = 0 with f* = log K
 * beyond; the Armijo solver's value and ||W||_F against the closed form across the threshold.
 */
public final class ZhuThreshold implements Experiment {

    static final int K = 4;
    static final int N = 5;
    static final int D = 8;
    static final double LAMBDA_B = 1e-3;
    /** SPEC.md 3.1 threshold table: lambda, f*, ||W||_F at the L-BFGS optimum. */
    static final double[][] SPEC_TABLE = {{0.10, 1.370567650306, 1.61}, {0.11, 1.385908172851, 0.65},
        {0.12, 1.386294361120, 8e-9}};

    @Override
    public String name() {
        return "zhu-threshold";
    }

    @Override
    public String description() {
        return "Zhu et al. 2105.02375 (SPEC.md 3.1): optimum and ||W||_F against lambda_W = lambda_H across the "
                + "threshold sqrt(lambda_W lambda_H) = 1/(K sqrt n), K = 4, n = 5, d = 8, lambda_b = 1e-3.";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        double[] lambdas = ctx.quick() ? new double[] {0.02, 0.06, 0.10, 0.11, 0.12, 0.16}
                : new double[] {0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.09, 0.10, 0.105, 0.11, 0.115, 0.12, 0.14, 0.16, 0.2};
        int maxIter = ctx.quick() ? 20_000 : 200_000;
        double threshold = 1.0 / (K * Math.sqrt(N));
        List<double[]> rows = new ArrayList<>();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "%nThreshold 1/(K sqrt n) = %.12f. Armijo gradient descent from N(0,1) starts (seed %d), "
                + "stop at ||grad f|| <= 1e-13 or %d iterations.%n%n"
                + "| lambda | f solver | f* closed form | abs(f - f*) | ‖W‖_F solver | ‖W‖_F closed form | ‖H‖_F solver | ‖H‖_F closed form | iterations | stop |%n"
                + "|---|---|---|---|---|---|---|---|---|---|%n", threshold, ctx.seed(), maxIter));
        try (Chunks chunks = new Chunks(1); ExperimentContext.Progress bar = ctx.progress("zhu-threshold", lambdas.length)) {
            for (double lambda : lambdas) {
                EuclideanUfm model = EuclideanUfm.crossEntropy(Labels.balanced(K, N), D, lambda, lambda, LAMBDA_B, true, chunks);
                CrossEntropyClosedForm cf = CrossEntropyClosedForm.of(K, N, lambda, lambda);
                double[] x0 = new double[model.ambientDimension()];
                model.initialPoint(new Random(ctx.seed()), 1.0, x0);
                Run r = Run.solve(model, GradientDescent.armijo(), x0,
                        StoppingCriterion.standard(1e-13, maxIter, 0.0, 60.0), cf.fstar, false);
                double[] x = r.result.x();
                double wf = norm(x, 0, model.hOffset());
                double hf = norm(x, model.hOffset(), model.hasBias() ? model.bOffset() : x.length);
                double wfCf = Math.sqrt(K * cf.w2);
                double hfCf = Math.sqrt(K * N * cf.h2);
                rows.add(new double[] {lambda, r.result.cost(), cf.fstar, Math.abs(r.result.cost() - cf.fstar), wf, wfCf, hf,
                    hfCf, r.result.gradNorm(), r.result.iterations(), r.result.stopReason().isConvergence() ? 1 : 0});
                md.append(String.format(Locale.ROOT, "| %.3f | %.13f | %.13f | %.1e | %.6g | %.6g | %.6g | %.6g | %d | %s |%n",
                        lambda, r.result.cost(), cf.fstar, Math.abs(r.result.cost() - cf.fstar), wf, wfCf, hf, hfCf,
                        r.result.iterations(), r.result.stopReason()));
                bar.step(1);
            }
        }
        ctx.csv("threshold.csv", List.of("lambda", "f_solver", "f_closed_form", "abs_diff", "WF_solver", "WF_closed_form",
                "HF_solver", "HF_closed_form", "grad_norm", "iterations", "converged"), rows);
        plots(ctx, rows, threshold);
        md.append("\nSPEC.md 3.1 table side by side (K = 4, n = 5, lambda_b = 1e-3):\n\n"
                + "| lambda | SPEC f* | ours f* (closed form) | ours f (solver) | SPEC ‖W‖_F (L-BFGS) | ours ‖W‖_F (solver) |\n"
                + "|---|---|---|---|---|---|\n");
        for (double[] s : SPEC_TABLE) {
            double[] row = null;
            for (double[] r : rows) {
                if (Math.abs(r[0] - s[0]) < 1e-12) {
                    row = r;
                }
            }
            if (row != null) {
                md.append(String.format(Locale.ROOT, "| %.2f | %.12f | %.12f | %.12f | %.3g | %.3g |%n", s[0], s[1], row[2],
                        row[1], s[2], row[4]));
            }
        }
        ctx.summary(md.toString());
    }

    private static void plots(ExperimentContext ctx, List<double[]> rows, double threshold) throws IOException {
        int m = 200;
        double lo = rows.get(0)[0];
        double hi = rows.get(rows.size() - 1)[0];
        double[] lx = new double[m];
        double[] fy = new double[m];
        double[] wy = new double[m];
        for (int i = 0; i < m; i++) {
            lx[i] = lo * Math.pow(hi / lo, i / (m - 1.0));
            CrossEntropyClosedForm cf = CrossEntropyClosedForm.of(K, N, lx[i], lx[i]);
            fy[i] = cf.fstar;
            wy[i] = Math.sqrt(K * cf.w2);
        }
        double[] sx = new double[rows.size()];
        double[] sf = new double[rows.size()];
        double[] sw = new double[rows.size()];
        for (int i = 0; i < sx.length; i++) {
            sx[i] = rows.get(i)[0];
            sf[i] = rows.get(i)[1];
            sw[i] = rows.get(i)[4];
        }
        double fmin = fy[0];
        ctx.plot(new PlotSpec("optimum-vs-lambda.png", "Zhu CE UFM K=4 n=5 d=8: optimum vs lambda_W = lambda_H",
                "lambda", "f*").logX()
                .add("closed form", lx, fy).add("Armijo solver", sx, sf, PlotSpec.Style.POINTS)
                .add("threshold 1/(K sqrt n)", new double[] {threshold, threshold}, new double[] {fmin, Math.log(K)}, PlotSpec.Style.DASHED));
        double wmax = 0;
        for (double w : wy) {
            wmax = Math.max(wmax, w);
        }
        ctx.plot(new PlotSpec("normW-vs-lambda.png", "Zhu CE UFM K=4 n=5 d=8: ||W||_F vs lambda", "lambda", "||W||_F")
                .logX().add("closed form", lx, wy).add("Armijo solver", sx, sw, PlotSpec.Style.POINTS)
                .add("threshold 1/(K sqrt n)", new double[] {threshold, threshold}, new double[] {0, wmax}, PlotSpec.Style.DASHED));
    }

    private static double norm(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s);
    }
}
