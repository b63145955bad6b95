package org.ufm.solver;

/**
 * What a solver returns, always, whatever stopped it: the last iterate, its objective and gradient
 * norm, the number of iterations, the typed stop reason, the wall-clock seconds and the trace.
 *
 * @param solver     name of the solver that produced this result
 * @param x          the last iterate (a point of the manifold)
 * @param cost       f at the last iterate
 * @param gradNorm   Riemannian gradient norm at the last iterate
 * @param iterations iterations taken
 * @param stopReason why the solver stopped
 * @param seconds    wall-clock seconds
 * @param trace      the trace of every iteration
 */
public record Result(String solver, double[] x, double cost, double gradNorm, int iterations, StopReason stopReason,
                     double seconds, Trace trace) {
}
