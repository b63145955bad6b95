package org.ufm.solver;

import java.util.Locale;
import org.ufm.manifold.Manifold;

/**
 * Riemannian nonlinear conjugate gradients (Absil, Mahony, Sepulchre 2008, 8.3; Manopt's
 * conjugategradient): eta_{k+1} = -g_{k+1} + beta_k T(eta_k), transport by projection, with
 * beta by Fletcher-Reeves ||g_{k+1}||^2/||g_k||^2, Polak-Ribiere+ max(0, &lt;g_{k+1}, y>/||g_k||^2) or
 * Hestenes-Stiefel &lt;g_{k+1}, y>/&lt;T eta_k, y>, y = g_{k+1} - T g_k. The direction restarts at -g when it
 * is not a descent direction or every {@code dimension} iterations. The step is an Armijo backtracking
 * whose first trial is twice the last accepted step, with the gradient-norm fallback of
 * {@link GradientDescent} near the noise floor (see {@link LineStep}).
 */
public final class ConjugateGradient implements Solver {

    /** The rule for beta. */
    public enum Rule {
        FR, PRP_PLUS, HS;

        /** Parses "fr", "prp+", "hs". */
        public static Rule parse(String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "fr":
                    return FR;
                case "prp+":
                case "prp":
                    return PRP_PLUS;
                case "hs":
                    return HS;
                default:
                    throw new IllegalArgumentException("unknown CG rule '" + s + "' (one of fr, prp+, hs)");
            }
        }
    }

    private final Rule rule;

    /** CG with the given beta rule. */
    public ConjugateGradient(Rule rule) {
        this.rule = rule;
    }

    @Override
    public String name() {
        return "cg";
    }

    /** Work vectors of the problem's size. */
    public static int workVectors() {
        return 9;
    }

    @Override
    public Result minimize(Problem problem, double[] x0, StoppingCriterion stop, Trace trace) {
        Manifold m = problem.manifold();
        int n = problem.size();
        int restartEvery = Math.max(1, m.dimension());
        Iterates it = new Iterates(problem, x0);
        double[] eta = new double[n];
        double[] tg = new double[n];
        LineStep line = new LineStep();
        it.negativeGradient(eta);
        double lastT = Math.min(1.0, 1.0 / Math.max(it.gn, Double.MIN_NORMAL));
        int sinceRestart = 0;
        StopReason reason;
        while ((reason = it.record(trace, stop)) == null) {
            double[] x = it.x;
            double[] g = it.rgrad;
            double[] next = it.next;
            double[] nextRgrad = it.nextRgrad;
            double gn = it.gn;
            double slope = m.inner(x, g, eta);
            if (!(slope < 0)) {
                it.negativeGradient(eta);
                slope = -gn * gn;
                sinceRestart = 0;
            }
            boolean ok = line.take(problem, x, it.f, gn, eta, slope, 2 * lastT, next, nextRgrad);
            if (!ok && sinceRestart > 0) {
                it.negativeGradient(eta);
                sinceRestart = 0;
                ok = line.take(problem, x, it.f, gn, eta, -gn * gn, 2 * lastT, next, nextRgrad);
            }
            if (!ok) {
                reason = line.failureReason();
                break;
            }
            double t = line.t;
            lastT = t;
            double gnNext = line.gradNorm;
            reason = it.accept(line.cost, gnNext, t * m.norm(x, eta));
            if (reason != null) {
                break;
            }
            // x, g and eta still belong to the previous iterate; next is now it.x
            m.transport(x, next, g, tg);
            m.transport(x, next, eta, eta);
            double beta;
            switch (rule) {
                case FR:
                    beta = gnNext * gnNext / (gn * gn);
                    break;
                case PRP_PLUS: {
                    double gy = gnNext * gnNext - m.inner(next, nextRgrad, tg);
                    beta = Math.max(0.0, gy / (gn * gn));
                    break;
                }
                default: {
                    double gy = gnNext * gnNext - m.inner(next, nextRgrad, tg);
                    double dy = m.inner(next, eta, nextRgrad) - m.inner(next, eta, tg);
                    beta = dy != 0 ? gy / dy : 0.0;
                    break;
                }
            }
            if (!Double.isFinite(beta)) {
                beta = 0.0;
            }
            sinceRestart++;
            if (sinceRestart >= restartEvery) {
                beta = 0.0;
                sinceRestart = 0;
            }
            for (int i = 0; i < n; i++) {
                eta[i] = -nextRgrad[i] + beta * eta[i];
            }
        }
        return it.finish(name(), reason, trace);
    }
}
