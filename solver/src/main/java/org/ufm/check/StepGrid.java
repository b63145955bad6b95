package org.ufm.check;

/** Step sizes of the Taylor checks: n log-spaced points t_i = 10^(lo + (hi - lo) i / (n - 1)), increasing. */
public final class StepGrid {

    /** Default number of steps (Manopt's checkgradient also uses 51 points on [1e-8, 1]). */
    public static final int POINTS = 51;
    /** Default smallest step. */
    public static final double T_MIN = 1e-8;
    /** Default largest step. */
    public static final double T_MAX = 1.0;

    private StepGrid() {
    }

    /** The default grid: 51 points from 1e-8 to 1. */
    public static double[] standard() {
        return logSpaced(T_MIN, T_MAX, POINTS);
    }

    /** n >= 2 points log-spaced from tMin to tMax (both > 0, tMin &lt; tMax), endpoints exact. */
    public static double[] logSpaced(double tMin, double tMax, int n) {
        if (!(tMin > 0) || !(tMax > tMin) || n < 2) {
            throw new IllegalArgumentException("need 0 < tMin < tMax and n >= 2, got " + tMin + ", " + tMax + ", " + n);
        }
        double lo = Math.log10(tMin);
        double hi = Math.log10(tMax);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.pow(10.0, lo + (hi - lo) * i / (n - 1));
        }
        t[0] = tMin;
        t[n - 1] = tMax;
        return t;
    }
}
