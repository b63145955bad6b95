package org.ufm.solver;

/** Why a solver stopped, and whether that means it converged. */
public enum StopReason {
    /** The Riemannian gradient norm fell below the tolerance. */
    CONVERGED(true),
    /** The objective came within the requested relative gap of a known optimum ({@link StoppingCriterion#relativeGap}). */
    OPTIMUM_REACHED(true),
    /** The iteration budget ran out; the last iterate is returned. */
    MAX_ITERATIONS(false),
    /** The line search or trust region could not take a step larger than the minimum. */
    STEP_TOO_SMALL(false),
    /** The objective stopped decreasing by more than the tolerance over the last iterations ({@link StoppingCriterion#costStalled}). */
    COST_STALLED(false),
    /** The budget of objective evaluations ran out ({@link StoppingCriterion#maxEvaluations}); the last iterate is returned. */
    MAX_EVALUATIONS(false),
    /** The wall-clock budget ran out; the last iterate is returned. */
    TIME_LIMIT(false),
    /** The objective or gradient became NaN or infinite; the last finite iterate is returned. */
    NOT_FINITE(false),
    /** The run was interrupted (Ctrl-C); the last iterate is returned. */
    INTERRUPTED(false);

    private final boolean convergence;

    StopReason(boolean convergence) {
        this.convergence = convergence;
    }

    /** True when this reason certifies that the stopping tolerance (of the gradient, or of the gap) was met. */
    public boolean isConvergence() {
        return convergence;
    }
}
