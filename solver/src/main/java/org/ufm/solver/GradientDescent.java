package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * Riemannian gradient descent x_{k+1} = R_{x_k}(-t_k grad f(x_k)) with a fixed step t or an Armijo
 * backtracking step ({@link ArmijoLineSearch}). On a Euclidean space this is plain gradient descent.
 *
 * <p>When the Armijo test drowns in the rounding error of f (close to a minimiser), the step is
 * accepted instead if it reduces the gradient norm, trying the last accepted step and up to
 * {@value #NOISE_TRIALS} halvings; if none does, the solver stops with STEP_TOO_SMALL.
 */
public final class GradientDescent implements Solver {

    /** Halvings tried by the gradient-norm fallback. */
    static final int NOISE_TRIALS = 8;

    private final double fixedStep;
    private final boolean armijo;

    private GradientDescent(double fixedStep, boolean armijo) {
        this.fixedStep = fixedStep;
        this.armijo = armijo;
    }

    /** Fixed step t > 0. */
    public static GradientDescent fixedStep(double t) {
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("step must be a finite number > 0, got " + t);
        }
        return new GradientDescent(t, false);
    }

    /** Armijo backtracking with Manopt-like defaults. */
    public static GradientDescent armijo() {
        return new GradientDescent(Double.NaN, true);
    }

    @Override
    public String name() {
        return armijo ? "armijo" : "gd";
    }

    @Override
    public Result minimize(Problem problem, double[] x0, StoppingCriterion stop, Trace trace) {
        long start = System.nanoTime();
        Manifold m = problem.manifold();
        int n = problem.size();
        double[] x = x0.clone();
        double[] rgrad = new double[n];
        double[] next = new double[n];
        double[] nextRgrad = new double[n];
        double[] eta = armijo ? new double[n] : null;
        ArmijoLineSearch search = new ArmijoLineSearch();
        double f = problem.costAndGradient(x, rgrad);
        double gn = m.norm(x, rgrad);
        long evals = 1;
        int k = 0;
        double step = 0.0;
        StopReason reason;
        while (true) {
            reason = trace.recordAndCheck(new IterationRecord(k, f, gn, step, seconds(start), evals), x, stop);
            if (reason != null) {
                break;
            }
            double t;
            double fNext;
            double gnNext;
            if (armijo) {
                for (int i = 0; i < n; i++) {
                    eta[i] = -rgrad[i];
                }
                ArmijoLineSearch.Step s = search.search(problem, x, f, eta, -gn * gn, next);
                evals += s.evaluations;
                if (s.outcome == ArmijoLineSearch.Outcome.ACCEPTED) {
                    t = s.t;
                    problem.costAndGradient(next, nextRgrad);
                    evals++;
                    fNext = s.cost;
                    gnNext = m.norm(next, nextRgrad);
                } else {
                    t = search.lastStep();
                    fNext = Double.NaN;
                    gnNext = Double.POSITIVE_INFINITY;
                    for (int trial = 0; trial < NOISE_TRIALS && !(gnNext < gn); trial++) {
                        m.retract(x, eta, t, next);
                        fNext = problem.costAndGradient(next, nextRgrad);
                        evals++;
                        gnNext = m.norm(next, nextRgrad);
                        if (!(gnNext < gn)) {
                            t *= 0.5;
                        }
                    }
                    if (!(gnNext < gn) || !Double.isFinite(fNext)) {
                        reason = StopReason.STEP_TOO_SMALL;
                        break;
                    }
                    search.setLastStep(t);
                }
            } else {
                t = fixedStep;
                m.retract(x, rgrad, -t, next);
                fNext = problem.costAndGradient(next, nextRgrad);
                evals++;
                gnNext = m.norm(next, nextRgrad);
            }
            if (!Double.isFinite(fNext) || !Double.isFinite(gnNext)) {
                reason = StopReason.NOT_FINITE;
                break;
            }
            double[] tmp = x;
            x = next;
            next = tmp;
            tmp = rgrad;
            rgrad = nextRgrad;
            nextRgrad = tmp;
            step = t * gn;
            f = fNext;
            gn = gnNext;
            k++;
        }
        trace.finish(reason);
        return new Result(name(), x, f, gn, k, reason, seconds(start), trace);
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }
}
