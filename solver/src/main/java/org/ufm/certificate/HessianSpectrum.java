package org.ufm.certificate;

import org.ufm.linalg.SymmetricEigen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
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
 * <li>{@link #lanczos}: the smallest Ritz value of m steps of Lanczos, its basis kept orthogonal to within
 * {@value #ORTHOGONALITY} as measured, on Hessian-vector products, from a seeded random tangent vector in
 * T_x ∩ S^perp, reported as the Rayleigh quotient theta of its unit Ritz vector v: never below the smallest
 * eigenvalue; the residual ||Hess v - theta v|| bounds the distance from theta to some eigenvalue. With
 * m = dim(T_x ∩ S^perp) steps it is exact in exact arithmetic.</li>
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
     * The smallest Ritz value after at most {@code maxSteps} steps of Lanczos on
     * T_x ∩ S^perp, from a random start drawn with {@code seed}; no early stop. An interrupt of the calling thread
     * (Ctrl-C) stops it with a {@link CancellationException}: a cut-short Ritz value certifies nothing.
     */
    public static Ritz lanczos(Problem problem, double[] x, List<double[]> deflate, int maxSteps, long seed) {
        return lanczos(problem, x, deflate, maxSteps, 0.0, seed);
    }

    /**
     * As {@link #lanczos(Problem, double[], List, int, long)}, stopping as soon as the smallest Ritz value's
     * residual estimate beta_m |s_m| (exact in exact arithmetic: ||Hess y - theta y|| for its Ritz vector y) is at
     * most {@code residualTolerance}, checked after every step from step {@value #FIRST_CHECK} on. The Manifold
     * contract makes the metric the Euclidean u^T v, so the reorthogonalisation is plain dot products and axpys:
     * the three-term recurrence against the newest two vectors, then one blocked pass over all of them
     * ({@link BasisPasses}) that measures what is left and subtracts it only where it exceeds
     * {@value #ORTHOGONALITY} of w's norm ({@link #orthogonalise}). The value returned is the Rayleigh quotient of
     * the unit Ritz vector and the residual is computed from one more product, so neither relies on the basis being
     * orthogonal.
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
        startVector(seed, q);
        m.project(x, q, q);
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
            // the three-term recurrence: w -= alpha_k v_k + beta_{k-1} v_{k-1}, both coefficients measured
            List<double[]> recent = v.subList(Math.max(0, k - 1), k + 1);
            passes.coefficients(recent, recent.size(), w, c);
            alpha[k] = c[recent.size() - 1];
            scale = Math.max(scale, Math.abs(alpha[k]));
            passes.subtract(recent, recent.size(), c, w);
            // re-project after each subtraction: once the Krylov space is nearly exhausted w is rounding noise,
            // and normalising it must not carry normal or symmetry components into the basis
            m.project(x, w, w);
            Symmetries.deflate(m, x, deflate, w);
            double ww = orthogonalise(m, x, deflate, passes, v, w, c);
            double b = Math.sqrt(ww);
            beta[k] = b;
            k++;
            if (k >= steps || b <= 1e-13 * Math.max(scale, 1e-300)) {
                break;
            }
            if (residualTolerance > 0 && k >= FIRST_CHECK) {
                double[] ts = smallestRitz(alpha, beta, k);
                if (b * Math.abs(ts[1]) <= residualTolerance) {
                    break;
                }
            }
            v.add(dividedBy(w, b));
        }
        SymmetricEigen eig = SymmetricEigen.ofTridiagonal(alpha, beta, k);
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
        // the Rayleigh quotient of the unit Ritz vector, not the eigenvalue of T: an upper bound on the smallest
        // eigenvalue whatever the orthogonality of the basis, with the residual that bounds its distance to one
        double theta = m.inner(x, ritz, w);
        subtractMultiple(w, theta, ritz);
        return new Ritz(theta, m.norm(x, w), k, ritz);
    }

    /*
     * The loops over all n entries live in small methods of their own: inside lanczos, which runs once, they made
     * the JIT compile the whole method on stack replacement (0.1 s of compiler time in a 0.35 s certificate at
     * K=100, n=20, d=128, on a 2-core machine where the compiler thread takes its time from the products).
     */

    /** A new array w / b, entry by entry (a division, as the Lanczos recurrence defines the next vector). */
    private static double[] dividedBy(double[] w, double b) {
        double[] q = new double[w.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = w[i] / b;
        }
        return q;
    }

    /** w -= a u. */
    private static void subtractMultiple(double[] w, double a, double[] u) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= a * u[i];
        }
    }

    /**
     * Reorthogonalises w against all Lanczos vectors, where it needs it, and returns ||w||^2. One pass measures
     * c = V^T w (and ||w||); only when some |c_j| exceeds {@value #ORTHOGONALITY} ||w|| are the components
     * subtracted (classical Gram-Schmidt, project, deflate) and measured again, at most {@value #REORTHOGONALISATIONS}
     * times. Every Lanczos vector is then orthogonal to all earlier ones within about that level, as measured,
     * not as estimated (Simon's partial reorthogonalisation estimates it; here the pass that reads the basis is
     * the measurement). Where the three-term recurrence keeps the basis orthogonal on its own, as in the first
     * steps, this reads the basis once per step instead of two to four times.
     */
    static double orthogonalise(Manifold m, double[] x, List<double[]> deflate, BasisPasses passes,
                                List<double[]> v, double[] w, double[] c) {
        int count = v.size();
        double ww = passes.coefficients(v, count, w, c);
        for (int pass = 0; pass < REORTHOGONALISATIONS && largest(c, count) > ORTHOGONALITY * Math.sqrt(ww); pass++) {
            passes.subtract(v, count, c, w);
            m.project(x, w, w);
            Symmetries.deflate(m, x, deflate, w);
            ww = passes.coefficients(v, count, w, c);
        }
        return ww;
    }

    private static double largest(double[] c, int count) {
        double max = 0.0;
        for (int j = 0; j < count; j++) {
            max = Math.max(max, Math.abs(c[j]));
        }
        return max;
    }

    /**
     * Largest |v_j . w| / ||w|| left unsubtracted: a new Lanczos vector is orthogonal to every earlier one within
     * this, far below the sqrt(eps) = 1.5e-8 of semi-orthogonality, under which the Ritz values are as accurate as
     * with full reorthogonalisation (Simon 1984). Measured at K=100, n=20, d=128: after the three-term recurrence
     * the other components are 1e-17 to 3e-15 of ||w|| in most steps, 7e-13 where ||w|| fell by four digits.
     */
    static final double ORTHOGONALITY = 1e-12;
    /** Largest number of subtractions per step ("twice is enough", Kahan-Parlett, plus one). */
    static final int REORTHOGONALISATIONS = 3;

    /**
     * q = independent standard normal entries from {@code seed} (SplittableRandom's ziggurat: at 1.3 M entries
     * 129 ms went to java.util.Random's polar method, a tenth of the K=100, n=100 certificate).
     */
    static void startVector(long seed, double[] q) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < q.length; i++) {
            q[i] = random.nextGaussian();
        }
    }

    /**
     * The first step after which the early stop is tested; from there on it is tested after every step (the
     * k x k tridiagonal eigenproblem is negligible next to a Hessian-vector product). Tested every fifth step
     * instead, the certificates at K=100, d=128 took 15, 10 and 15 steps (CE n=20, sphere n=20, CE n=100) where
     * the residual estimate had fallen below the tolerance after 12, 10 and 11.
     */
    public static final int FIRST_CHECK = 5;

    /** {theta, s_k}: the smallest eigenvalue of the k x k Lanczos matrix and its eigenvector's last entry. */
    private static double[] smallestRitz(double[] alpha, double[] beta, int k) {
        SymmetricEigen eig = SymmetricEigen.ofTridiagonal(alpha, beta, k);
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
