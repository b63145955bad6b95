package org.ufm.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A rule that looks at the newest trace row and says whether to stop, and why; composable with
 * {@link #any}, {@link #all} and {@link #or}. {@link #standard} is the usual combination of gradient tolerance, iteration budget,
 * minimum step and time limit.
 */
public interface StoppingCriterion {

    /** The reason to stop after this row, or null to go on. */
    StopReason check(IterationRecord row);

    /** Stops when ||grad f|| &lt;= tol. */
    static StoppingCriterion gradientNorm(double tol) {
        return row -> row.gradNorm() <= tol ? StopReason.CONVERGED : null;
    }

    /**
     * Stops when f is within {@code relTol} of a known optimum f*: (f - f*)/|f*| &lt;= relTol, the absolute gap
     * f - f* &lt;= relTol when f* = 0 (as {@code Certificate} measures it). The stopping rule of the SciPy and PyTorch
     * peers of the benchmarks, which are given f*.
     */
    static StoppingCriterion relativeGap(double optimum, double relTol) {
        double scale = optimum == 0.0 ? 1.0 : Math.abs(optimum);
        return row -> (row.cost() - optimum) / scale <= relTol ? StopReason.OPTIMUM_REACHED : null;
    }

    /**
     * {@link #relativeGap} checked first (after {@link #notFinite}), then {@code otherwise}: the rule of
     * {@code solve --gap-stop} and {@code Ufm...gapStop}, on the f every row carries anyway.
     */
    static StoppingCriterion gapFirst(double optimum, double relTol, StoppingCriterion otherwise) {
        return notFinite().or(relativeGap(optimum, relTol)).or(otherwise);
    }

    /** Stops after {@code max} iterations. */
    static StoppingCriterion maxIterations(int max) {
        return row -> row.iteration() >= max ? StopReason.MAX_ITERATIONS : null;
    }

    /** Stops when a step (after the first iteration) is shorter than {@code min}. */
    static StoppingCriterion minStep(double min) {
        return row -> row.iteration() > 0 && row.step() < min ? StopReason.STEP_TOO_SMALL : null;
    }

    /** Stops after {@code seconds} of wall-clock time. */
    static StoppingCriterion timeLimit(double seconds) {
        return row -> row.seconds() >= seconds ? StopReason.TIME_LIMIT : null;
    }

    /** Stops when the objective or the gradient norm is NaN or infinite. */
    static StoppingCriterion notFinite() {
        return row -> Double.isFinite(row.cost()) && Double.isFinite(row.gradNorm()) ? null : StopReason.NOT_FINITE;
    }

    /** Stops once more than {@code max} objective evaluations have been spent (line-search trials count). */
    static StoppingCriterion maxEvaluations(long max) {
        return row -> row.evaluations() > max ? StopReason.MAX_EVALUATIONS : null;
    }

    /**
     * Stops when f has decreased by no more than {@code relTol} |f| over the last {@code window} iterations:
     * f_{k-window} - f_k &lt;= relTol max(|f_k|, tiny). Its history restarts at iteration 0, so one value serves
     * several solves one after another (not at once).
     */
    static StoppingCriterion costStalled(int window, double relTol) {
        if (window < 1) {
            throw new IllegalArgumentException("the window must be >= 1, got " + window);
        }
        double[] last = new double[window];
        return row -> {
            int k = row.iteration();
            double f = row.cost();
            StopReason r = null;
            if (k >= window) {
                double before = last[k % window];
                if (before - f <= relTol * Math.max(Math.abs(f), Double.MIN_NORMAL)) {
                    r = StopReason.COST_STALLED;
                }
            }
            last[k % window] = f;
            return r;
        };
    }

    /** Stops when every one of the given criteria fires at the same row; the reason is the first one's. */
    static StoppingCriterion all(StoppingCriterion... criteria) {
        List<StoppingCriterion> list = new ArrayList<>(Arrays.asList(criteria));
        return row -> {
            StopReason first = null;
            for (StoppingCriterion c : list) {
                StopReason r = c.check(row);
                if (r == null) {
                    return null;
                }
                first = first == null ? r : first;
            }
            return first;
        };
    }

    /** The first of the given criteria that fires, in order. */
    static StoppingCriterion any(StoppingCriterion... criteria) {
        List<StoppingCriterion> list = new ArrayList<>(Arrays.asList(criteria));
        return row -> {
            for (StoppingCriterion c : list) {
                StopReason r = c.check(row);
                if (r != null) {
                    return r;
                }
            }
            return null;
        };
    }

    /** This criterion, then {@code other}. */
    default StoppingCriterion or(StoppingCriterion other) {
        return any(this, other);
    }

    /** Not finite, gradient tolerance, iteration budget, minimum step, time limit (in that order). */
    static StoppingCriterion standard(double gradTol, int maxIterations, double minStep, double maxSeconds) {
        return any(notFinite(), gradientNorm(gradTol), maxIterations(maxIterations), minStep(minStep),
                timeLimit(maxSeconds));
    }
}
