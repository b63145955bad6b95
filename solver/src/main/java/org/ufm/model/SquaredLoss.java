package org.ufm.model;

/** Squared loss L(z, y) = (1/2) ||z - e_y||^2 against the one-hot target; gradient z - e_y, Hessian I. */
public final class SquaredLoss implements ColumnLoss {

    /** The single instance (the loss has no state). */
    public static final SquaredLoss INSTANCE = new SquaredLoss();

    private SquaredLoss() {
    }

    @Override
    public String name() {
        return "squared";
    }

    @Override
    public double value(double[] z, int off, int k, int y, double[] work, int woff) {
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            double r = z[off + j] - (j == y ? 1.0 : 0.0);
            s += r * r;
        }
        return 0.5 * s;
    }

    @Override
    public double valueAndGradient(double[] z, int off, int k, int y, double scale, double[] g, int goff) {
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            double r = z[off + j] - (j == y ? 1.0 : 0.0);
            g[goff + j] = scale * r;
            s += r * r;
        }
        return 0.5 * s;
    }

    @Override
    public void hessianTimes(double[] z, int off, int k, int y, double[] dz, int dzoff, double scale,
                             double[] out, int ooff, double[] work) {
        for (int j = 0; j < k; j++) {
            out[ooff + j] = scale * dz[dzoff + j];
        }
    }

    @Override
    public int curvatureLength(int k) {
        return 0;
    }

    /** Nothing: the Hessian is the identity. */
    @Override
    public void curvature(double[] z, int off, int k, int y, double[] state, int soff) {
    }

    @Override
    public void hessianTimesAt(double[] state, int soff, int k, int y, double[] dz, int dzoff, double scale,
                               double[] out, int ooff) {
        hessianTimes(null, 0, k, y, dz, dzoff, scale, out, ooff, null);
    }
}
