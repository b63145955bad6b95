package org.ufm.solver;

/**
 * One row of a solver trace: iteration number, objective, Riemannian gradient norm, the step taken
 * to reach this iterate (0 at iteration 0), seconds since the start, and the number of objective
 * evaluations so far.
 *
 * @param iteration   iteration number, 0 for the starting point
 * @param cost        f(x_k)
 * @param gradNorm    ||grad f(x_k)||
 * @param step        length of the step that produced x_k (the step size times the direction norm)
 * @param seconds     seconds since the solver started
 * @param evaluations objective evaluations so far
 */
public record IterationRecord(int iteration, double cost, double gradNorm, double step, double seconds,
                              long evaluations) {
}
