package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * Backtracking line search along a descent direction eta at x: the first step t = t0, t0 c, t0 c^2, ...
 * with f(R_x(t eta)) <= f(x) + c1 t <grad f, eta>. Manopt-like defaults: c1 = 1e-4, contraction
 * c = 0.5, and the first trial twice the last accepted step (1 at the start).
 *
 * <p>Near a minimiser the predicted decrease c1 t |slope| falls below the rounding error of f, and
 * the test can neither accept nor reject honestly. The search then reports {@link Outcome#NOISE}
 * instead of accepting a step that did not decrease f; the caller may fall back on a test that does
 * not rely on differences of f (see {@link GradientDescent}).
 */
public final class ArmijoLineSearch {

    /** How a search ended. */
    public enum Outcome {
        /** A step satisfying the Armijo condition with a real decrease of f was found. */
        ACCEPTED,
        /** The decrease to be tested fell below the rounding error of f. */
        NOISE,
        /** No step was accepted within the budget of backtracks. */
        FAILED
    }

    /** Relative size of the rounding error assumed in f. */
    public static final double NOISE = 64 * Math.ulp(1.0);

    private final double sufficientDecrease;
    private final double contraction;
    private final int maxBacktracks;
    private double lastStep = 0.5;

    /** Defaults: c1 = 1e-4, contraction 0.5, at most 60 backtracks. */
    public ArmijoLineSearch() {
        this(1e-4, 0.5, 60);
    }

    /** A line search with the given constants (0 < c1 < 1, 0 < contraction < 1). */
    public ArmijoLineSearch(double sufficientDecrease, double contraction, int maxBacktracks) {
        if (!(sufficientDecrease > 0 && sufficientDecrease < 1) || !(contraction > 0 && contraction < 1)) {
            throw new IllegalArgumentException("Armijo needs 0 < c1 < 1 and 0 < contraction < 1");
        }
        this.sufficientDecrease = sufficientDecrease;
        this.contraction = contraction;
        this.maxBacktracks = maxBacktracks;
    }

    /** Outcome of one search: the accepted step t (0 when none was found) and f at the new point. */
    public static final class Step {
        /** How the search ended. */
        public final Outcome outcome;
        /** Accepted step size, 0 unless ACCEPTED. */
        public final double t;
        /** f(R_x(t eta)) (f(x) unless ACCEPTED). */
        public final double cost;
        /** Objective evaluations spent. */
        public final int evaluations;

        Step(Outcome outcome, double t, double cost, int evaluations) {
            this.outcome = outcome;
            this.t = t;
            this.cost = cost;
            this.evaluations = evaluations;
        }
    }

    /** The last accepted step (the next search starts from twice this). */
    public double lastStep() {
        return lastStep;
    }

    /** Sets the memory of the last accepted step. */
    public void setLastStep(double t) {
        lastStep = t;
    }

    /** True when a decrease of size {@code amount} from f cannot be told apart from rounding. */
    public static boolean belowNoise(double f, double amount) {
        return Math.abs(amount) <= NOISE * Math.max(Math.abs(f), Double.MIN_NORMAL);
    }

    /**
     * Searches from x (cost f, directional derivative slope = <grad f, eta> < 0) and writes the accepted
     * point into {@code out}; unless ACCEPTED, out holds x.
     */
    public Step search(Problem problem, double[] x, double f, double[] eta, double slope, double[] out) {
        Manifold m = problem.manifold();
        double t = 2 * lastStep;
        int evals = 0;
        for (int i = 0; i <= maxBacktracks; i++) {
            if (belowNoise(f, sufficientDecrease * t * slope)) {
                System.arraycopy(x, 0, out, 0, x.length);
                return new Step(Outcome.NOISE, 0.0, f, evals);
            }
            m.retract(x, eta, t, out);
            double ft = problem.cost(out);
            evals++;
            if (ft <= f + sufficientDecrease * t * slope && ft < f) {
                lastStep = t;
                return new Step(Outcome.ACCEPTED, t, ft, evals);
            }
            t *= contraction;
        }
        System.arraycopy(x, 0, out, 0, x.length);
        return new Step(Outcome.FAILED, 0.0, f, evals);
    }
}
