package org.ufm.reproduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ufm.compute.Chunks;
import org.ufm.metric.Margins;
import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.IterationListener;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.Problem;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * The implicit bias of the unconstrained layer-peeled model (Ji et al. 2110.02796), SPEC.md 6 row 5: K = 4,
 * n = 5, d = 8, W_0, H_0 with 0.1 N(0,1) entries, GD with step 0.5 on the mean CE without decay or bias; the
 * normalised margin q_min / (||W||^2 + ||H||^2) grows (logarithmically slowly) toward gamma* = 1/(2(K-1) sqrt n).
 */
public final class UlpmMargin implements Experiment {

    static final int K = 4;
    static final int N = 5;
    static final int D = 8;
    static final double STEP = 0.5;
    static final double INIT = 0.1;
    /** SPEC 6 row 5: normalised margin at 1e2, 1e3, 1e4, 1e5, 1e6 iterations. */
    static final double[] SPEC = {0.0588, 0.0694, 0.0714, 0.0725, 0.0731};
    /** Checkpoints of the full run (1e2 .. 1e6). */
    static final int FULL_DECADES = 5;
    /** Checkpoints with {@code --quick} (1e2 .. 1e5). */
    static final int QUICK_DECADES = 4;

    /** Of the last run: iterations of the checkpoints and the normalised margin there. */
    int[] checkpoints;
    double[] margins;

    @Override
    public String name() {
        return "ulpm-margin";
    }

    @Override
    public String description() {
        return "Ji et al. 2110.02796 (ULPM): the normalised margin under GD without regularisation tends to "
                + "1/(2(K-1) sqrt n) (SPEC.md 6 row 5)";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        int decades = ctx.quick() ? QUICK_DECADES : FULL_DECADES;
        int last = (int) Math.round(Math.pow(10, decades + 1));
        int[] grid = MixonRun.logGrid(last, 10);
        checkpoints = new int[decades];
        margins = new double[decades];
        double[] losses = new double[decades];
        double[] nc2 = new double[decades];
        for (int i = 0; i < decades; i++) {
            checkpoints[i] = (int) Math.round(Math.pow(10, i + 2));
        }
        double gammaStar = Margins.limit(K, N);
        List<double[]> rows = new ArrayList<>();
        try (Chunks chunks = new Chunks(1);
             ExperimentContext.Progress bar = ctx.progress(name(), last)) {
            EuclideanUfm model = EuclideanUfm.ulpm(Labels.balanced(K, N), D, chunks);
            int[] y = model.labels().toArray();
            double[] x0 = new double[model.ambientDimension()];
            model.initialPoint(new Random(ctx.seed()), INIT, x0);
            Trace trace = new Trace(false).listen(new IterationListener() {
                private int g;
                private int c;
                private int reported;

                @Override
                public void onIteration(IterationRecord row, double[] x) {
                    int it = row.iteration();
                    boolean onGrid = g < grid.length && it == grid[g];
                    boolean check = c < checkpoints.length && it == checkpoints[c];
                    if (onGrid || check) {
                        double[][] w = model.classifierRows(x);
                        double[][] h = model.featureColumns(x);
                        double gamma = Margins.normalized(w, h, y);
                        if (onGrid) {
                            rows.add(new double[] {it, row.cost(), Margins.minimum(w, h, y), gamma, gammaStar});
                            g++;
                        }
                        if (check) {
                            margins[c] = gamma;
                            losses[c] = row.cost();
                            nc2[c] = NeuralCollapseMetrics.compute(w, h, y, null).nc2();
                            c++;
                        }
                    }
                    if (it - reported >= 10_000) {
                        bar.step(it - reported);
                        reported = it;
                    }
                }
            });
            GradientDescent.fixedStep(STEP).minimize(new Problem(model.manifold(), model), x0,
                    StoppingCriterion.any(StoppingCriterion.notFinite(), StoppingCriterion.maxIterations(last)), trace);
        }
        ctx.csv("ulpm-margin.csv", Arrays.asList("iteration", "loss", "min_margin", "normalized_margin", "gamma_star"),
                rows);
        double[] its = new double[rows.size() - 1];
        double[] gam = new double[rows.size() - 1];
        double[] lim = new double[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            its[i - 1] = rows.get(i)[0];
            gam[i - 1] = rows.get(i)[3];
            lim[i - 1] = gammaStar;
        }
        ctx.plot(new PlotSpec("ulpm-margin.png", "ULPM: normalised margin under GD (K=4, n=5, d=8, step 0.5)",
                "iteration", "q_min / (||W||^2 + ||H||^2)").logX()
                .add("normalised margin", its, gam).add("gamma* = 1/(2(K-1) sqrt n)", its, lim));
        StringBuilder md = new StringBuilder();
        md.append("## ulpm-margin: normalised margin of the unregularised CE UFM (SPEC.md 6 row 5)\n\n");
        md.append(String.format(Locale.ROOT, "K = 4, n = 5, d = 8, init 0.1 N(0,1) (seed %d), GD step 0.5 on the mean CE."
                + " gamma* = %.7f. Ours / SPEC.%n%n", ctx.seed(), gammaStar));
        md.append("| iterations | normalised margin | gamma / gamma* | loss | NC2 ETF distance (W) |\n|---|---|---|---|---|\n");
        for (int i = 0; i < checkpoints.length; i++) {
            md.append(String.format(Locale.ROOT, "| %d | %.4f / %.4f | %.4f | %.2e | %.2e |%n", checkpoints[i], margins[i],
                    SPEC[i], margins[i] / gammaStar, losses[i], nc2[i]));
        }
        md.append("\nSPEC at 1e6: loss 4.6e-7, NC2 ETF distance 3.3e-2.\n\n");
        ctx.summary(md.toString());
    }
}
