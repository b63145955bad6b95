package org.ufm.solver;

/**
 * What a solver returns, always, whatever stopped it: the last iterate, its objective and gradient
 * norm, the number of iterations, the typed stop reason, the wall-clock seconds and the trace.
 */
public final class Result {

    private final double[] x;
    private final double cost;
    private final double gradNorm;
    private final int iterations;
    private final StopReason reason;
    private final double seconds;
    private final Trace trace;
    private final String solver;

    /** A solver's result. */
    public Result(String solver, double[] x, double cost, double gradNorm, int iterations, StopReason reason,
                  double seconds, Trace trace) {
        this.solver = solver;
        this.x = x;
        this.cost = cost;
        this.gradNorm = gradNorm;
        this.iterations = iterations;
        this.reason = reason;
        this.seconds = seconds;
        this.trace = trace;
    }

    /** Name of the solver that produced this result. */
    public String solver() {
        return solver;
    }

    /** The last iterate (a point of the manifold). */
    public double[] x() {
        return x;
    }

    /** f at the last iterate. */
    public double cost() {
        return cost;
    }

    /** Riemannian gradient norm at the last iterate. */
    public double gradNorm() {
        return gradNorm;
    }

    /** Iterations taken. */
    public int iterations() {
        return iterations;
    }

    /** Why the solver stopped. */
    public StopReason stopReason() {
        return reason;
    }

    /** Wall-clock seconds. */
    public double seconds() {
        return seconds;
    }

    /** The trace of every iteration. */
    public Trace trace() {
        return trace;
    }
}
