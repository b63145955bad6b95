package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * The state that every gradient-type solver (gd, armijo, bb, cg, lbfgs) carries from step to step: the
 * iterate x with f(x), its Riemannian gradient and the gradient norm, a candidate pair of buffers
 * ({@link #next}, {@link #nextRgrad}) that a step fills, the counters, and the clock. The solver keeps only
 * its own step rule; recording, moving to the candidate and the final result are done alike here.
 *
 * <p>{@link #accept} moves to the candidate only when its cost and gradient norm are finite; otherwise x
 * stays the last finite iterate, as {@link StopReason#NOT_FINITE} promises.
 */
final class Iterates {

    private final long start = System.nanoTime();
    /** The iterate x_k. */
    double[] x;
    /** grad f(x_k), Riemannian. */
    double[] rgrad;
    /** Candidate point, written by a step. */
    double[] next;
    /** Riemannian gradient at the candidate, written by a step. */
    double[] nextRgrad;
    /** Euclidean gradients at x_k and at the candidate, for solvers that keep them (trust regions); else null. */
    double[] egrad;
    double[] nextEgrad;
    /** f(x_k). */
    double f;
    /** ||grad f(x_k)||. */
    double gn;
    /** Length of the step that reached x_k (0 at k = 0). */
    double step;
    /**
     * Not read: the count comes from {@link Problem#evaluations()} (see {@link #evaluations()}). Lbfgs still adds
     * its line-search counts here; the field goes when Lbfgs stops writing it (issue 16 owns Lbfgs.java).
     */
    long evals;
    /** k. */
    int k;
    private final Problem problem;
    private final long evaluationsBefore;

    /** Starts at a copy of x0 and evaluates f and its gradient there (one evaluation). */
    Iterates(Problem problem, double[] x0) {
        this(problem, x0, false);
    }

    /** As {@link #Iterates(Problem, double[])}, keeping the Euclidean gradients too when {@code keepEgrad}. */
    Iterates(Problem problem, double[] x0, boolean keepEgrad) {
        this.problem = problem;
        this.evaluationsBefore = problem.evaluations();
        Manifold m = problem.manifold();
        int n = problem.size();
        x = x0.clone();
        rgrad = new double[n];
        next = new double[n];
        nextRgrad = new double[n];
        if (keepEgrad) {
            egrad = new double[n];
            nextEgrad = new double[n];
            f = problem.costAndGradient(x, egrad, rgrad);
        } else {
            f = problem.costAndGradient(x, rgrad);
        }
        gn = m.norm(x, rgrad);
    }

    /** Objective evaluations of this solve so far (the start's included), as the problem counted them. */
    long evaluations() {
        return problem.evaluations() - evaluationsBefore;
    }

    /** Seconds since this state was made (the solver's start). */
    double seconds() {
        return (System.nanoTime() - start) * 1e-9;
    }

    /** eta = -grad f(x_k), the steepest-descent direction. */
    void negativeGradient(double[] eta) {
        double[] g = rgrad;
        for (int i = 0; i < g.length; i++) {
            eta[i] = -g[i];
        }
    }

    /** Records x_k in the trace; returns the stop reason, or null to take another step. */
    StopReason record(Trace trace, StoppingCriterion stop) {
        return trace.recordAndCheck(new IterationRecord(k, f, gn, step, seconds(), evaluations()), x, stop);
    }

    /**
     * Moves to the candidate (cost fNext, gradient norm gnNext, reached by a step of length stepLength):
     * swaps the buffer pairs, counts the iteration and returns null; returns NOT_FINITE and keeps x_k when fNext or gnNext is
     * not finite.
     */
    StopReason accept(double fNext, double gnNext, double stepLength) {
        if (!Double.isFinite(fNext) || !Double.isFinite(gnNext)) {
            return StopReason.NOT_FINITE;
        }
        double[] tmp = x;
        x = next;
        next = tmp;
        tmp = rgrad;
        rgrad = nextRgrad;
        nextRgrad = tmp;
        tmp = egrad;
        egrad = nextEgrad;
        nextEgrad = tmp;
        f = fNext;
        gn = gnNext;
        step = stepLength;
        k++;
        return null;
    }

    /** Tells the trace's listeners why the solver stopped and returns x_k with that reason. */
    Result finish(String solver, StopReason reason, Trace trace) {
        trace.finish(reason);
        return new Result(solver, x, f, gn, k, reason, seconds(), trace);
    }
}
