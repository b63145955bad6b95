package org.ufm.model;

import java.util.Random;
import org.ufm.compute.Chunks;
import org.ufm.manifold.Euclidean;
import org.ufm.manifold.Manifold;

/**
 * The Euclidean UFM with weight decay (Zhu et al. 2021, SPEC.md 1a, 1e, 2.1):
 * f(W, H, b) = (a/N) sum_j L(W h_j + b, y_j) + (lambda_W/2)||W||_F^2 + (lambda_H/2)||H||_F^2 + (lambda_b/2)||b||^2,
 * with W in R^{K x d}, H in R^{d x N}, optional b in R^K and a data weight a > 0 (1 unless said otherwise).
 * The variable is the flat array [W | H | b], W and H column-major. Cross-entropy gives Zhu's model (and
 * with all lambdas 0 and no bias the unregularised layer-peeled model, ULPM); the squared loss gives the
 * MSE model, and with a = c N, no decay and a bias Mixon et al.'s R = (c/2)||WH + b1^T - Y||_F^2.
 */
public final class EuclideanUfm implements UfmModel {

    private final String name;
    private final Labels labels;
    private final int k;
    private final int d;
    private final int n;
    private final double lambdaW;
    private final double lambdaH;
    private final double lambdaB;
    private final boolean hasBias;
    private final double dataWeight;
    private final LogitsEngine engine;
    private final Chunks chunks;
    private final Euclidean manifold;

    /**
     * @param name    the model's name ("ce", "mse", ...)
     * @param labels  the labels
     * @param d       feature dimension, >= 1
     * @param lambdaW weight decay on W, >= 0
     * @param lambdaH weight decay on H, >= 0
     * @param lambdaB weight decay on b, >= 0 (ignored without bias)
     * @param hasBias whether the model has a bias b
     * @param loss    the column loss
     * @param chunks  the thread pool
     */
    public EuclideanUfm(String name, Labels labels, int d, double lambdaW, double lambdaH, double lambdaB,
                        boolean hasBias, ColumnLoss loss, Chunks chunks) {
        this(name, labels, d, lambdaW, lambdaH, lambdaB, hasBias, loss, 1.0, chunks);
    }

    /**
     * As above with a data weight: f = (a/N) sum_j L(z_j, y_j) + decay.
     *
     * @param dataWeight the factor a > 0 of the mean loss (a = N turns the mean into a sum)
     */
    public EuclideanUfm(String name, Labels labels, int d, double lambdaW, double lambdaH, double lambdaB,
                        boolean hasBias, ColumnLoss loss, double dataWeight, Chunks chunks) {
        if (!(dataWeight > 0) || Double.isInfinite(dataWeight)) {
            throw new IllegalArgumentException("the data weight must be a finite number > 0, got " + dataWeight);
        }
        this.dataWeight = dataWeight;
        if (d < 1) {
            throw new IllegalArgumentException("need d >= 1, got " + d);
        }
        requireNonNegative("lambda-w", lambdaW);
        requireNonNegative("lambda-h", lambdaH);
        requireNonNegative("lambda-b", lambdaB);
        this.name = name;
        this.labels = labels;
        this.k = labels.classes();
        this.d = d;
        this.n = labels.samples();
        long size = (long) k * d + (long) d * n + (hasBias ? k : 0);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Kd + dN = " + size + " variables do not fit in a Java array");
        }
        this.lambdaW = lambdaW;
        this.lambdaH = lambdaH;
        this.lambdaB = lambdaB;
        this.hasBias = hasBias;
        this.engine = new LogitsEngine(labels, d, false, 1.0, loss, chunks);
        this.chunks = chunks;
        this.manifold = new Euclidean((int) size, chunks);
    }

    /** Zhu et al.'s cross-entropy UFM with weight decay. */
    public static EuclideanUfm crossEntropy(Labels labels, int d, double lambdaW, double lambdaH, double lambdaB,
                                            boolean hasBias, Chunks chunks) {
        return new EuclideanUfm("ce", labels, d, lambdaW, lambdaH, lambdaB, hasBias, CrossEntropyLoss.INSTANCE, chunks);
    }

    /** The MSE UFM f = (1/(2N))||WH + b1^T - Y||_F^2 + decay (SPEC.md 1e). */
    public static EuclideanUfm meanSquared(Labels labels, int d, double lambdaW, double lambdaH, double lambdaB,
                                           boolean hasBias, Chunks chunks) {
        return new EuclideanUfm("mse", labels, d, lambdaW, lambdaH, lambdaB, hasBias, SquaredLoss.INSTANCE, chunks);
    }

    /**
     * The unconstrained layer-peeled model of Ji et al. (SPEC.md 1c): mean CE, no decay, no bias. Its
     * infimum 0 is not attained; gradient descent drives the normalised margin toward 1/(2(K-1) sqrt n).
     */
    public static EuclideanUfm ulpm(Labels labels, int d, Chunks chunks) {
        return new EuclideanUfm("ulpm", labels, d, 0.0, 0.0, 0.0, false, CrossEntropyLoss.INSTANCE, chunks);
    }

    /**
     * Mixon, Parshall and Pi's model (SPEC.md 1b): R = (c/2)||WH + b1^T - Y||_F^2 with a bias and no decay,
     * i.e. the squared loss with data weight c N. SPEC 6's protocol uses c = 1 (with GD step 0.05).
     */
    public static EuclideanUfm mixon(Labels labels, int d, double c, Chunks chunks) {
        return new EuclideanUfm("mixon", labels, d, 0.0, 0.0, 0.0, true, SquaredLoss.INSTANCE,
                c * labels.samples(), chunks);
    }

    static void requireNonNegative(String what, double v) {
        if (!(v >= 0.0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
        }
    }

    @Override
    public String name() {
        return name;
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

    /** lambda_W. */
    public double lambdaW() {
        return lambdaW;
    }

    /** lambda_H. */
    public double lambdaH() {
        return lambdaH;
    }

    /** lambda_b. */
    public double lambdaB() {
        return lambdaB;
    }

    /** Whether the model has a bias. */
    public boolean hasBias() {
        return hasBias;
    }

    /** The data weight a of f = (a/N) sum_j L(z_j, y_j) + decay (1 for the mean loss). */
    public double dataWeight() {
        return dataWeight;
    }

    /** The column loss (cross-entropy or squared). */
    public ColumnLoss loss() {
        return engine.loss();
    }

    /** Offset of W (K x d, column-major) in the flat array: 0. */
    public int wOffset() {
        return 0;
    }

    @Override
    public int hOffset() {
        return k * d;
    }

    /** Offset of b in the flat array, or -1 without bias. */
    public int bOffset() {
        return hasBias ? k * d + d * n : -1;
    }

    /**
     * W and H together, then b when there is one: {0, Kd + dN}, or {0}. Measured (issue 16, L-BFGS, CE, K=100 d=128):
     * b on its own with one scale for W and H took 80, 81, 90, 85 iterations to a relative gap of 1e-10 for seeds
     * 1-4 at n=20 (114, 100, 112, 103 in all), 67 at n=100 and 14 at K=1000 n=20 d=512; W, H and b each on their own
     * took 96, 86, 91, 82 (124, 115, 128, 120), 78 and 15; one block for all 87, 94, 105, 90 and 97.
     */
    @Override
    public int[] blockStarts() {
        return hasBias ? new int[] {0, bOffset()} : new int[] {0};
    }

    private double squaredNorm(double[] x, int from, int len) {
        double s = 0.0;
        for (int i = from; i < from + len; i++) {
            s += x[i] * x[i];
        }
        return s;
    }

    /** The (weighted) data term a g(WH + b1^T) alone, without the weight decay. */
    public double dataTerm(double[] x) {
        return dataWeight * engine.valueAndGradient(x, 0, hOffset(), bOffset(), null);
    }

    @Override
    public double value(double[] x) {
        // summed exactly as in valueAndGradient, so both return the same bits at the same x
        return dataWeight * engine.valueAndGradient(x, 0, hOffset(), bOffset(), null, lambdaH / dataWeight)
                + decayOfClassifierAndBias(x);
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        // a g + (lambda_H/2)||H||^2 = a (g + (lambda_H/(2a))||H||^2): the engine adds the feature decay
        // lambda_H/a in its blocked pass over H, and the whole engine part is then scaled by a
        double g = engine.valueAndGradient(x, 0, hOffset(), bOffset(), grad, lambdaH / dataWeight);
        scaleData(grad);
        for (int i = 0; i < k * d; i++) {
            grad[i] += lambdaW * x[i];
        }
        if (hasBias) {
            int b = bOffset();
            for (int i = b; i < b + k; i++) {
                grad[i] += lambdaB * x[i];
            }
        }
        return dataWeight * g + decayOfClassifierAndBias(x);
    }

    /** (lambda_W/2)||W||^2 + (lambda_b/2)||b||^2, the decay the engine does not add. */
    private double decayOfClassifierAndBias(double[] x) {
        double r = 0.5 * lambdaW * squaredNorm(x, 0, k * d);
        if (hasBias) {
            r += 0.5 * lambdaB * squaredNorm(x, bOffset(), k);
        }
        return r;
    }

    private void scaleData(double[] out) {
        if (dataWeight != 1.0) {
            for (int i = 0; i < out.length; i++) {
                out[i] *= dataWeight;
            }
        }
    }

    private void addDecay(double[] x, double[] out) {
        for (int i = 0; i < k * d; i++) {
            out[i] += lambdaW * x[i];
        }
        int h = hOffset();
        for (int i = h; i < h + d * n; i++) {
            out[i] += lambdaH * x[i];
        }
        if (hasBias) {
            int b = bOffset();
            for (int i = b; i < b + k; i++) {
                out[i] += lambdaB * x[i];
            }
        }
    }

    @Override
    public void hessianTimes(double[] x, double[] v, double[] out) {
        engine.hessianTimes(x, v, 0, hOffset(), bOffset(), out);
        scaleData(out);
        addDecay(v, out);
    }

    @Override
    public double[][] classifierRows(double[] x) {
        double[][] w = new double[k][d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                w[i][j] = x[i + j * k];
            }
        }
        return w;
    }

    @Override
    public double[] bias(double[] x) {
        if (!hasBias) {
            return null;
        }
        double[] b = new double[k];
        System.arraycopy(x, bOffset(), b, 0, k);
        return b;
    }

    @Override
    public double[] logitGradient(double[] x) {
        double[] g = engine.logitGradient(x, 0, hOffset(), bOffset());
        scaleData(g);
        return g;
    }

    /** G G^T for the data-weighted G of {@link #logitGradient}, block by block (dsyrk's alpha the weight squared). */
    @Override
    public double[] logitGradientGram(double[] x) {
        return engine.logitGradientGram(x, 0, hOffset(), bOffset(), dataWeight * dataWeight);
    }

    /** The logits Z = W H + b 1^T (K x N, column-major). */
    public double[] logits(double[] x) {
        return engine.logitMatrix(x, 0, hOffset(), bOffset());
    }

    @Override
    public void initialPoint(Random random, double scale, double[] out) {
        manifold.randomPoint(random, scale, out);
        if (hasBias) {
            for (int i = bOffset(); i < bOffset() + k; i++) {
                out[i] = 0.0;
            }
        }
    }

    /**
     * Mixon et al.'s start: Gaussian W and H rescaled to ||W||_F = ||H||_F = eps, b = 0 (SPEC.md 1b, 6.1).
     */
    public void normInitialPoint(Random random, double eps, double[] out) {
        manifold.randomPoint(random, 1.0, out);
        rescale(out, 0, hOffset(), eps);
        rescale(out, hOffset(), hOffset() + d * n, eps);
        if (hasBias) {
            for (int i = bOffset(); i < bOffset() + k; i++) {
                out[i] = 0.0;
            }
        }
    }

    private static void rescale(double[] x, int from, int to, double eps) {
        double s = 0.0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        double f = eps / Math.sqrt(s);
        for (int i = from; i < to; i++) {
            x[i] *= f;
        }
    }

    @Override
    public Chunks chunks() {
        return chunks;
    }
}
