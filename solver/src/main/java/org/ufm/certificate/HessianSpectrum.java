package org.ufm.certificate;

import org.ufm.compute.Dot;
import org.ufm.linalg.SymmetricEigen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.ufm.manifold.Manifold;
import org.ufm.solver.Problem;

/**
 * The spectrum of the Riemannian Hessian of a {@link Problem} at x, as a self-adjoint operator on the
 * tangent space T_x, optionally compressed to the orthogonal complement of a subspace S of T_x (the
 * symmetry directions, {@link Symmetries}), i.e. the operator (I - SS^T) Hess (I - SS^T) on T_x ∩ S^perp.
 * <ul>
 * <li>{@link #dense}: exact (to rounding): an orthonormal basis q_1..q_r of T_x ∩ S^perp by Gram-Schmidt on
 * the projected unit vectors, the r x r matrix <q_i, Hess q_j> built column by column from r Hessian-vector
 * products, diagonalised by {@link SymmetricEigen} (Hipparchus). For small problems and for
 * validating Lanczos.</li>
 * <li>{@link #lanczos}: the smallest Ritz value of m steps of Lanczos with full reorthogonalisation on
 * Hessian-vector products, from a seeded random tangent vector in T_x ∩ S^perp. A Ritz value is never
 * below the smallest eigenvalue; its residual ||Hess v - theta v|| bounds the distance from theta to some
 * eigenvalue. With m = dim(T_x ∩ S^perp) steps it is exact in exact arithmetic.</li>
 * </ul>
 */
public final class HessianSpectrum {

    private HessianSpectrum() {
    }

    /** The smallest Ritz value of a Lanczos run, with its residual norm and the number of steps taken. */
    public static final class Ritz {
        /** Smallest Ritz value theta. */
        public final double value;
        /** ||Hess v - theta v|| for the Ritz vector v (unit norm). */
        public final double residual;
        /** Lanczos steps taken. */
        public final int steps;
        /** The Ritz vector (unit, tangent, orthogonal to S). */
        public final double[] vector;

        Ritz(double value, double residual, int steps, double[] vector) {
            this.value = value;
            this.residual = residual;
            this.steps = steps;
            this.vector = vector;
        }
    }

    /**
     * All eigenvalues, ascending, of the Riemannian Hessian at x on T_x ∩ S^perp ({@code deflate} an
     * orthonormal list of tangent vectors spanning S; empty for the whole tangent space).
     */
    public static double[] dense(Problem problem, double[] x, List<double[]> deflate) {
        Manifold m = problem.manifold();
        int n = problem.size();
        double[] egrad = problem.hessianGradient(x);
        // an orthonormal basis of T_x ∩ S^perp: Gram-Schmidt on the projected, deflated unit vectors
        List<double[]> basis = new ArrayList<>();
        int target = m.dimension() - deflate.size();
        for (int i = 0; i < n && basis.size() < target; i++) {
            double[] e = new double[n];
            e[i] = 1.0;
            m.project(x, e, e);
            Symmetries.deflate(m, x, deflate, e);
            Symmetries.addOrthonormal(m, x, basis, e);
        }
        int dim = basis.size();
        double[][] hq = new double[dim][];
        double[] work = new double[n];
        for (int i = 0; i < dim; i++) {
            hq[i] = new double[n];
            problem.hessian(x, egrad, basis.get(i), hq[i], work);
        }
        double[][] a = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j <= i; j++) {
                double v = 0.5 * (m.inner(x, basis.get(i), hq[j]) + m.inner(x, basis.get(j), hq[i]));
                a[i][j] = v;
                a[j][i] = v;
            }
        }
        if (dim == 0) {
            return new double[0];
        }
        double[] ev = SymmetricEigen.eigenvalues(a);
        Arrays.sort(ev);
        return ev;
    }

    /**
     * The smallest Ritz value after at most {@code maxSteps} steps of Lanczos (full reorthogonalisation) on
     * T_x ∩ S^perp, from a random start drawn with {@code seed}; no early stop. An interrupt of the calling thread
     * (Ctrl-C) stops it with a {@link CancellationException}: a cut-short Ritz value certifies nothing.
     */
    public static Ritz lanczos(Problem problem, double[] x, List<double[]> deflate, int maxSteps, long seed) {
        return lanczos(problem, x, deflate, maxSteps, 0.0, seed);
    }

    /**
     * As {@link #lanczos(Problem, double[], List, int, long)}, stopping as soon as the smallest Ritz value's
     * residual estimate beta_m |s_m| (exact in exact arithmetic: ||Hess y - theta y|| for its Ritz vector y) is at
     * most {@code residualTolerance}, checked every {@value #CHECK_EVERY} steps. The Manifold contract makes
     * the metric the Euclidean u^T v, so the reorthogonalisation is plain dot products and axpys (classical
     * Gram-Schmidt against all Lanczos vectors in two blocked passes over the manifold's fixed pieces,
     * {@link BasisPasses}, repeated only when it removed more than 1 - 1/sqrt 2 of w's norm: "twice is
     * enough", Kahan-Parlett).
     */
    public static Ritz lanczos(Problem problem, double[] x, List<double[]> deflate, int maxSteps,
                               double residualTolerance, long seed) {
        Manifold m = problem.manifold();
        int n = problem.size();
        int steps = Math.max(1, Math.min(maxSteps, m.dimension() - deflate.size()));
        double[] egrad = problem.hessianGradient(x);
        double[] work = new double[n];
        List<double[]> v = new ArrayList<>();
        double[] alpha = new double[steps];
        double[] beta = new double[steps];
        double[] q = new double[n];
        m.randomTangent(x, new Random(seed), q);
        Symmetries.deflate(m, x, deflate, q);
        normalise(m, x, q);
        v.add(q);
        double[] w = new double[n];
        double[] c = new double[steps];
        BasisPasses passes = new BasisPasses(m.entryPieces());
        int k = 0;
        double scale = 0.0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("Lanczos interrupted after " + k + " steps");
            }
            double[] vk = v.get(k);
            problem.hessian(x, egrad, vk, w, work);
            m.project(x, w, w);
            Symmetries.deflate(m, x, deflate, w);
            alpha[k] = Dot.dot(vk, w);
            scale = Math.max(scale, Math.abs(alpha[k]));
            // re-project after each pass: once the Krylov space is nearly exhausted w is rounding noise, and
            // normalising it must not carry normal or symmetry components into the basis
            double before = Math.sqrt(Dot.squaredNorm(w, 0, n));
            for (int pass = 0; pass < 2; pass++) {
                int count = v.size();
                passes.coefficients(v, count, w, c);
                passes.subtract(v, count, c, w);
                m.project(x, w, w);
                Symmetries.deflate(m, x, deflate, w);
                double after = Math.sqrt(Dot.squaredNorm(w, 0, n));
                if (after > 0.7071 * before) {
                    break;
                }
                before = after;
            }
            double b = m.norm(x, w);
            beta[k] = b;
            k++;
            if (k >= steps || b <= 1e-13 * Math.max(scale, 1e-300)) {
                break;
            }
            if (residualTolerance > 0 && k % CHECK_EVERY == 0) {
                double[] ts = smallestRitz(alpha, beta, k);
                if (b * Math.abs(ts[1]) <= residualTolerance) {
                    break;
                }
            }
            double[] next = w.clone();
            for (int i = 0; i < n; i++) {
                next[i] /= b;
            }
            v.add(next);
        }
        double[][] t = tridiagonal(alpha, beta, k);
        SymmetricEigen eig = SymmetricEigen.of(t);
        double[] ev = eig.values();
        int argmin = 0;
        for (int i = 1; i < ev.length; i++) {
            if (ev[i] < ev[argmin]) {
                argmin = i;
            }
        }
        double[] z = eig.vector(argmin);
        double[] ritz = new double[n];
        double[] minusZ = new double[k];
        for (int j = 0; j < k; j++) {
            minusZ[j] = -z[j];
        }
        passes.subtract(v, k, minusZ, ritz);
        normalise(m, x, ritz);
        problem.hessian(x, egrad, ritz, w, work);
        m.project(x, w, w);
        Symmetries.deflate(m, x, deflate, w);
        double theta = ev[argmin];
        for (int i = 0; i < n; i++) {
            w[i] -= theta * ritz[i];
        }
        return new Ritz(theta, m.norm(x, w), k, ritz);
    }

    /** Steps between two checks of the early stop. */
    public static final int CHECK_EVERY = 5;

    private static double[][] tridiagonal(double[] alpha, double[] beta, int k) {
        double[][] t = new double[k][k];
        for (int i = 0; i < k; i++) {
            t[i][i] = alpha[i];
            if (i + 1 < k) {
                t[i][i + 1] = beta[i];
                t[i + 1][i] = beta[i];
            }
        }
        return t;
    }

    /** {theta, s_k}: the smallest eigenvalue of the k x k Lanczos matrix and its eigenvector's last entry. */
    private static double[] smallestRitz(double[] alpha, double[] beta, int k) {
        SymmetricEigen eig = SymmetricEigen.of(tridiagonal(alpha, beta, k));
        double[] ev = eig.values();
        int arg = 0;
        for (int i = 1; i < ev.length; i++) {
            if (ev[i] < ev[arg]) {
                arg = i;
            }
        }
        return new double[] {ev[arg], eig.vector(arg)[k - 1]};
    }

    private static void normalise(Manifold m, double[] x, double[] v) {
        double s = m.norm(x, v);
        for (int i = 0; i < v.length; i++) {
            v[i] /= s;
        }
    }
}
