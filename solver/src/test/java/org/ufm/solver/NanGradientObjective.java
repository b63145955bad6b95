package org.ufm.solver;

/**
 * (1/2)||x||^2 on R^2 with a NaN gradient inside the ball ||x|| &lt; 1/2 (the value stays finite there), where every
 * solver's first accepted step from (1, 0) lands: the stop rules must end with NOT_FINITE and a finite iterate.
 */
final class NanGradientObjective implements Objective {

    /** The one instance the tests share. */
    static final Objective INSTANCE = new NanGradientObjective();

    private NanGradientObjective() {
    }

    @Override
    public int ambientDimension() {
        return 2;
    }

    @Override
    public double value(double[] x) {
        return 0.5 * (x[0] * x[0] + x[1] * x[1]);
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
        boolean inside = x[0] * x[0] + x[1] * x[1] < 0.25;
        g[0] = inside ? Double.NaN : x[0];
        g[1] = inside ? Double.NaN : x[1];
        return value(x);
    }

    @Override
    public void hessianTimes(double[] x, double[] v, double[] out) {
        out[0] = v[0];
        out[1] = v[1];
    }
}
