package org.ufm.manifold;

import java.util.Random;
import org.ufm.compute.Chunks;
import org.ufm.compute.Dot;
import org.ufm.compute.Pieces;
import org.ufm.kernel.KernelPreconditions;
import org.ufm.kernel.SphereKernels;

/**
 * The oblique manifold OB(d, m) = {X in R^{d x m} : every column has unit norm}, the product of m unit
 * spheres S^{d-1}; X is stored column-major, so column j is {@code x[j*d .. j*d+d)}. Projection,
 * normalisation retraction and the Weingarten term act column by column (SPEC.md 2.3):
 * P_X(U) = U - X Diag(diag(X^T U)), Hess f(X)[Xi] = P_X(Ehess) - Xi Diag(diag(X^T Egrad)).
 * The sphere S^{d-1} is OB(d, 1).
 *
 * <p>For d m >= {@value Euclidean#PARALLEL_MIN} entries, projection, retraction, the Weingarten term and the
 * inner product run over the fixed {@link Pieces} of the m columns, in parallel given a thread pool; the
 * column kernels are the same, and the inner product adds the pieces' partial sums in piece order, so
 * every result is independent of the thread count.
 */
public final class Oblique implements Manifold {

    private final int d;
    private final int m;
    /** The fixed pieces of the m columns when d m >= PARALLEL_MIN (null below: one pass). */
    private final Pieces pieces;
    /** The fixed pieces of the d m entries handed to solvers, on the same threads as {@link #pieces}. */
    private final Pieces entryPieces;

    /** OB(d, m) with d >= 1 rows and m >= 1 columns, sequential. */
    public Oblique(int d, int m) {
        this(d, m, null);
    }

    /** OB(d, m) with d >= 1 rows and m >= 1 columns; column loops on many entries run on {@code chunks} (may be null). */
    public Oblique(int d, int m, Chunks chunks) {
        if (d < 1 || m < 1) {
            throw new IllegalArgumentException("Oblique manifold needs d >= 1 and m >= 1, got d=" + d + ", m=" + m);
        }
        this.d = d;
        this.m = m;
        this.pieces = (long) d * m >= Euclidean.PARALLEL_MIN ? new Pieces(m, chunks) : null;
        this.entryPieces = new Pieces(d * m, pieces != null ? chunks : null);
    }

    /** Runs body on the columns [0, m): in one pass, or over the pieces. */
    private void forColumns(Pieces.Body body) {
        if (pieces == null) {
            body.run(0, m, 0);
        } else {
            pieces.forEach(body);
        }
    }

    /** The unit sphere S^{d-1} in R^d. */
    public static Oblique sphere(int d) {
        return new Oblique(d, 1);
    }

    /** Rows d of each column. */
    public int rows() {
        return d;
    }

    /** Number m of unit columns. */
    public int columns() {
        return m;
    }

    @Override
    public Pieces entryPieces() {
        return entryPieces;
    }

    @Override
    public int ambientDimension() {
        return d * m;
    }

    @Override
    public int dimension() {
        return (d - 1) * m;
    }

    /** The Euclidean inner product u . v of the ambient space. */
    @Override
    public double inner(double[] x, double[] u, double[] v) {
        if (pieces == null) {
            return Dot.dot(u, v);
        }
        return pieces.sum((from, to) -> Dot.dot(u, from * d, v, from * d, (to - from) * d));
    }

    @Override
    public void project(double[] x, double[] u, double[] out) {
        forColumns((from, to, p) -> {
            for (int j = from; j < to; j++) {
                assert KernelPreconditions.sphereColumns(x, j * d, u, j * d, out, j * d, d);
                SphereKernels.project(x, j * d, u, j * d, out, j * d, d);
            }
        });
    }

    /**
     * All the vectors projected onto T_y column by column in one pass over the pieces (column j of y is read
     * once for all of them, one hand-off to the threads instead of one per vector); each column is the same
     * {@link SphereKernels#project} as {@link #transport}'s, so the bits are the same.
     */
    @Override
    public void transportAll(double[] x, double[] y, double[][] vectors, int count) {
        forColumns((from, to, p) -> {
            for (int j = from; j < to; j++) {
                int o = j * d;
                for (int v = 0; v < count; v++) {
                    double[] u = vectors[v];
                    assert KernelPreconditions.sphereColumns(y, o, u, o, u, o, d);
                    SphereKernels.project(y, o, u, o, u, o, d);
                }
            }
        });
    }

    @Override
    public void retract(double[] x, double[] xi, double t, double[] out) {
        forColumns((from, to, p) -> {
            for (int j = from; j < to; j++) {
                assert KernelPreconditions.sphereColumns(x, j * d, xi, j * d, out, j * d, d);
                SphereKernels.retract(x, j * d, xi, j * d, t, out, j * d, d);
            }
        });
    }

    @Override
    public void ehessToRhess(double[] x, double[] egrad, double[] ehess, double[] xi, double[] out) {
        forColumns((from, to, p) -> {
            for (int j = from; j < to; j++) {
                int o = j * d;
                double mu = SphereKernels.dot(x, o, egrad, o, d);
                assert KernelPreconditions.sphereColumns(x, o, ehess, o, out, o, d);
                SphereKernels.project(x, o, ehess, o, out, o, d);
                for (int i = 0; i < d; i++) {
                    out[o + i] -= mu * xi[o + i];
                }
            }
        });
    }

    /** pi sqrt(m): m columns, each on a sphere of diameter pi (Manopt's obliquefactory). */
    @Override
    public double typicalDistance() {
        return Math.PI * Math.sqrt(m);
    }

    @Override
    public double constraintViolation(double[] x) {
        double worst = 0.0;
        for (int j = 0; j < m; j++) {
            double n = Math.sqrt(SphereKernels.normSquared(x, j * d, d));
            worst = Math.max(worst, Math.abs(n - 1.0));
        }
        return worst;
    }

    @Override
    public void randomPoint(Random random, double scale, double[] out) {
        for (int j = 0; j < m; j++) {
            double n;
            do {
                for (int i = 0; i < d; i++) {
                    out[j * d + i] = random.nextGaussian();
                }
                n = SphereKernels.normalize(out, j * d, d);
            } while (n == 0.0);
        }
    }

    @Override
    public String toString() {
        return "Oblique(" + d + ", " + m + ")";
    }
}
