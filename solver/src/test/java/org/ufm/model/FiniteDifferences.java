package org.ufm.model;

import org.ufm.solver.Objective;
import org.ufm.manifold.Manifold;

/** Central finite differences along retraction curves, for tests of derivatives. */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** (f(R_x(h v)) - f(R_x(-h v))) / (2h): the directional derivative of f at x along the tangent v. */
    public static double directional(Objective f, Manifold m, double[] x, double[] v, double h) {
        double[] p = new double[x.length];
        double[] q = new double[x.length];
        m.retract(x, v, h, p);
        m.retract(x, v, -h, q);
        return (f.value(p) - f.value(q)) / (2 * h);
    }

    /** (grad f(x + h v) - grad f(x - h v)) / (2h), Euclidean: a finite-difference Hessian-vector product. */
    public static double[] hessianTimes(Objective f, double[] x, double[] v, double h) {
        int n = x.length;
        double[] p = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = x[i] + h * v[i];
            q[i] = x[i] - h * v[i];
        }
        double[] gp = new double[n];
        double[] gq = new double[n];
        f.valueAndGradient(p, gp);
        f.valueAndGradient(q, gq);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = (gp[i] - gq[i]) / (2 * h);
        }
        return out;
    }

    /** Euclidean inner product. */
    public static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Euclidean norm. */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
