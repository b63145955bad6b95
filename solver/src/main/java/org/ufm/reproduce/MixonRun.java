package org.ufm.reproduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.ufm.compute.Chunks;
import org.ufm.metric.StrongCollapse;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.IterationListener;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.Problem;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * One gradient-descent run of SPEC.md 6.1's protocol for Mixon et al.'s model: C classes of n samples
 * (class-major), p features, R = (1/2)||WH + b1^T - Y||_F^2 (c = 1), fixed step lr, random Gaussian
 * W_0, H_0 rescaled to ||W_0||_F = ||H_0||_F = eps, b_0 = 0. Records R, the three strong-NC errors and
 * the relative distance to S at the iterations of a grid.
 */
public final class MixonRun {

    /** SPEC 6.1: C = N = 3, p = 15, lr 0.05. */
    public static final int CLASSES = 3;
    /** Samples per class. */
    public static final int PER_CLASS = 3;
    /** Feature dimension p. */
    public static final int DIM = 15;
    /** GD step. */
    public static final double STEP = 0.05;

    /** Iterations at which the values were recorded. */
    public final int[] iterations;
    /** R at those iterations. */
    public final double[] loss;
    /** ||WW^T - sqrt(n) P_C||_F. */
    public final double[] gram;
    /** ||H - (W (x) 1)^T/sqrt n||_F / ||H||_F. */
    public final double[] features;
    /** ||b - 1/C||. */
    public final double[] bias;
    /** ||x - Pi_S x|| / ||x||. */
    public final double[] distanceToS;

    private MixonRun(int m) {
        iterations = new int[m];
        loss = new double[m];
        gram = new double[m];
        features = new double[m];
        bias = new double[m];
        distanceToS = new double[m];
    }

    /** The model of the protocol (c = 1). */
    public static EuclideanUfm model(Chunks chunks) {
        int[] sizes = new int[CLASSES];
        Arrays.fill(sizes, PER_CLASS);
        return EuclideanUfm.mixon(Labels.ofClassSizes(sizes), DIM, 1.0, chunks);
    }

    /** Gaussian W_0, H_0 rescaled to Frobenius norm eps each, b_0 = 0. */
    public static double[] initialPoint(EuclideanUfm model, long seed, double eps) {
        double[] x = new double[model.ambientDimension()];
        model.normInitialPoint(new Random(seed), eps, x);
        return x;
    }

    /** 0, 1, ..., then about {@code perDecade} log-spaced integers per decade up to {@code last} (included). */
    public static int[] logGrid(int last, int perDecade) {
        TreeSet<Integer> g = new TreeSet<>();
        g.add(0);
        for (int i = 0; ; i++) {
            double v = Math.pow(10.0, (double) i / perDecade);
            if (v > last) {
                break;
            }
            g.add((int) Math.round(v));
        }
        g.add(last);
        int[] out = new int[g.size()];
        int i = 0;
        for (int v : g) {
            out[i++] = v;
        }
        return out;
    }

    /** Runs {@code grid[grid.length-1]} GD iterations from the protocol's start and records at the grid. */
    public static MixonRun run(double eps, long seed, int[] grid) {
        try (Chunks chunks = new Chunks(1)) {
            EuclideanUfm model = model(chunks);
            StrongCollapse sc = new StrongCollapse(CLASSES, PER_CLASS, DIM);
            MixonRun out = new MixonRun(grid.length);
            int last = grid[grid.length - 1];
            List<Integer> filled = new ArrayList<>();
            Trace trace = new Trace(false).listen(new IterationListener() {
                private int next;

                @Override
                public void onIteration(IterationRecord row, double[] x) {
                    if (next < grid.length && row.iteration() == grid[next]) {
                        out.iterations[next] = row.iteration();
                        out.loss[next] = row.cost();
                        out.gram[next] = sc.gramDistance(x);
                        out.features[next] = sc.featureDistance(x);
                        out.bias[next] = sc.biasDistance(x);
                        out.distanceToS[next] = sc.relativeDistanceToS(x);
                        next++;
                        filled.add(row.iteration());
                    }
                }
            });
            double[] x0 = initialPoint(model, seed, eps);
            GradientDescent.fixedStep(STEP).minimize(new Problem(model.manifold(), model), x0,
                    StoppingCriterion.any(StoppingCriterion.notFinite(), StoppingCriterion.maxIterations(last)), trace);
            if (filled.size() != grid.length) {
                throw new IllegalStateException("GD stopped (not finite) after " + filled.size() + " of " + grid.length + " grid points");
            }
            return out;
        }
    }
}
