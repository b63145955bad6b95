package org.ufm.model;

import java.util.Random;
import org.ufm.compute.Chunks;
import org.ufm.compute.Dot;
import org.ufm.compute.Gemm;
import org.ufm.manifold.Manifold;
import org.ufm.solver.Objective;

/**
 * An unconstrained features model: an objective on a manifold of (W, H[, b]) with K classes, N samples
 * and feature dimension d, plus the views that metrics and certificates need. Views return the
 * classifier as K rows w_k in R^d, however the model stores W, and the features as N columns h_j in R^d; H itself
 * is stored d x N, column-major, from {@link #hOffset} in every model, so the feature views have one implementation.
 */
public interface UfmModel extends Objective {

    /** Command-line name of the model ("ce", "sphere", ...). */
    String name();

    /** The labels (K classes, N samples). */
    Labels labels();

    /** Feature dimension d. */
    int dim();

    /** The manifold the variables live on. */
    Manifold manifold();

    /** The length of the variable vector x: the manifold's ambient dimension. */
    @Override
    default int ambientDimension() {
        return manifold().ambientDimension();
    }

    /** Classifier rows w_k (K x d). */
    double[][] classifierRows(double[] x);

    /** Offset in the flat array of H, stored d x N column-major in one piece (h_j from hOffset + j d) by every model. */
    int hOffset();

    /** Feature columns h_j (N x d), copied out of the flat array. */
    default double[][] featureColumns(double[] x) {
        int n = labels().samples();
        int d = dim();
        double[][] h = new double[n][d];
        for (int j = 0; j < n; j++) {
            System.arraycopy(x, hOffset() + j * d, h[j], 0, d);
        }
        return h;
    }

    /**
     * Writes h_1, ..., h_N one after another (the d x N features, column-major) into {@code out} from {@code offset}:
     * {@link #featureColumns} without its N small arrays (86 MB of them at N = 20000, d = 512), in one copy.
     */
    default void copyFeatureColumns(double[] x, double[] out, int offset) {
        System.arraycopy(x, hOffset(), out, offset, labels().samples() * dim());
    }

    /** ||H||_F^2 = sum_j ||h_j||^2, one pass over H in place. */
    default double featureSquaredNorm(double[] x) {
        return Dot.squaredNorm(x, hOffset(), labels().samples() * dim());
    }

    /** Bias b (length K), or null when the model has none. */
    double[] bias(double[] x);

    /** The K x N gradient of the data term with respect to the logits, column-major. */
    double[] logitGradient(double[] x);

    /**
     * The lower triangle of G G^T (K x K, column-major, strict upper triangle zero) for G = {@link #logitGradient}:
     * what sigma_max(G) needs up to K = 1000. By default one dsyrk on G; the models accumulate it block by block
     * without G's K x N array.
     */
    default double[] logitGradientGram(double[] x) {
        return Gemm.lowerGram(logitGradient(x), labels().classes());
    }

    /** A random starting point with entries of size about {@code scale} (ignored on spheres). */
    void initialPoint(Random random, double scale, double[] out);

    /** The thread pool the model computes on, for work on its points beside it (metrics); null: the caller's thread. */
    default Chunks chunks() {
        return null;
    }
}
