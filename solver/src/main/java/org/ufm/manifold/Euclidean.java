package org.ufm.manifold;

import org.ufm.compute.Chunks;
import org.ufm.compute.Dot;

import java.util.Random;

/**
 * The flat space R^n: projection is the identity, the retraction is x + t xi, no curvature term.
 *
 * <p>Given a thread pool and n >= {@value #PARALLEL_MIN}, the retraction, the copy of the projection
 * and the inner product run over {@value #PIECES} fixed contiguous pieces in parallel; the inner product
 * adds the pieces' partial sums in piece order, so every result is independent of the thread count.
 */
public final class Euclidean implements Manifold {

    /** Smallest n split into pieces (below, one pass is faster than the hand-off). */
    static final int PARALLEL_MIN = 1 << 16;
    /** Number of pieces of a split vector (fixed, so the summation order never depends on the threads). */
    static final int PIECES = 16;

    private final int n;
    private final Chunks chunks;

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
        this.chunks = n >= PARALLEL_MIN && chunks != null && chunks.threads() > 1 ? chunks : null;
    }

    private int pieceStart(int c) {
        return (int) ((long) c * n / PIECES);
    }

    @Override
    public double inner(double[] x, double[] u, double[] v) {
        if (n < PARALLEL_MIN) {
            return Dot.dot(u, v);
        }
        double[] partial = new double[PIECES];
        forEachPiece((from, to, c) -> partial[c] = Dot.dot(u, from, v, from, to - from));
        double s = 0.0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    /** The body of a piecewise loop over [from, to), piece number c. */
    private interface Piece {
        void run(int from, int to, int c);
    }

    private void forEachPiece(Piece body) {
        if (chunks == null) {
            for (int c = 0; c < PIECES; c++) {
                body.run(pieceStart(c), pieceStart(c + 1), c);
            }
        } else {
            chunks.run(PIECES, c -> body.run(pieceStart(c), pieceStart(c + 1), c));
        }
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
        if (chunks == null) {
            System.arraycopy(u, 0, out, 0, n);
        } else {
            forEachPiece((from, to, c) -> System.arraycopy(u, from, out, from, to - from));
        }
    }

    @Override
    public void retract(double[] x, double[] xi, double t, double[] out) {
        if (chunks == null) {
            step(x, xi, t, out, 0, n);
        } else {
            forEachPiece((from, to, c) -> step(x, xi, t, out, from, to));
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
