package org.ufm.solver;

/**
 * A minimiser of a {@link Problem}. It knows nothing of the manifold beyond its interface, never
 * throws because a budget ran out, and returns the last iterate with its stop reason.
 */
public interface Solver {

    /** Short name ("gd", "armijo", ...). */
    String name();

    /** Minimises from x0 (not modified) until {@code stop} fires, recording every iteration in {@code trace}. */
    Result minimize(Problem problem, double[] x0, StoppingCriterion stop, Trace trace);
}
