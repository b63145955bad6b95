package org.ufm.model;

import java.util.Random;
import org.ufm.compute.Chunks;
import org.ufm.compute.Dot;
import org.ufm.manifold.Manifold;
import org.ufm.solver.Objective;

/**
 * An unconstrained features model: an objective on a manifold of (W, H[, b]) with K classes, N samples
 * and feature dimension d, plus the views that metrics and certificates need. Views return the
 * classifier as K rows w_k in R^d and the features as N columns h_j in R^d, whatever the storage.
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

    /** Classifier rows w_k (K x d). */
    double[][] classifierRows(double[] x);

    /** Feature columns h_j (N x d). */
    double[][] featureColumns(double[] x);

    /**
     * Writes h_1, ..., h_N one after another (the d x N features, column-major) into {@code out} from {@code offset}:
     * {@link #featureColumns} without its N small arrays (86 MB of them at N = 20000, d = 512).
     */
    default void copyFeatureColumns(double[] x, double[] out, int offset) {
        double[][] h = featureColumns(x);
        int d = dim();
        for (int j = 0; j < h.length; j++) {
            System.arraycopy(h[j], 0, out, offset + j * d, d);
        }
    }

    /** ||H||_F^2 = sum_j ||h_j||^2, without a copy where the model stores H in one piece. */
    default double featureSquaredNorm(double[] x) {
        double s = 0.0;
        for (double[] h : featureColumns(x)) {
            s += Dot.squaredNorm(h, 0, h.length);
        }
        return s;
    }

    /** Bias b (length K), or null when the model has none. */
    double[] bias(double[] x);

    /** The K x N gradient of the data term with respect to the logits, column-major. */
    double[] logitGradient(double[] x);

    /** A random starting point with entries of size about {@code scale} (ignored on spheres). */
    void initialPoint(Random random, double scale, double[] out);

    /** The thread pool the model computes on, for work on its points beside it (metrics); null: the caller's thread. */
    default Chunks chunks() {
        return null;
    }
}
