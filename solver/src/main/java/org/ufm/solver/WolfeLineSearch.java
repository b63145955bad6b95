package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * Line search for the strong Wolfe conditions along a descent direction eta at x (Nocedal and Wright,
 * Algorithms 3.5 and 3.6, as SciPy's {@code line_search_wolfe2}): with phi(t) = f(R_x(t eta)) and
 * phi'(t) = &lt;grad f(R_x(t eta)), eta&gt; (eta carried to the new point by projection, the transport of
 * {@link Lbfgs}; exact on a Euclidean space), accept t when
 * phi(t) &lt;= phi(0) + c1 t phi'(0) and |phi'(t)| &lt;= c2 |phi'(0)|, c1 = 1e-4, c2 = 0.9.
 * Every trial evaluates f and its gradient together, so an accepted first trial (the rule for L-BFGS's
 * t = 1) costs one evaluation. Until a bracket is found the trial step grows by the secant of phi'
 * ({@link #extrapolate}); brackets are shrunk by safeguarded cubic interpolation.
 *
 * <p>Near a minimiser the decrease c1 t |phi'(0)| falls below the rounding error eps = {@link ArmijoLineSearch#NOISE}
 * |f| of f. As in Hager and Zhang's approximate Wolfe conditions, comparisons of values of f then allow eps
 * (phi(t) &lt;= phi(0) + c1 t phi'(0) + eps), and the curvature condition, which rests on the gradient
 * alone, decides: a step may raise f by at most eps. When no step is found within {@value #MAX_TRIALS}
 * trials the search fails and the caller falls back on {@link LineStep} (Armijo with the gradient-norm
 * fallback). A trial point where f or the gradient is not finite ends the search ({@link #notFinite}): the
 * solver stops with NOT_FINITE at its last finite iterate, as the Armijo-based solvers do.
 */
final class WolfeLineSearch {

    /** Sufficient-decrease constant c1. */
    static final double C1 = 1e-4;
    /** Curvature constant c2 (0.9: the quasi-Newton choice). */
    static final double C2 = 0.9;
    /** Smallest growth of an unbracketed trial step. */
    static final double MIN_GROWTH = 2.0;
    /**
     * Largest growth of an unbracketed trial step; below it the secant of {@link #extrapolate} decides (SciPy's dcsrch
     * allows 5). CE at K=1000, n=20, d=512: 15 evaluations to the gap 1e-10 with 100, 17 with 10, 19 with 4, 24 with
     * plain doubling; at K=100 (CE and sphere, n=20 and 100) the four runs took 271 evaluations in all against 285.
     */
    static final double MAX_GROWTH = 100.0;
    /** Largest number of trials (evaluations) per search. */
    static final int MAX_TRIALS = 20;

    /** Accepted step. */
    double t;
    /** f at the accepted point. */
    double cost;
    /** Riemannian gradient norm at the accepted point. */
    double gradNorm;
    /** Evaluations spent by the last call. */
    long evaluations;
    /** True when the last call stopped at a trial point where f or its gradient was not finite (NOT_FINITE). */
    boolean notFinite;

    /**
     * Searches from x (f(x) = f0, slope = &lt;grad f(x), eta&gt; &lt; 0) with first trial t0; on success returns
     * true with the accepted point and its Riemannian gradient in next and nextRgrad.
     */
    boolean search(Problem problem, double[] x, double f0, double[] eta, double slope, double t0,
                   double[] next, double[] nextRgrad) {
        Manifold m = problem.manifold();
        evaluations = 0;
        notFinite = false;
        double noise = ArmijoLineSearch.NOISE * Math.max(1.0, Math.abs(f0));
        double lo = 0.0;
        double fLo = f0;
        double dLo = slope;
        double tt = t0;
        double hi = Double.NaN;
        double fHi = Double.NaN;
        double dHi = Double.NaN;
        boolean bracketed = false;
        double ahead = 2.0 * tt; // the next unbracketed trial, set by every trial that leaves the bracket open
        while (evaluations < MAX_TRIALS) {
            m.retract(x, eta, tt, next);
            double f = problem.costAndGradient(next, nextRgrad);
            evaluations++;
            double d = m.inner(next, nextRgrad, eta);
            if (!Double.isFinite(f) || !Double.isFinite(d)) {
                notFinite = true;
                return false;
            }
            if (f > f0 + C1 * tt * slope + noise || (bracketed || lo > 0) && f > fLo + noise) {
                hi = tt;
                fHi = f;
                dHi = d;
                bracketed = true;
            } else {
                if (Math.abs(d) <= -C2 * slope) {
                    return accept(m, tt, f, next, nextRgrad);
                }
                if (bracketed && d * (hi - tt) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    dHi = dLo;
                } else if (!bracketed && d >= 0) {
                    hi = lo;
                    fHi = fLo;
                    dHi = dLo;
                    bracketed = true;
                }
                ahead = extrapolate(lo, dLo, tt, d);
                lo = tt;
                fLo = f;
                dLo = d;
            }
            if (bracketed) {
                tt = interpolate(lo, fLo, dLo, hi, fHi, dHi);
                if (Math.abs(hi - lo) <= 1e-12 * Math.max(lo, hi)) {
                    return false;
                }
            } else {
                tt = ahead;
            }
        }
        return false;
    }

    private boolean accept(Manifold m, double tt, double f, double[] next, double[] nextRgrad) {
        t = tt;
        cost = f;
        gradNorm = m.norm(next, nextRgrad);
        return Double.isFinite(gradNorm);
    }

    /**
     * The next trial beyond b while phi still descends there (phi'(a) = da, phi'(b) = db &lt; 0, 0 &lt;= a &lt; b): the zero
     * of the secant of phi' through a and b when phi' grows (exact on a quadratic), else the largest growth; kept in
     * [{@value #MIN_GROWTH} b, {@value #MAX_GROWTH} b], so that steps still grow geometrically and an overshoot stays
     * bounded (it is bracketed and interpolated back).
     */
    static double extrapolate(double a, double da, double b, double db) {
        double t = db > da ? b + (b - a) * (-db) / (db - da) : MAX_GROWTH * b;
        if (!(t >= MIN_GROWTH * b)) {
            return MIN_GROWTH * b;
        }
        return Math.min(t, MAX_GROWTH * b);
    }

    /**
     * The minimiser of the cubic through (a, fa, da) and (b, fb, db), kept within the middle 80 % of [a, b]
     * (bisection when the cubic has no minimiser there or a value is not finite).
     */
    static double interpolate(double a, double fa, double da, double b, double fb, double db) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        double w = hi - lo;
        double mid = 0.5 * (a + b);
        if (!Double.isFinite(fb) || !Double.isFinite(db) || !Double.isFinite(fa) || !Double.isFinite(da)) {
            return mid;
        }
        double d1 = da + db - 3.0 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) {
            return mid;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        double c = b - (b - a) * (db + d2 - d1) / (db - da + 2.0 * d2);
        if (!Double.isFinite(c) || c < lo + 0.1 * w || c > hi - 0.1 * w) {
            return mid;
        }
        return c;
    }
}
