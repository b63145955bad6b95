package org.ufm.manifold;

import org.ufm.compute.Chunks;
import org.ufm.compute.Pieces;
import org.ufm.compute.Dot;

import java.util.Random;

/**
 * The flat space R^n: projection is the identity, the retraction is x + t xi, no curvature term.
 *
 * <p>For n >= {@value #PARALLEL_MIN}, the retraction, the copy of the projection and the inner product run
 * over the fixed {@link Pieces} of [0, n), in parallel given a thread pool; the inner product adds the
 * pieces' partial sums in piece order, so every result is independent of the thread count.
 */
public final class Euclidean implements Manifold {

    /** Smallest n split into pieces (below, one pass is faster than the hand-off). */
    static final int PARALLEL_MIN = 1 << 16;
    private final int n;
    /** The fixed pieces of vectors of length n >= PARALLEL_MIN (null below). */
    private final Pieces pieces;
    /** The fixed pieces of [0, n) handed to solvers: {@link #pieces}, or sequential ones below PARALLEL_MIN. */
    private final Pieces entryPieces;

    /** R^n with n >= 1, sequential. */
    public Euclidean(int n) {
        this(n, null);
    }

    /** R^n with n >= 1; vector operations on large n run on {@code chunks} (may be null). */
    public Euclidean(int n, Chunks chunks) {
        if (n < 1) {
            throw new IllegalArgumentException("Euclidean dimension must be >= 1, got " + n);
        }
        this.n = n;
        this.pieces = n >= PARALLEL_MIN ? new Pieces(n, chunks) : null;
        this.entryPieces = pieces != null ? pieces : new Pieces(n, null);
    }

    @Override
    public double inner(double[] x, double[] u, double[] v) {
        if (pieces == null) {
            return Dot.dot(u, v);
        }
        return pieces.sum((from, to) -> Dot.dot(u, from, v, from, to - from));
    }

    /** Transport on R^n is the identity. */
    @Override
    public boolean transportIsIdentity() {
        return true;
    }

    @Override
    public Pieces entryPieces() {
        return entryPieces;
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
        if (out == u) {
            return;
        }
        if (pieces == null) {
            System.arraycopy(u, 0, out, 0, n);
        } else {
            pieces.forEach((from, to, p) -> System.arraycopy(u, from, out, from, to - from));
        }
    }

    @Override
    public void retract(double[] x, double[] xi, double t, double[] out) {
        if (pieces == null) {
            step(x, xi, t, out, 0, n);
        } else {
            pieces.forEach((from, to, p) -> step(x, xi, t, out, from, to));
        }
    }

    private static void step(double[] x, double[] xi, double t, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
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
