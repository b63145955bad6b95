package org.ufm.solver;

/** Receives every trace row as the solver produces it (progress lines, CSV files). */
public interface IterationListener {

    /** Called once per iteration, starting with iteration 0. */
    void onIteration(IterationRecord row, double[] x);

    /** Called once when the solver stops. */
    default void onFinish(StopReason reason) {
    }
}
