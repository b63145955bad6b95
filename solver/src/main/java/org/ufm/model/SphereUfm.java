package org.ufm.model;

import java.util.Random;
import org.ufm.compute.Chunks;
import org.ufm.manifold.Manifold;
import org.ufm.manifold.Oblique;

/**
 * The normalised-feature UFM of Yaras et al. 2022 (SPEC.md 1d, 2.3):
 * f(W, H) = (1/N) sum_j CE(tau W^T h_j, y_j) over W in OB(d, K) and H in OB(d, N), unit columns,
 * no bias and no weight decay. The variable is X = [W | H] in OB(d, K + N), column-major.
 */
public final class SphereUfm implements UfmModel {

    private final Labels labels;
    private final int k;
    private final int d;
    private final int n;
    private final double tau;
    private final LogitsEngine engine;
    private final Chunks chunks;
    private final Oblique manifold;

    /**
     * @param labels the labels
     * @param d      feature dimension, >= 1 (>= 2 for a non-trivial sphere)
     * @param tau    the inverse temperature, finite and > 0
     * @param chunks the thread pool
     */
    public SphereUfm(Labels labels, int d, double tau, Chunks chunks) {
        if (d < 1) {
            throw new IllegalArgumentException("need d >= 1, got " + d);
        }
        if (!(tau > 0.0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be a finite number > 0, got " + tau);
        }
        this.labels = labels;
        this.k = labels.classes();
        this.d = d;
        this.n = labels.samples();
        long size = (long) d * ((long) k + n);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("d(K + N) = " + size + " variables do not fit in a Java array");
        }
        this.tau = tau;
        this.engine = new LogitsEngine(labels, d, true, tau, CrossEntropyLoss.INSTANCE, chunks);
        this.chunks = chunks;
        this.manifold = new Oblique(d, k + n, chunks);
    }

    @Override
    public String name() {
        return "sphere";
    }

    /** The inverse temperature tau. */
    public double tau() {
        return tau;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public Manifold manifold() {
        return manifold;
    }

    /** W (d x K) comes first, then H. */
    @Override
    public int hOffset() {
        return d * k;
    }

    /**
     * W and H: {0, dK}. Their curvatures differ by a factor of 10-60 along an L-BFGS run (K=100, n=20, d=128), and one
     * scale for both took 83 iterations to a relative gap of 1e-10 where one each takes 47 (issue 16).
     */
    @Override
    public int[] blockStarts() {
        return new int[] {0, hOffset()};
    }

    @Override
    public double value(double[] x) {
        return engine.valueAndGradient(x, 0, hOffset(), -1, null);
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        return engine.valueAndGradient(x, 0, hOffset(), -1, grad);
    }

    @Override
    public void hessianTimes(double[] x, double[] v, double[] out) {
        engine.hessianTimes(x, v, 0, hOffset(), -1, out);
    }

    @Override
    public double[][] classifierRows(double[] x) {
        double[][] w = new double[k][d];
        for (int i = 0; i < k; i++) {
            System.arraycopy(x, i * d, w[i], 0, d);
        }
        return w;
    }

    @Override
    public double[] bias(double[] x) {
        return null;
    }

    @Override
    public double[] logitGradient(double[] x) {
        return engine.logitGradient(x, 0, hOffset(), -1);
    }

    /** G G^T block by block, without G's K x N array. */
    @Override
    public double[] logitGradientGram(double[] x) {
        return engine.logitGradientGram(x, 0, hOffset(), -1, 1.0);
    }

    @Override
    public void initialPoint(Random random, double scale, double[] out) {
        manifold.randomPoint(random, 1.0, out);
    }

    @Override
    public Chunks chunks() {
        return chunks;
    }
}
