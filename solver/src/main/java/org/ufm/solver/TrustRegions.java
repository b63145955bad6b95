package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * Riemannian trust regions (Absil, Baker, Gallivan 2007) with Steihaug-Toint truncated conjugate
 * gradients on Hessian-vector products, with Manopt's defaults: maximum radius Delta_bar = the
 * manifold's {@link Manifold#typicalDistance()} (pi sqrt(m) on the oblique manifold with m columns,
 * sqrt(dimension) on a Euclidean space), initial radius Delta_bar / 8, acceptance rho' = 0.1, and the
 * inner stopping rule ||r_j|| &lt;= ||r_0|| min(||r_0||^theta, kappa) with kappa = 0.1, theta = 1
 * (superlinear convergence). The radius shrinks by 4 when rho &lt; 1/4 and doubles (up to Delta_bar)
 * when rho > 3/4 and the inner solve reached the boundary or met negative curvature.
 *
 * <p>Near the noise floor the actual and predicted reductions are both of the order of the rounding
 * error of f; as Manopt does, both get the offset max(1, |f|) eps 1e3 before the ratio is formed, so
 * rho tends to 1 and the (Newton) step is accepted instead of the radius collapsing on noise.
 * Every outer iteration, accepted or not, is one trace row (a rejected step has step length 0). After
 * {@value #MAX_REJECTIONS} consecutive rejections the solver stops with STEP_TOO_SMALL.
 */
public final class TrustRegions implements Solver {

    /** Consecutive rejected steps after which the solver gives up. */
    static final int MAX_REJECTIONS = 40;
    /** Manopt's rho_regularization. */
    static final double RHO_REGULARIZATION = 1e3;

    private final double rhoPrime = 0.1;
    private final double kappa = 0.1;
    private final double theta = 1.0;

    @Override
    public String name() {
        return "tr";
    }

    /** Work vectors of the problem's size kept by the outer and inner iterations. */
    public static int workVectors() {
        return 14;
    }

    @Override
    public Result minimize(Problem problem, double[] x0, StoppingCriterion stop, Trace trace) {
        Manifold m = problem.manifold();
        int n = problem.size();
        Iterates it = new Iterates(problem, x0, true);
        double[] eta = new double[n];
        double[] hEta = new double[n];
        double[] r = new double[n];
        double[] delta = new double[n];
        double[] hDelta = new double[n];
        double[] work = new double[n];
        double deltaBar = m.typicalDistance();
        double radius = deltaBar / 8;
        int maxInner = Math.max(1, m.dimension());
        int rejections = 0;
        StopReason reason;
        while ((reason = it.record(trace, stop)) == null) {
            double[] x = it.x;
            double f = it.f;
            boolean boundary = truncatedCg(problem, x, it.egrad, it.rgrad, it.gn, radius, maxInner, eta, hEta, r, delta,
                    hDelta, work);
            m.retract(x, eta, 1.0, it.next);
            double fNext = problem.cost(it.next);
            double gEta = m.inner(x, it.rgrad, eta);
            double etaHEta = m.inner(x, eta, hEta);
            double offset = Math.max(1.0, Math.abs(f)) * Math.ulp(1.0) * RHO_REGULARIZATION;
            double num = f - fNext + offset;
            double den = -gEta - 0.5 * etaHEta + offset;
            double rho = num / den;
            boolean modelDecreased = den >= 0;
            double etaNorm = m.norm(x, eta);
            if (!(rho >= 0.25) || !modelDecreased) {
                radius /= 4;
            } else if (rho > 0.75 && boundary) {
                radius = Math.min(2 * radius, deltaBar);
            }
            if (modelDecreased && rho > rhoPrime && Double.isFinite(fNext)) {
                double fn = problem.costAndGradient(it.next, it.nextEgrad, it.nextRgrad);
                reason = it.accept(fn, m.norm(it.next, it.nextRgrad), etaNorm);
                if (reason != null) {
                    break;
                }
                rejections = 0;
            } else {
                it.step = 0.0;
                it.k++;
                if (++rejections >= MAX_REJECTIONS) {
                    trace.add(new IterationRecord(it.k, it.f, it.gn, it.step, it.seconds(), it.evaluations()), x);
                    reason = StopReason.STEP_TOO_SMALL;
                    break;
                }
            }
        }
        return it.finish(name(), reason, trace);
    }

    /**
     * Steihaug-Toint truncated CG for min_eta &lt;g, eta> + &lt;eta, Hess eta>/2 over ||eta|| &lt;= radius, from
     * eta = 0; writes eta and Hess eta; returns true when it stopped on the boundary or on negative curvature.
     */
    boolean truncatedCg(Problem problem, double[] x, double[] egrad, double[] grad, double gn, double radius,
                        int maxInner, double[] eta, double[] hEta, double[] r, double[] delta, double[] hDelta,
                        double[] work) {
        Manifold m = problem.manifold();
        int n = grad.length;
        java.util.Arrays.fill(eta, 0.0);
        java.util.Arrays.fill(hEta, 0.0);
        System.arraycopy(grad, 0, r, 0, n);
        double rr = gn * gn;
        double r0 = gn;
        for (int i = 0; i < n; i++) {
            delta[i] = -r[i];
        }
        double eta2 = 0.0;
        double etaDelta = 0.0;
        double delta2 = rr;
        double target = r0 * Math.min(Math.pow(r0, theta), kappa);
        if (!(delta2 > 0)) {
            return false; // zero gradient: eta = 0 (a first-order method cannot leave a critical point)
        }
        for (int j = 0; j < maxInner; j++) {
            problem.hessian(x, egrad, delta, hDelta, work);
            double dHd = m.inner(x, delta, hDelta);
            double alpha = rr / dHd;
            double eta2New = eta2 + 2 * alpha * etaDelta + alpha * alpha * delta2;
            if (!(dHd > 0) || eta2New >= radius * radius) {
                double tau = (-etaDelta + Math.sqrt(etaDelta * etaDelta + delta2 * (radius * radius - eta2))) / delta2;
                axpy(tau, delta, eta);
                axpy(tau, hDelta, hEta);
                return true;
            }
            axpy(alpha, delta, eta);
            axpy(alpha, hDelta, hEta);
            eta2 = eta2New;
            axpy(alpha, hDelta, r);
            m.project(x, r, r);
            double rrNew = m.inner(x, r, r);
            if (Math.sqrt(rrNew) <= target) {
                return false;
            }
            double beta = rrNew / rr;
            rr = rrNew;
            for (int i = 0; i < n; i++) {
                delta[i] = -r[i] + beta * delta[i];
            }
            m.project(x, delta, delta);
            etaDelta = beta * (etaDelta + alpha * delta2);
            delta2 = rr + beta * beta * delta2;
        }
        return false;
    }

    /** acc += a u. */
    private static void axpy(double a, double[] u, double[] acc) {
        for (int i = 0; i < u.length; i++) {
            acc[i] += a * u[i];
        }
    }
}
