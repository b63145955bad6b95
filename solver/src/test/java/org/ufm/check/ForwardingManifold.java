package org.ufm.check;

import java.util.Random;
import org.ufm.manifold.Manifold;

/** A manifold that forwards every call to {@code base}; tests override one method to break it. */
class ForwardingManifold implements Manifold {

    final Manifold base;

    ForwardingManifold(Manifold base) {
        this.base = base;
    }

    @Override
    public int ambientDimension() {
        return base.ambientDimension();
    }

    @Override
    public int dimension() {
        return base.dimension();
    }

    @Override
    public double inner(double[] x, double[] u, double[] v) {
        return base.inner(x, u, v);
    }

    @Override
    public void project(double[] x, double[] u, double[] out) {
        base.project(x, u, out);
    }

    @Override
    public void retract(double[] x, double[] xi, double t, double[] out) {
        base.retract(x, xi, t, out);
    }

    @Override
    public void transport(double[] x, double[] y, double[] xi, double[] out) {
        base.transport(x, y, xi, out);
    }

    @Override
    public void egradToRgrad(double[] x, double[] egrad, double[] out) {
        base.egradToRgrad(x, egrad, out);
    }

    @Override
    public void ehessToRhess(double[] x, double[] egrad, double[] ehess, double[] xi, double[] out) {
        base.ehessToRhess(x, egrad, ehess, xi, out);
    }

    @Override
    public double constraintViolation(double[] x) {
        return base.constraintViolation(x);
    }

    @Override
    public void randomPoint(Random random, double scale, double[] out) {
        base.randomPoint(random, scale, out);
    }

    @Override
    public String toString() {
        return "Forwarding(" + base + ")";
    }
}
