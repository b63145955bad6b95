package org.ufm.verification;

import java.util.Random;
import org.ufm.compute.Chunks;
import org.ufm.manifold.Manifold;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;

/** A UFM that forwards everything to another; mutants override the parts they break. */
class ForwardingModel implements UfmModel {

    final UfmModel inner;

    ForwardingModel(UfmModel inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Labels labels() {
        return inner.labels();
    }

    @Override
    public int dim() {
        return inner.dim();
    }

    @Override
    public Manifold manifold() {
        return inner.manifold();
    }

    @Override
    public double[][] classifierRows(double[] x) {
        return inner.classifierRows(x);
    }

    @Override
    public int hOffset() {
        return inner.hOffset();
    }

    @Override
    public double[][] featureColumns(double[] x) {
        return inner.featureColumns(x);
    }

    @Override
    public double[] bias(double[] x) {
        return inner.bias(x);
    }

    @Override
    public double[] logitGradient(double[] x) {
        return inner.logitGradient(x);
    }

    @Override
    public void initialPoint(Random random, double scale, double[] out) {
        inner.initialPoint(random, scale, out);
    }

    @Override
    public int ambientDimension() {
        return inner.ambientDimension();
    }

    @Override
    public double value(double[] x) {
        return inner.value(x);
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        return inner.valueAndGradient(x, grad);
    }

    @Override
    public void hessianTimes(double[] x, double[] v, double[] out) {
        inner.hessianTimes(x, v, out);
    }

    @Override
    public int[] blockStarts() {
        return inner.blockStarts();
    }

    @Override
    public Chunks chunks() {
        return inner.chunks();
    }
}
