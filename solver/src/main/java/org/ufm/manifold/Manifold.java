package org.ufm.manifold;

import org.ufm.compute.Dot;
import org.ufm.compute.Pieces;

import java.util.Random;

/**
 * A Riemannian manifold embedded in R^n with the Euclidean metric restricted to its tangent spaces.
 * Points and tangent vectors are flat {@code double[]} of length {@link #ambientDimension()}. This is
 * the whole interface a solver may use: inner product, projection, retraction, transport, and the
 * conversion of Euclidean derivatives into Riemannian ones.
 */
public interface Manifold {

    /** Length n of the flat arrays that hold points and tangent vectors. */
    int ambientDimension();

    /** Intrinsic dimension of the manifold. */
    int dimension();

    /** Riemannian metric at x: the Euclidean inner product u^T v of two tangent vectors. */
    default double inner(double[] x, double[] u, double[] v) {
        return Dot.dot(u, v);
    }

    /** Norm sqrt(inner(x, u, u)) of a tangent vector. */
    default double norm(double[] x, double[] u) {
        return Math.sqrt(inner(x, u, u));
    }

    /** Orthogonal projection of an ambient vector u onto the tangent space T_x; out may alias u. */
    void project(double[] x, double[] u, double[] out);

    /** Retraction R_x(t xi) of the tangent vector t xi at x; out may alias x. */
    void retract(double[] x, double[] xi, double t, double[] out);

    /** Vector transport of xi in T_x to T_y (projection onto T_y for embedded manifolds); out may alias xi. */
    default void transport(double[] x, double[] y, double[] xi, double[] out) {
        project(y, xi, out);
    }

    /**
     * Transports vectors[0], ..., vectors[count - 1] from T_x to T_y, each in place: what {@link #transport}
     * does one vector at a time, and the same bits; a manifold may do them all in one pass.
     */
    default void transportAll(double[] x, double[] y, double[][] vectors, int count) {
        for (int i = 0; i < count; i++) {
            transport(x, y, vectors[i], vectors[i]);
        }
    }

    /**
     * True when {@link #transport} is the identity on tangent vectors (a flat space), so a solver may skip
     * it. Default false.
     */
    default boolean transportIsIdentity() {
        return false;
    }

    /**
     * The ambient entries [0, n) cut into fixed {@link Pieces}, for a solver's own element-wise passes over
     * tangent vectors (whose inner product is the ambient dot product, see {@link #inner}): in parallel on the
     * manifold's threads when it has them; the cut depends on n only, so sums over the pieces are the same
     * for any thread count. Default: the pieces run one after the other.
     */
    default Pieces entryPieces() {
        return new Pieces(ambientDimension(), null);
    }

    /** Riemannian gradient from the Euclidean gradient: its projection onto T_x. */
    default void egradToRgrad(double[] x, double[] egrad, double[] out) {
        project(x, egrad, out);
    }

    /**
     * Riemannian Hessian along xi from the Euclidean gradient e and the Euclidean Hessian-vector product
     * ehess = D egrad(x)[xi]: P_x(ehess) plus the curvature (Weingarten) term of the embedding.
     */
    void ehessToRhess(double[] x, double[] egrad, double[] ehess, double[] xi, double[] out);

    /**
     * A typical distance on the manifold, the scale of the trust-region radius (Manopt's typicaldist):
     * sqrt(dimension) unless the manifold knows better (pi sqrt(m) on the oblique manifold).
     */
    default double typicalDistance() {
        return Math.sqrt(dimension());
    }

    /** Distance from x to the manifold's defining constraint, 0 on a Euclidean space (for drift checks). */
    double constraintViolation(double[] x);

    /** A random point drawn from a rotation-invariant distribution, entries scaled by {@code scale}. */
    void randomPoint(Random random, double scale, double[] out);

    /** A random unit-norm tangent vector at x. */
    default void randomTangent(double[] x, Random random, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextGaussian();
        }
        project(x, out, out);
        double n = norm(x, out);
        for (int i = 0; i < out.length; i++) {
            out[i] /= n;
        }
    }
}
