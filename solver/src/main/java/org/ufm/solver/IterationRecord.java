package org.ufm.solver;

/**
 * One row of a solver trace: iteration number, objective, Riemannian gradient norm, the step taken
 * to reach this iterate (0 at iteration 0), seconds since the start, and the number of objective
 * evaluations so far.
 */
public final class IterationRecord {

    private final int iteration;
    private final double cost;
    private final double gradNorm;
    private final double step;
    private final double seconds;
    private final long evaluations;

    /** A trace row. */
    public IterationRecord(int iteration, double cost, double gradNorm, double step, double seconds, long evaluations) {
        this.iteration = iteration;
        this.cost = cost;
        this.gradNorm = gradNorm;
        this.step = step;
        this.seconds = seconds;
        this.evaluations = evaluations;
    }

    /** Iteration number, 0 for the starting point. */
    public int iteration() {
        return iteration;
    }

    /** f(x_k). */
    public double cost() {
        return cost;
    }

    /** ||grad f(x_k)||. */
    public double gradNorm() {
        return gradNorm;
    }

    /** Length of the step that produced x_k (the step size times the direction norm). */
    public double step() {
        return step;
    }

    /** Seconds since the solver started. */
    public double seconds() {
        return seconds;
    }

    /** Objective evaluations so far. */
    public long evaluations() {
        return evaluations;
    }
}
