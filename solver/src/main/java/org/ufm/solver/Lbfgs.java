package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * Riemannian limited-memory BFGS (Huang, Gallivan, Absil 2015, in Manopt's form): the direction
 * eta = -H_k grad f(x_k) comes from the two-loop recursion over the last m pairs
 * s_i = T(t eta), y_i = grad f(x_{i+1}) - T(grad f(x_i)), with the initial scaling
 * <s, y>/<y, y>; every stored vector is carried to the new tangent space by projection (the manifold's
 * transport). On a Euclidean space this is ordinary L-BFGS. The step satisfies the strong Wolfe conditions
 * from t = 1 ({@link WolfeLineSearch}: one evaluation of f and its gradient when t = 1 is accepted); when
 * that search fails (near the noise floor of f, or no step within its budget) it is an Armijo backtracking
 * with the gradient-norm fallback of {@link GradientDescent} ({@link LineStep}). A pair is stored only when
 * <s, y> > 1e-10 ||s|| ||y|| (the cautious update, which keeps H_k positive definite where the curvature
 * condition was not enforced); a direction that is not a descent direction clears the memory and falls
 * back to -grad f.
 */
public final class Lbfgs implements Solver {

    /** Default memory. */
    public static final int DEFAULT_MEMORY = 10;

    private final int memory;

    /** L-BFGS keeping the last {@code memory} >= 1 pairs. */
    public Lbfgs(int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("the L-BFGS memory must be >= 1, got " + memory);
        }
        this.memory = memory;
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    /** Work vectors of the problem's size kept for a memory of m pairs. */
    public static int workVectors(int m) {
        return 2 * m + 9;
    }

    @Override
    public Result minimize(Problem problem, double[] x0, StoppingCriterion stop, Trace trace) {
        Manifold m = problem.manifold();
        int n = problem.size();
        Iterates it = new Iterates(problem, x0);
        double[] eta = new double[n];
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0;
        int newest = -1;
        WolfeLineSearch wolfe = new WolfeLineSearch();
        LineStep line = new LineStep();
        StopReason reason;
        while ((reason = it.record(trace, stop)) == null) {
            double[] x = it.x;
            double[] rgrad = it.rgrad;
            double[] next = it.next;
            double[] nextRgrad = it.nextRgrad;
            double gn = it.gn;
            // two-loop recursion, newest pair first
            System.arraycopy(rgrad, 0, eta, 0, n);
            for (int c = 0; c < stored; c++) {
                int i = Math.floorMod(newest - c, memory);
                alpha[i] = rho[i] * m.inner(x, s[i], eta);
                axpy(-alpha[i], y[i], eta);
            }
            double gamma = 1.0;
            if (stored > 0) {
                gamma = 1.0 / (rho[newest] * m.inner(x, y[newest], y[newest]));
            } else {
                gamma = 1.0 / Math.max(gn, Double.MIN_NORMAL);
                gamma = Math.min(gamma, 1.0);
            }
            for (int i = 0; i < n; i++) {
                eta[i] *= -gamma;
            }
            for (int c = stored - 1; c >= 0; c--) {
                int i = Math.floorMod(newest - c, memory);
                double beta = rho[i] * m.inner(x, y[i], eta);
                axpy(-alpha[i] - beta, s[i], eta);
            }
            m.project(x, eta, eta);
            double slope = m.inner(x, rgrad, eta);
            if (!(slope < 0)) {
                stored = 0;
                scaledSteepest(rgrad, gn, eta);
                slope = m.inner(x, rgrad, eta);
            }
            double t;
            double cost;
            double newGn;
            if (wolfe.search(problem, x, it.f, eta, slope, 1.0, next, nextRgrad)) {
                it.evals += wolfe.evaluations;
                t = wolfe.t;
                cost = wolfe.cost;
                newGn = wolfe.gradNorm;
            } else if (wolfe.notFinite) {
                it.evals += wolfe.evaluations;
                reason = StopReason.NOT_FINITE;
                break;
            } else {
                it.evals += wolfe.evaluations;
                boolean ok = line.take(problem, x, it.f, gn, eta, slope, 1.0, next, nextRgrad);
                it.evals += line.evaluations;
                if (!ok && stored > 0) {
                    // the quasi-Newton direction failed: forget the memory and try steepest descent
                    stored = 0;
                    scaledSteepest(rgrad, gn, eta);
                    slope = m.inner(x, rgrad, eta);
                    ok = line.take(problem, x, it.f, gn, eta, slope, 1.0, next, nextRgrad);
                    it.evals += line.evaluations;
                }
                if (!ok) {
                    reason = Double.isFinite(line.gradNorm) || line.t == 0.0 ? StopReason.STEP_TOO_SMALL : StopReason.NOT_FINITE;
                    break;
                }
                t = line.t;
                cost = line.cost;
                newGn = line.gradNorm;
            }
            reason = it.accept(cost, newGn, t * m.norm(x, eta));
            if (reason != null) {
                break;
            }
            // x, rgrad and eta still belong to the previous iterate; next is now it.x
            // transport the memory to the new point, then form the new pair there
            for (int c = 0; c < stored; c++) {
                int i = Math.floorMod(newest - c, memory);
                m.transport(x, next, s[i], s[i]);
                m.transport(x, next, y[i], y[i]);
            }
            int slot = (newest + 1) % memory;
            double[] sn = s[slot];
            double[] yn = y[slot];
            for (int i = 0; i < n; i++) {
                sn[i] = t * eta[i];
            }
            m.transport(x, next, sn, sn);
            m.transport(x, next, rgrad, yn);
            for (int i = 0; i < n; i++) {
                yn[i] = nextRgrad[i] - yn[i];
            }
            double sy = m.inner(next, sn, yn);
            double ss = m.inner(next, sn, sn);
            double yy = m.inner(next, yn, yn);
            if (sy > 1e-10 * Math.sqrt(ss * yy) && sy > 0) {
                rho[slot] = 1.0 / sy;
                newest = slot;
                stored = Math.min(stored + 1, memory);
            }
        }
        return it.finish(name(), reason, trace);
    }

    /** eta = -g min(1, 1/||g||), the steepest-descent direction cut to length at most 1. */
    private static void scaledSteepest(double[] g, double gn, double[] eta) {
        double scale = Math.min(1.0, 1.0 / gn);
        for (int i = 0; i < g.length; i++) {
            eta[i] = -g[i] * scale;
        }
    }

    static void axpy(double a, double[] u, double[] acc) {
        for (int i = 0; i < u.length; i++) {
            acc[i] += a * u[i];
        }
    }
}
