package org.ufm.check;

/**
 * A least-squares line log10 E = a + s log10 t through the points {@code [from, to)} of an error curve,
 * and the rule that picks the window the slope s is read from.
 *
 * <p>The window rule: a point is <em>resolved</em> when E(t) exceeds its round-off floor. Among the
 * windows of {@code length} consecutive resolved points, the one with the <em>smallest</em> steps on
 * which log E is linear (root-mean-square residual of the fit at most {@code maxRms} decades) is chosen.
 * Taylor remainders are asymptotic as t -> 0, so the smallest resolved steps are where the slope means
 * something; the large-t regime is used only when nothing smaller is resolved. This deliberately differs
 * from "the window whose slope is closest to the expected one": a gradient with a small wrong term
 * (say a missing lambda = 5e-4) has E = c t + q t^2, slope 1 for small t and slope 2 for large t, and
 * that rule would pick the large-t window and accept it. If no window is linear, the most linear one is
 * returned with {@link #linear} false; if fewer than {@code length} consecutive points are resolved but
 * at least 3 are, the longest resolved run is fitted.
 */
public final class SlopeFit {

    /** First point of the window (inclusive). */
    public final int from;
    /** End of the window (exclusive). */
    public final int to;
    /** Fitted slope s. */
    public final double slope;
    /** Fitted intercept a (log10 E at t = 1). */
    public final double intercept;
    /** Root-mean-square residual of the fit, in decades. */
    public final double rms;
    /** Whether the fit met the linearity bound it was selected with. */
    public final boolean linear;

    private SlopeFit(int from, int to, double slope, double intercept, double rms, boolean linear) {
        this.from = from;
        this.to = to;
        this.slope = slope;
        this.intercept = intercept;
        this.rms = rms;
        this.linear = linear;
    }

    /** The least-squares line through (log10 t_i, log10 e_i) for i in [from, to), to - from >= 2, e_i > 0. */
    public static SlopeFit fit(double[] t, double[] e, int from, int to, double maxRms) {
        int n = to - from;
        if (n < 2) {
            throw new IllegalArgumentException("a line needs at least 2 points, got " + n);
        }
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            mx += Math.log10(t[i]);
            my += Math.log10(e[i]);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < to; i++) {
            double dx = Math.log10(t[i]) - mx;
            sxy += dx * (Math.log10(e[i]) - my);
            sxx += dx * dx;
        }
        double s = sxy / sxx;
        double a = my - s * mx;
        double ss = 0;
        for (int i = from; i < to; i++) {
            double r = Math.log10(e[i]) - (a + s * Math.log10(t[i]));
            ss += r * r;
        }
        double rms = Math.sqrt(ss / n);
        return new SlopeFit(from, to, s, a, rms, rms <= maxRms);
    }

    /**
     * Picks and fits the window by the rule in the class comment; returns null when fewer than 3
     * consecutive points are resolved (E(t) > floor(t) and finite).
     */
    public static SlopeFit select(double[] t, double[] e, double[] floor, int length, double maxRms) {
        int n = t.length;
        boolean[] resolved = new boolean[n];
        for (int i = 0; i < n; i++) {
            resolved[i] = Double.isFinite(e[i]) && e[i] > floor[i];
        }
        SlopeFit best = null;
        int run = 0;
        int bestRunStart = -1;
        int bestRunLength = 0;
        for (int i = 0; i < n; i++) {
            run = resolved[i] ? run + 1 : 0;
            if (run > bestRunLength) {
                bestRunLength = run;
                bestRunStart = i - run + 1;
            }
            if (run >= length) {
                SlopeFit f = fit(t, e, i - length + 1, i + 1, maxRms);
                if (f.linear) {
                    return f;
                }
                if (best == null || f.rms < best.rms) {
                    best = f;
                }
            }
        }
        if (best != null) {
            return best;
        }
        if (bestRunLength >= 3) {
            return fit(t, e, bestRunStart, bestRunStart + bestRunLength, maxRms);
        }
        return null;
    }
}
