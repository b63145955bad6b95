package org.ufm.check;

import org.ufm.solver.Objective;

/** An objective that forwards every call to {@code base}; tests override one method to break it. */
public class ForwardingObjective implements Objective {

    final Objective base;

    public ForwardingObjective(Objective base) {
        this.base = base;
    }

    @Override
    public int ambientDimension() {
        return base.ambientDimension();
    }

    @Override
    public double value(double[] x) {
        return base.value(x);
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        return base.valueAndGradient(x, grad);
    }

    @Override
    public void hessianTimes(double[] x, double[] v, double[] out) {
        base.hessianTimes(x, v, out);
    }

    @Override
    public int[] blockStarts() {
        return base.blockStarts();
    }
}
