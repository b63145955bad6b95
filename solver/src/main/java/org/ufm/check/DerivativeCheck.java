package org.ufm.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ufm.manifold.Manifold;
import org.ufm.solver.Problem;

/**
 * Taylor checks of a problem's Riemannian gradient and Hessian, as Manopt's checkgradient and
 * checkhessian. Along the retraction curve y(t) = R_x(t v) of a tangent v:
 * <ul>
 * <li>gradient: E(t) = |f(y(t)) - f(x) - t &lt;grad f(x), v&gt;| = O(t^2) for any retraction;</li>
 * <li>Hessian: E(t) = |f(y(t)) - f(x) - t &lt;grad f(x), v&gt; - (t^2/2) &lt;v, Hess f(x)[v]&gt;| = O(t^3).
 * The t^2 coefficient of f(y(t)) is (1/2)&lt;v, Hess f[v]&gt; + (1/2)&lt;grad f, y''(0)&gt;, so this needs a
 * second-order retraction (y''(0) normal to T_x, which grad f is orthogonal to). The normalisation
 * retraction (x + v)/||x + v|| of spheres and oblique manifolds is one (SPEC.md 2.3), x + v is exact,
 * and {@link RetractionCheck} tests it for any manifold whose exponential map is known.</li>
 * </ul>
 * When the Hessian's value curve is {@link Verdict#INCONCLUSIVE} (large problems: f's round-off swamps the
 * t^3 term), the Hessian is judged instead by gradient differences,
 * E(t) = ||P_x(grad f(R_x(t v))) - grad f(x) - t Hess f(x)[v]|| = O(t^2) for any retraction (the
 * derivative of the projected gradient along the curve is the Riemannian Hessian of an embedded
 * submanifold), which assumes a correct gradient (checked separately) and compares vectors, not sums.
 * A wrong derivative leaves a term of lower order, so the slope of log E against log t drops to 1
 * (gradient) or 2 (Hessian). Extra conditions: the gradient and Hess f[v] are tangent (projecting them
 * moves them by at most {@link #TANGENCY_TOLERANCE}, relative to the size of their Euclidean sources),
 * and the Hessian is symmetric: |&lt;u, H v&gt; - &lt;H u, v&gt;| &lt;= {@link #SYMMETRY_TOLERANCE}
 * (||u|| ||H v|| + ||H u|| ||v||). Round-off floor and grid extension: {@link ErrorCurve}.
 */
public final class DerivativeCheck {

    /** Relative tangency tolerance of grad f and Hess f[v]. */
    public static final double TANGENCY_TOLERANCE = 1e-12;
    /** Relative symmetry tolerance of the Hessian. */
    public static final double SYMMETRY_TOLERANCE = 1e-10;
    private DerivativeCheck() {
    }

    /** Gradient check at x along the tangent v on the standard grid, extended upward when needed. */
    public static CheckResult gradient(Problem p, double[] x, double[] v) {
        return gradient(p, x, v, StepGrid.standard(), true);
    }

    /** Gradient check at x along the tangent v on the given increasing steps (extended upward when {@code extend}). */
    public static CheckResult gradient(Problem p, double[] x, double[] v, double[] steps, boolean extend) {
        Manifold m = p.manifold();
        requirePointAndTangent(m, x, v);
        int n = p.size();
        double[] egrad = new double[n];
        double[] grad = new double[n];
        double f0 = p.costAndGradient(x, egrad, grad);
        double slope0 = m.inner(x, grad, v);
        double[] y = new double[n];
        ErrorCurve c = ErrorCurve.sample((t, out) -> {
            m.retract(x, v, t, y);
            double f = p.cost(y);
            out[0] = Math.abs(f - f0 - t * slope0);
            out[1] = Math.abs(f) + Math.abs(f0) + Math.abs(t * slope0);
            out[2] = f;
        }, steps, extend);
        Map<String, Double> diag = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        double tangency = tangency(m, x, grad, norm(egrad));
        diag.put("tangency", tangency);
        diag.put("gradNorm", m.norm(x, grad));
        diag.put("directionalDerivative", slope0);
        if (!(tangency <= TANGENCY_TOLERANCE)) {
            failures.add(String.format(Locale.ROOT, "gradient not tangent: projecting it moves it by %.1e (relative) > %.0e",
                    tangency, TANGENCY_TOLERANCE));
        }
        diag.put("noise", c.noise);
        return CheckResult.judge("gradient", 2.0, c.t, c.e, c.floor, diag, failures);
    }

    /** Hessian check at x along the tangent v, symmetry tested against the tangent u, standard grid (extended). */
    public static CheckResult hessian(Problem p, double[] x, double[] v, double[] u) {
        return hessian(p, x, v, u, StepGrid.standard(), true);
    }

    /** Hessian check at x along v, symmetry against u, on the given steps (extended upward when {@code extend}). */
    public static CheckResult hessian(Problem p, double[] x, double[] v, double[] u, double[] steps, boolean extend) {
        Manifold m = p.manifold();
        requirePointAndTangent(m, x, v);
        requirePointAndTangent(m, x, u);
        int n = p.size();
        double[] egrad = new double[n];
        double[] grad = new double[n];
        double f0 = p.costAndGradient(x, egrad, grad);
        double[] hv = new double[n];
        double[] hu = new double[n];
        double[] ehv = new double[n];
        double[] ehu = new double[n];
        p.hessian(x, egrad, v, hv, ehv);
        p.hessian(x, egrad, u, hu, ehu);
        double g1 = m.inner(x, grad, v);
        double g2 = 0.5 * m.inner(x, v, hv);
        double[] y = new double[n];
        ErrorCurve c = ErrorCurve.sample((t, out) -> {
            m.retract(x, v, t, y);
            double f = p.cost(y);
            out[0] = Math.abs(f - f0 - t * g1 - t * t * g2);
            out[1] = Math.abs(f) + Math.abs(f0) + Math.abs(t * g1) + Math.abs(t * t * g2);
            out[2] = f;
        }, steps, extend);
        double uhv = m.inner(x, u, hv);
        double huv = m.inner(x, hu, v);
        double scale = m.norm(x, u) * m.norm(x, hv) + m.norm(x, hu) * m.norm(x, v);
        double symmetry = scale == 0 ? 0.0 : Math.abs(uhv - huv) / scale;
        double tangency = Math.max(tangency(m, x, hv, norm(ehv)), tangency(m, x, hu, norm(ehu)));
        Map<String, Double> diag = new LinkedHashMap<>();
        diag.put("symmetry", symmetry);
        diag.put("tangency", tangency);
        diag.put("curvature", 2 * g2);
        List<String> failures = new ArrayList<>();
        if (!(symmetry <= SYMMETRY_TOLERANCE)) {
            failures.add(String.format(Locale.ROOT, "Hessian not symmetric: |<u,Hv> - <Hu,v>| = %.1e (relative) > %.0e",
                    symmetry, SYMMETRY_TOLERANCE));
        }
        if (!(tangency <= TANGENCY_TOLERANCE)) {
            failures.add(String.format(Locale.ROOT, "Hessian output not tangent: projecting it moves it by %.1e "
                    + "(relative) > %.0e", tangency, TANGENCY_TOLERANCE));
        }
        diag.put("noise", c.noise);
        CheckResult byValues = CheckResult.judge("hessian", 3.0, c.t, c.e, c.floor, diag, failures);
        if (byValues.verdict() != Verdict.INCONCLUSIVE) {
            return byValues;
        }
        CheckResult byGradients = hessianByGradients(p, x, v, steps, extend, diag, failures);
        SlopeFit f = byValues.fit();
        return byGradients.withReason(String.format(Locale.ROOT, "function values inconclusive (slope %.2f, rms %.2f "
                + "decades on t in [%.1e, %.1e]); by gradient differences: %s", f.slope, f.rms, byValues.windowMin(),
                byValues.windowMax(), byGradients.reason()), "gradient differences");
    }

    /**
     * Hessian check by gradient differences alone (see the class comment), expected slope 2, on the given
     * steps (extended upward when {@code extend}); no symmetry or tangency conditions.
     */
    public static CheckResult hessianByGradients(Problem p, double[] x, double[] v, double[] steps, boolean extend) {
        requirePointAndTangent(p.manifold(), x, v);
        return hessianByGradients(p, x, v, steps, extend, new LinkedHashMap<>(), List.of());
    }

    private static CheckResult hessianByGradients(Problem p, double[] x, double[] v, double[] steps, boolean extend,
                                                  Map<String, Double> diag, List<String> failures) {
        Manifold m = p.manifold();
        int n = p.size();
        double[] egrad = new double[n];
        double[] grad = new double[n];
        p.costAndGradient(x, egrad, grad);
        double[] hv = new double[n];
        p.hessian(x, egrad, v, hv, new double[n]);
        double[] y = new double[n];
        double[] gy = new double[n];
        double[] ey = new double[n];
        double[] pg = new double[n];
        double hvNorm = m.norm(x, hv);
        double gNorm = m.norm(x, grad);
        ErrorCurve d = ErrorCurve.sample((t, out) -> {
            m.retract(x, v, t, y);
            p.costAndGradient(y, ey, gy);
            m.project(x, gy, pg);
            double sq = 0;
            for (int k = 0; k < n; k++) {
                double r = pg[k] - grad[k] - t * hv[k];
                sq += r * r;
            }
            out[0] = Math.sqrt(sq);
            out[1] = norm(pg) + gNorm + t * hvNorm;
            out[2] = Double.NaN;
        }, steps, extend);
        CheckResult r = CheckResult.judge("hessian", 2.0, d.t, d.e, d.floor, diag, failures);
        return r.withReason(r.reason(), "gradient differences");
    }

    /** ||P_x(w) - w|| / max(||w||, sourceNorm), 0 when both vanish. */
    static double tangency(Manifold m, double[] x, double[] w, double sourceNorm) {
        double[] pw = new double[w.length];
        m.project(x, w, pw);
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            double d = pw[i] - w[i];
            s += d * d;
        }
        double scale = Math.max(norm(w), sourceNorm);
        return scale == 0 ? 0.0 : Math.sqrt(s) / scale;
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** Throws IllegalArgumentException unless x is on m (to 1e-10) and v is a nonzero tangent at x (to 1e-10). */
    static void requirePointAndTangent(Manifold m, double[] x, double[] v) {
        int n = m.ambientDimension();
        if (x.length != n || v.length != n) {
            throw new IllegalArgumentException("point and direction must have length " + n);
        }
        double drift = m.constraintViolation(x);
        if (!(drift <= 1e-10)) {
            throw new IllegalArgumentException("the point is off the manifold by " + drift);
        }
        double nv = norm(v);
        if (!(nv > 0) || !Double.isFinite(nv)) {
            throw new IllegalArgumentException("the direction must be a finite nonzero tangent vector");
        }
        double[] pv = new double[n];
        m.project(x, v, pv);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (pv[i] - v[i]) * (pv[i] - v[i]);
        }
        if (!(Math.sqrt(s) <= 1e-10 * nv)) {
            throw new IllegalArgumentException("the direction is not tangent at the point");
        }
    }
}
