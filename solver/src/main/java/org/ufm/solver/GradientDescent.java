package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * Riemannian gradient descent x_{k+1} = R_{x_k}(-t_k grad f(x_k)) with a fixed step t or an Armijo
 * backtracking step ({@link ArmijoLineSearch}). On a Euclidean space this is plain gradient descent.
 *
 * <p>When the Armijo test drowns in the rounding error of f (close to a minimiser), the step is
 * accepted instead if it reduces the gradient norm ({@link LineStep#fallback}, from the last accepted step);
 * if none does, the solver stops with STEP_TOO_SMALL.
 */
public final class GradientDescent implements Solver {

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
        Manifold m = problem.manifold();
        int n = problem.size();
        Iterates it = new Iterates(problem, x0);
        double[] eta = armijo ? new double[n] : null;
        ArmijoLineSearch search = new ArmijoLineSearch();
        LineStep noise = new LineStep();
        StopReason reason;
        while ((reason = it.record(trace, stop)) == null) {
            double t;
            double fNext;
            double gnNext;
            if (armijo) {
                it.negativeGradient(eta);
                ArmijoLineSearch.Step s = search.search(problem, it.x, it.f, eta, -it.gn * it.gn, it.next);
                if (s.outcome == ArmijoLineSearch.Outcome.ACCEPTED) {
                    t = s.t;
                    problem.costAndGradient(it.next, it.nextRgrad);
                    fNext = s.cost;
                    gnNext = m.norm(it.next, it.nextRgrad);
                } else {
                    boolean ok = noise.fallback(problem, it.x, it.gn, eta, search.lastStep(), it.next, it.nextRgrad);
                    if (!ok) {
                        reason = StopReason.STEP_TOO_SMALL;
                        break;
                    }
                    t = noise.t;
                    fNext = noise.cost;
                    gnNext = noise.gradNorm;
                    search.setLastStep(t);
                }
            } else {
                t = fixedStep;
                m.retract(it.x, it.rgrad, -t, it.next);
                fNext = problem.costAndGradient(it.next, it.nextRgrad);
                gnNext = m.norm(it.next, it.nextRgrad);
            }
            reason = it.accept(fNext, gnNext, t * it.gn);
            if (reason != null) {
                break;
            }
        }
        return it.finish(name(), reason, trace);
    }
}
