package org.ufm.reproduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Mixon, Parshall and Pi (2011.11619) Fig. 2 analogue, SPEC.md 6 row 4: the relative distance
 * ||x - Pi_S x|| / ||x|| to the invariant subspace S along gradient descent (protocol of SPEC 6.1, one seed)
 * for eps in {1, 0.3, 0.1, 0.03, 0.01}, against SPEC's 3.24e-1, 3.3e-2, 3.4e-3 (eps = 1, 0.1, 0.01) and 0.856
 * at iteration 0.
 */
public final class MixonFig2 implements Experiment {

    /** SPEC 6 row 4: distance after the transient for eps = 1, 0.3 (none), 0.1, 0.03 (none), 0.01. */
    static final double[] SPEC = {3.24e-1, Double.NaN, 3.3e-2, Double.NaN, 3.4e-3};
    /** SPEC 6 row 4: the distance at iteration 0. */
    static final double SPEC_START = 0.856;

    /** Per eps of the last run: distance at iteration 0, at the end, and the largest after iteration 1000. */
    double[][] finals;

    @Override
    public String name() {
        return "mixon-fig2";
    }

    @Override
    public String description() {
        return "Mixon et al. 2011.11619 Fig. 2: relative distance to the invariant subspace S along GD (SPEC.md 6 row 4)";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        int iterations = ctx.quick() ? MixonFig1.QUICK_ITERATIONS : MixonFig1.ITERATIONS;
        int[] grid = MixonRun.logGrid(iterations, 10);
        double[] eps = MixonFig1.EPS;
        List<double[]> rows = new ArrayList<>();
        PlotSpec spec = new PlotSpec("mixon-fig2.png", "Mixon Fig. 2: relative distance to S (seed " + ctx.seed() + ")",
                "iteration", "||x - Pi_S x|| / ||x||").logX().logY();
        finals = new double[eps.length][3];
        try (ExperimentContext.Progress bar = ctx.progress(name(), eps.length)) {
            for (int e = 0; e < eps.length; e++) {
                MixonRun run = MixonRun.run(eps[e], ctx.seed(), grid);
                double late = 0.0;
                for (int g = 0; g < grid.length; g++) {
                    rows.add(new double[] {eps[e], grid[g], run.loss[g], run.distanceToS[g]});
                    if (grid[g] >= 1000) {
                        late = Math.max(late, run.distanceToS[g]);
                    }
                }
                finals[e] = new double[] {run.distanceToS[0], run.distanceToS[grid.length - 1], late};
                double[] xs = new double[grid.length - 1];
                for (int g = 1; g < grid.length; g++) {
                    xs[g - 1] = grid[g];
                }
                spec.add("eps = " + eps[e], xs, Arrays.copyOfRange(run.distanceToS, 1, grid.length));
                bar.step(1);
            }
        }
        ctx.csv("mixon-fig2.csv", Arrays.asList("eps", "iteration", "loss", "relative_distance_to_S"), rows);
        ctx.plot(spec);
        StringBuilder md = new StringBuilder();
        md.append("## mixon-fig2: relative distance to S (SPEC.md 6 row 4)\n\n");
        md.append(String.format(Locale.ROOT, "Protocol of SPEC 6.1, seed %d, %d iterations. Ours / SPEC (SPEC gives "
                + "the value after the transient; ours is the value at the last iteration).%n%n", ctx.seed(), iterations));
        md.append("| eps | at iteration 0 | at the end | largest after iteration 1000 | distance / eps |\n"
                + "|---|---|---|---|---|\n");
        for (int e = 0; e < eps.length; e++) {
            String specEnd = Double.isNaN(SPEC[e]) ? "-" : String.format(Locale.ROOT, "%.2e", SPEC[e]);
            md.append(String.format(Locale.ROOT, "| %s | %.3f / %.3f | %.3e / %s | %.3e | %.3f |%n", eps[e],
                    finals[e][0], SPEC_START, finals[e][1], specEnd, finals[e][2], finals[e][1] / eps[e]));
        }
        md.append("\n");
        ctx.summary(md.toString());
    }
}
