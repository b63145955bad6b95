package org.ufm.reproduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.StoppingCriterion;

/**
 * Yaras et al. (2209.09211), SPEC.md 6.2 and its "Euclidean vs Riemannian comparison": Armijo iterations
 * to a relative gap of 1e-6 against d for the sphere model (tau = 1, 10 and tau = rho* of the regularised
 * optimum) and for the Euclidean CE model (lambda = 5e-4); NC traces of both at d = 8.
 */
public final class YarasDim implements Experiment {

    static final int K = 4;
    static final int N = 5;
    static final double LAMBDA = 5e-4;

    @Override
    public String name() {
        return "yaras-dim";
    }

    @Override
    public String description() {
        return "Yaras et al. 2209.09211 (SPEC.md 6.2, Euclidean vs Riemannian comparison): Armijo iterations to "
                + "(f - f*)/f* < 1e-6 against d, sphere model vs Euclidean CE (lambda 5e-4), and NC traces at d = 8.";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        int[] dims = ctx.quick() ? new int[] {3, 8, 32} : new int[] {3, 4, 8, 16, 32};
        double rho = CrossEntropyClosedForm.of(K, N, LAMBDA, LAMBDA).rho;
        double[] taus = {1, rho, 10};
        int seeds = 3;
        int budget = ctx.quick() ? 20_000 : 200_000;
        int[][] med = new int[taus.length + 1][dims.length];
        List<double[]> rows = new ArrayList<>();
        try (Chunks chunks = new Chunks(1);
             ExperimentContext.Progress bar = ctx.progress("yaras-dim", (long) (taus.length + 1) * dims.length * seeds + 2)) {
            for (int j = 0; j < dims.length; j++) {
                double[] row = new double[taus.length + 2];
                row[0] = dims[j];
                for (int m = 0; m <= taus.length; m++) {
                    GapIterations.Outcome[] o = new GapIterations.Outcome[seeds];
                    for (int s = 0; s < seeds; s++) {
                        o[s] = m < taus.length ? GapIterations.sphere(K, N, dims[j], taus[m], ctx.seed() + s, budget, chunks)
                                : GapIterations.euclidean(K, N, dims[j], LAMBDA, ctx.seed() + s, budget, chunks);
                        bar.step(1);
                    }
                    med[m][j] = GapIterations.median(o);
                    row[m + 1] = YarasTau.nan(med[m][j]);
                }
                rows.add(row);
            }
            ctx.csv("iterations-vs-d.csv", List.of("d", "sphere_tau_1", "sphere_tau_rho_star", "sphere_tau_10",
                    "euclidean_lambda_5e-4"), rows);
            double[] dx = new double[dims.length];
            for (int j = 0; j < dims.length; j++) {
                dx[j] = dims[j];
            }
            String[] names = {"sphere tau=1", String.format(Locale.ROOT, "sphere tau=rho*=%.3f", rho), "sphere tau=10",
                "Euclidean CE lambda=5e-4"};
            PlotSpec p = new PlotSpec("iterations-vs-d.png", "K=4 n=5: Armijo iterations to rel. gap 1e-6 vs d",
                    "d", "iterations (median of 3 seeds)").logX().logY();
            for (int m = 0; m <= taus.length; m++) {
                double[] y = new double[dims.length];
                for (int j = 0; j < dims.length; j++) {
                    y[j] = YarasTau.nan(med[m][j]);
                }
                p.add(names[m], dx, y);
            }
            ctx.plot(p);

            StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%nMedian of 3 seeds (%d..%d), budget %d; "
                    + "Euclidean model: no bias, lambda_W = lambda_H = %.0e, N(0,1) start. rho* = %.6f is the true-class logit "
                    + "margin w_k^T h of the regularised optimum, so tau = rho* is the matched sphere model.%n%n| d |",
                    ctx.seed(), ctx.seed() + seeds - 1, budget, LAMBDA, rho));
            for (String nm : names) {
                md.append(' ').append(nm).append(" |");
            }
            md.append("\n|---|---|---|---|---|\n");
            for (int j = 0; j < dims.length; j++) {
                md.append("| ").append(dims[j]).append(" |");
                for (int m = 0; m <= taus.length; m++) {
                    md.append(' ').append(GapIterations.cell(med[m][j], budget)).append(" |");
                }
                md.append('\n');
            }
            md.append(String.format(Locale.ROOT, "%nSPEC.md 6.2 at tau = 1: 50 / 46 / 40 and tau = 10: 79 / 87 / 86 for d = 3 / 8 / 32.%n"));
            md.append(traces(ctx, chunks, rho, bar));
            ctx.summary(md.toString());
        }
    }

    /** NC and gap traces at d = 8: sphere (tau = rho*) vs Euclidean (lambda = 5e-4), Armijo, same seed. */
    private static String traces(ExperimentContext ctx, Chunks chunks, double rho, ExperimentContext.Progress bar)
            throws IOException {
        int d = 8;
        int maxIter = ctx.quick() ? 5_000 : 50_000;
        UfmModel sphere = new SphereUfm(Labels.balanced(K, N), d, rho, chunks);
        UfmModel eucl = EuclideanUfm.crossEntropy(Labels.balanced(K, N), d, LAMBDA, LAMBDA, 0.0, false, chunks);
        double[] fstar = {SphereClosedForm.fstar(K, rho), CrossEntropyClosedForm.of(K, N, LAMBDA, LAMBDA).fstar};
        UfmModel[] models = {sphere, eucl};
        String[] names = {"sphere tau=rho*", "Euclidean lambda=5e-4"};
        String[] files = {"trace-sphere-d8.csv", "trace-euclidean-d8.csv"};
        Run[] runs = new Run[2];
        for (int i = 0; i < 2; i++) {
            double[] x0 = new double[models[i].ambientDimension()];
            models[i].initialPoint(new Random(ctx.seed()), 1.0, x0);
            runs[i] = Run.solve(models[i], GradientDescent.armijo(), x0,
                    StoppingCriterion.standard(1e-12, maxIter, 0.0, 60.0), fstar[i], true);
            ctx.csv(files[i], Run.HEADER, runs[i].rows);
            bar.step(1);
        }
        PlotSpec gap = new PlotSpec("gap-trace-d8.png", "d=8: relative gap, sphere (tau=rho*) vs Euclidean (lambda=5e-4)",
                "iteration + 1", "(f - f*)/f*").logX().logY();
        PlotSpec nc = new PlotSpec("nc-trace-d8.png", "d=8: NC1 and NC2, sphere (tau=rho*) vs Euclidean (lambda=5e-4)",
                "iteration + 1", "metric").logX().logY();
        for (int i = 0; i < 2; i++) {
            double fs = fstar[i];
            gap.add(names[i], runs[i].column(r -> r[0] + 1), runs[i].column(r -> r[3] / fs));
            nc.add(names[i] + " NC1", runs[i].column(r -> r[0] + 1), runs[i].column(5));
            nc.add(names[i] + " NC2", runs[i].column(r -> r[0] + 1), runs[i].column(6));
        }
        ctx.plot(gap);
        ctx.plot(nc);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%nTraces at d = 8, Armijo, seed %d, "
                + "stop at ||grad|| <= 1e-12 or %d iterations (CSV has wall time too):%n%n"
                + "| model | iterations | stop | final (f - f*)/f* | NC1 | NC2 | NC3 | NC4 | s |%n|---|---|---|---|---|---|---|---|---|%n",
                ctx.seed(), maxIter));
        for (int i = 0; i < 2; i++) {
            double[] last = runs[i].rows.get(runs[i].rows.size() - 1);
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2e | %.2e | %.2e | %.2e | %.3f | %.3f |%n", names[i],
                    runs[i].result.iterations(), runs[i].result.stopReason(), last[3] / fstar[i], last[5], last[6], last[7],
                    last[8], runs[i].result.seconds()));
        }
        bar.step(1);
        return md.toString();
    }
}
