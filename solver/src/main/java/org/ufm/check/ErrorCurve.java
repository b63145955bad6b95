package org.ufm.check;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * An error curve E(t_i) sampled on increasing steps together with its round-off floor.
 *
 * <p>Floor: floor_i = max({@link #FLOOR_FACTOR} eps m_i, {@link #NOISE_FACTOR} sigma), where m_i is the
 * magnitude of the terms E(t_i) is the difference of, and sigma the measured noise of the function
 * values: the root-mean-square residual of a least-squares quadratic a + b t + c t^2 through the first
 * {@link #NOISE_POINTS} values f(R_x(t_i v)) (t &lt;= 1e-6 on the standard grid, where the cubic term is
 * far below round-off, so the residual is round-off alone whatever the derivatives are). The measured
 * noise matters for sums of many terms, whose round-off is well above eps |f|.
 *
 * <p>Extension: on the standard grid, when E is resolved (above its floor) somewhere but fewer than
 * {@link CheckResult#WINDOW} + 2 of the largest steps are, the grid is continued upward with the same
 * spacing up to {@link #T_LIMIT}: for a unit direction in a space of dimension 10^4 the Taylor remainder
 * may emerge from round-off only near t = 1. A curve at round-off on the whole standard grid is not
 * extended: the model is then exact to round-off up to t = 1 (e.g. a saturated softmax, whose
 * higher derivatives vanish to machine precision), and beyond the Taylor regime there is nothing to fit.
 */
final class ErrorCurve {

    /** Floor in units of eps times the magnitude of the terms. */
    static final double FLOOR_FACTOR = 100.0;
    /** Floor in units of the measured noise of the function values. */
    static final double NOISE_FACTOR = 20.0;
    /** Number of smallest steps the noise is measured on. */
    static final int NOISE_POINTS = 13;
    /** Largest step of an extended grid. */
    static final double T_LIMIT = 1e4;

    /** Samples the curve at one step. */
    interface Sampler {
        /**
         * Fills out[0] = E(t), out[1] = magnitude of the terms E is the difference of, out[2] = the function
         * value whose round-off is measured (NaN when none).
         */
        void sample(double t, double[] out);
    }

    final double[] t;
    final double[] e;
    final double[] floor;
    final double noise;

    private ErrorCurve(double[] t, double[] e, double[] floor, double noise) {
        this.t = t;
        this.e = e;
        this.floor = floor;
        this.noise = noise;
    }

    /** Samples s on the steps (extended upward when {@code extend}, see the class comment). */
    static ErrorCurve sample(Sampler s, double[] steps, boolean extend) {
        int cap = steps.length + (extend ? 64 : 0);
        double[] t = Arrays.copyOf(steps, cap);
        double[] e = new double[cap];
        double[] mag = new double[cap];
        double[] raw = new double[cap];
        double[] out = new double[3];
        for (int i = 0; i < steps.length; i++) {
            s.sample(t[i], out);
            e[i] = out[0];
            mag[i] = out[1];
            raw[i] = out[2];
        }
        double noise = noise(t, raw, Math.min(NOISE_POINTS, steps.length));
        int n = steps.length;
        double ratio = steps.length >= 2 ? steps[n - 1] / steps[n - 2] : 10.0;
        boolean anyResolved = false;
        for (int i = 0; i < n; i++) {
            anyResolved |= Double.isFinite(e[i]) && e[i] > floor(mag[i], noise);
        }
        while (extend && anyResolved && n < cap && t[n - 1] * ratio <= T_LIMIT * (1 + 1e-9)
                && topRun(e, mag, noise, n) < CheckResult.WINDOW + 2) {
            t[n] = t[n - 1] * ratio;
            s.sample(t[n], out);
            e[n] = out[0];
            mag[n] = out[1];
            n++;
        }
        double[] floor = new double[n];
        for (int i = 0; i < n; i++) {
            floor[i] = floor(mag[i], noise);
        }
        return new ErrorCurve(Arrays.copyOf(t, n), Arrays.copyOf(e, n), floor, noise);
    }

    private static double floor(double magnitude, double noise) {
        return Math.max(FLOOR_FACTOR * Math.ulp(1.0) * magnitude, NOISE_FACTOR * noise);
    }

    private static int topRun(double[] e, double[] mag, double noise, int n) {
        int run = 0;
        for (int i = n - 1; i >= 0 && Double.isFinite(e[i]) && e[i] > floor(mag[i], noise); i--) {
            run++;
        }
        return run;
    }

    /** Root-mean-square residual of the least-squares quadratic through (t_i, f_i), i &lt; count; 0 without values. */
    static double noise(double[] t, double[] f, int count) {
        if (count < 4) {
            return 0.0;
        }
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(f[i])) {
                return 0.0;
            }
        }
        double scale = t[count - 1];
        double[][] a = new double[count][3];
        double[] b = new double[count];
        double f0 = f[0];
        for (int i = 0; i < count; i++) {
            double s = t[i] / scale;
            a[i][0] = 1;
            a[i][1] = s;
            a[i][2] = s * s;
            b[i] = f[i] - f0;
        }
        Array2DRowRealMatrix m = new Array2DRowRealMatrix(a, false);
        RealVector rhs = new ArrayRealVector(b, false);
        RealVector coef = new QRDecomposition(m).getSolver().solve(rhs);
        RealVector r = m.operate(coef).subtract(rhs);
        return Math.sqrt(r.dotProduct(r) / (count - 3));
    }
}
