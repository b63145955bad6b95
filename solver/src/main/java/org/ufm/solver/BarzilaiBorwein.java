package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * Riemannian Barzilai-Borwein gradient descent with the nonmonotone line search of Zhang and Hager
 * (2004), as in Iannazzo and Porcelli (2018): the first trial step along -grad f is the BB1 step
 * alpha = &lt;s, s>/&lt;s, y> with s = T(x_{k+1} - x_k direction), y = grad f(x_{k+1}) - T(grad f(x_k)) (transport
 * by projection), clipped to [1e-10, 1e10] (alpha = 1/||grad f|| at the start or when &lt;s, y> &lt;= 0); it is
 * backtracked until f(R_x(-t grad f)) &lt;= C_k - c1 t ||grad f||^2, where C_k is the reference value
 * C_{k+1} = (eta Q_k C_k + f_{k+1})/Q_{k+1}, Q_{k+1} = eta Q_k + 1, eta = 0.85. Near the noise floor it
 * uses the gradient-norm fallback of {@link GradientDescent} (see {@link LineStep}).
 */
public final class BarzilaiBorwein implements Solver {

    /** Zhang-Hager averaging weight. */
    static final double ETA = 0.85;
    static final double MIN_STEP = 1e-10;
    static final double MAX_STEP = 1e10;

    @Override
    public String name() {
        return "bb";
    }

    /** Work vectors of the problem's size. */
    public static int workVectors() {
        return 9;
    }

    @Override
    public Result minimize(Problem problem, double[] x0, StoppingCriterion stop, Trace trace) {
        Manifold m = problem.manifold();
        int n = problem.size();
        Iterates it = new Iterates(problem, x0);
        double[] eta = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        LineStep line = new LineStep();
        double c = it.f;
        double q = 1.0;
        double alpha = Math.min(1.0, 1.0 / Math.max(it.gn, Double.MIN_NORMAL));
        StopReason reason;
        while ((reason = it.record(trace, stop)) == null) {
            double[] x = it.x;
            double[] g = it.rgrad;
            double[] next = it.next;
            double[] nextRgrad = it.nextRgrad;
            it.negativeGradient(eta);
            boolean ok = line.take(problem, x, Math.max(c, it.f), it.gn, eta, -it.gn * it.gn, alpha, next, nextRgrad);
            if (!ok) {
                reason = line.failureReason();
                break;
            }
            double t = line.t;
            reason = it.accept(line.cost, line.gradNorm, t * it.gn);
            if (reason != null) {
                break;
            }
            // x and g still hold the previous iterate and gradient; next is now it.x
            for (int i = 0; i < n; i++) {
                s[i] = t * eta[i];
            }
            m.transport(x, next, s, s);
            m.transport(x, next, g, y);
            for (int i = 0; i < n; i++) {
                y[i] = nextRgrad[i] - y[i];
            }
            double sy = m.inner(next, s, y);
            double ss = m.inner(next, s, s);
            alpha = sy > 0 ? Math.min(MAX_STEP, Math.max(MIN_STEP, ss / sy)) : Math.min(1.0, 1.0 / Math.max(it.gn, Double.MIN_NORMAL));
            double qNext = ETA * q + 1;
            c = (ETA * q * c + it.f) / qNext;
            q = qNext;
        }
        return it.finish(name(), reason, trace);
    }
}
