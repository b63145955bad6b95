package org.ufm.manifold;

import java.util.Random;

/** The flat space R^n: projection is the identity, the retraction is x + t xi, no curvature term. */
public final class Euclidean implements Manifold {

    private final int n;

    /** R^n with n >= 1. */
    public Euclidean(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Euclidean dimension must be >= 1, got " + n);
        }
        this.n = n;
    }

    @Override
    public int ambientDimension() {
        return n;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public void project(double[] x, double[] u, double[] out) {
        if (out != u) {
            System.arraycopy(u, 0, out, 0, n);
        }
    }

    @Override
    public void retract(double[] x, double[] xi, double t, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] + t * xi[i];
        }
    }

    @Override
    public void ehessToRhess(double[] x, double[] egrad, double[] ehess, double[] xi, double[] out) {
        if (out != ehess) {
            System.arraycopy(ehess, 0, out, 0, n);
        }
    }

    @Override
    public double constraintViolation(double[] x) {
        return 0.0;
    }

    @Override
    public void randomPoint(Random random, double scale, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = scale * random.nextGaussian();
        }
    }

    @Override
    public String toString() {
        return "Euclidean(" + n + ")";
    }
}
