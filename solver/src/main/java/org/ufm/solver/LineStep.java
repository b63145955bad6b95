package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * One line-search step along a descent direction eta at x, shared by the gradient-type solvers:
 * Armijo backtracking f(R_x(t eta)) &lt;= fRef + c1 t slope from a first trial t0 (fRef = f(x) for a
 * monotone search, a Zhang-Hager reference value for a nonmonotone one), then the gradient at the new
 * point. When the Armijo test drowns in the rounding error of f (see {@link ArmijoLineSearch}), the
 * step is accepted instead if it reduces the Riemannian gradient norm ({@link #fallback}, which
 * {@link GradientDescent} uses too).
 */
final class LineStep {

    /** Halvings tried by the gradient-norm fallback. */
    static final int NOISE_TRIALS = 8;

    private final ArmijoLineSearch search = new ArmijoLineSearch();

    /** Accepted step size (0 when the step failed). */
    double t;
    /** f at the new point. */
    double cost;
    /** Riemannian gradient norm at the new point. */
    double gradNorm;
    /** Objective evaluations spent by the last call. */
    long evaluations;
    /** True when the step came from the gradient-norm fallback rather than the Armijo test. */
    boolean noise;

    /**
     * Tries a step from x (gradient norm gn, slope = &lt;grad f, eta> &lt; 0) with first trial t0; on success
     * returns true with the new point and its Riemannian gradient in next and nextRgrad.
     */
    boolean take(Problem problem, double[] x, double fRef, double gn, double[] eta, double slope, double t0,
                 double[] next, double[] nextRgrad) {
        Manifold m = problem.manifold();
        search.setLastStep(0.5 * t0);
        ArmijoLineSearch.Step s = search.search(problem, x, fRef, eta, slope, next);
        evaluations = s.evaluations;
        noise = false;
        if (s.outcome == ArmijoLineSearch.Outcome.ACCEPTED) {
            t = s.t;
            problem.costAndGradient(next, nextRgrad);
            evaluations++;
            cost = s.cost;
            gradNorm = m.norm(next, nextRgrad);
            return Double.isFinite(gradNorm);
        }
        noise = true;
        return fallback(problem, x, gn, eta, t0, next, nextRgrad);
    }

    /**
     * The gradient-norm fallback, the one rule of every gradient-type solver when the Armijo test drowns in
     * the rounding error of f: tries t0 and up to {@value #NOISE_TRIALS} halvings and accepts the first step
     * whose f is finite and whose Riemannian gradient norm is below gn. Adds its evaluations to
     * {@link #evaluations}; on failure t = 0.
     */
    boolean fallback(Problem problem, double[] x, double gn, double[] eta, double t0, double[] next,
                     double[] nextRgrad) {
        Manifold m = problem.manifold();
        double tt = t0;
        for (int trial = 0; trial <= NOISE_TRIALS; trial++, tt *= 0.5) {
            m.retract(x, eta, tt, next);
            double fn = problem.costAndGradient(next, nextRgrad);
            evaluations++;
            double gnn = m.norm(next, nextRgrad);
            if (gnn < gn && Double.isFinite(fn)) {
                t = tt;
                cost = fn;
                gradNorm = gnn;
                return true;
            }
        }
        t = 0.0;
        return false;
    }

    /**
     * Why a failed {@link #take} stops the solver: NOT_FINITE when the accepted step reached a point whose
     * gradient is not finite (the solver keeps the last finite iterate), else STEP_TOO_SMALL.
     */
    StopReason failureReason() {
        return Double.isFinite(gradNorm) || t == 0.0 ? StopReason.STEP_TOO_SMALL : StopReason.NOT_FINITE;
    }
}
