package org.ufm.certificate;

import java.util.Random;
import org.ufm.compute.Dot;
import org.ufm.compute.Gemm;
import org.ufm.compute.SymmetricEigenLapack;
import org.ufm.linalg.SymmetricEigen;
import org.ufm.model.UfmModel;

/**
 * sigma_max(G) of a K x N column-major matrix G, the test quantity of the global certificate.
 * <ul>
 * <li>K &lt;= {@value #DENSE_LIMIT}: dense, the largest eigenvalue of the K x K Gram matrix G G^T
 * (one dsyrk, or at a model's point one per block of samples without G itself, {@link #at}; LAPACK's dsyevd without
 * eigenvectors, or Hipparchus, {@link #fromGram}), exact to rounding.</li>
 * <li>Above: Lanczos with full reorthogonalisation on the Gram operator v -&gt; G (G^T v) (two BLAS
 * matrix-vector products per step, never the K x K matrix), from a seeded Gaussian start. The largest Ritz
 * value theta satisfies theta &lt;= lambda_max(G G^T), and some eigenvalue lies within the residual
 * r = ||G G^T y - theta y|| = beta_m |s_m| of it; the run stops when r &lt;= {@value #RELATIVE_RESIDUAL}
 * theta (so sigma = sqrt(theta) is that eigenvalue's root to about 5e-13 relative), when the Krylov space
 * is exhausted (exact), or after {@value #MAX_STEPS} steps (the residual is then reported as it is). A
 * random start misses the top eigenspace with probability 0 (Kuczynski and Wozniakowski 1992).</li>
 * </ul>
 */
public final class LargestSingularValue {

    /**
     * Largest K for the dense method: up to here sigma_max is exact to rounding, which the second-order bound
     * ({@link SecondOrderCertificate#convexLossBound}) needs to be a proof. At K=1000, N=20000 the Gram and LAPACK
     * take 0.5-0.7 s, Lanczos 1.5-1.7 s on a random G and 0.64 s at the K=1000, n=20, d=512 solution.
     */
    public static final int DENSE_LIMIT = 1000;
    /** Stop when the Ritz residual is at most this times the Ritz value. */
    public static final double RELATIVE_RESIDUAL = 1e-12;
    /** Largest number of Lanczos steps. */
    public static final int MAX_STEPS = 300;

    /** The estimate of sigma_max (sqrt of the Ritz value; exact to rounding for dense). */
    public final double value;
    /** The residual ||G G^T y - theta y|| of the Ritz pair on the Gram operator (0 for dense). */
    public final double residual;
    /** Lanczos steps (0 for dense). */
    public final int steps;
    /** "dense" or "lanczos". */
    public final String method;

    private LargestSingularValue(double value, double residual, int steps, String method) {
        this.value = value;
        this.residual = residual;
        this.steps = steps;
        this.method = method;
    }

    /**
     * "dense" (exact to rounding: a bound that uses it is a proof) up to {@value #DENSE_LIMIT} rows, "lanczos" above
     * (a Ritz value, which can only underestimate sigma_max: a bound that uses it rests on that run's convergence).
     */
    public static String methodFor(int k) {
        return k <= DENSE_LIMIT ? "dense" : "lanczos";
    }

    /** sigma_max(grad_Z g) at x: {@code given} when not null (computed once by the caller), else {@link #at}. */
    public static double givenOrAt(Double given, UfmModel model, double[] x) {
        return given != null ? given : at(model, x).value;
    }

    /**
     * sigma_max(grad_Z g) at x, as {@link #of} on {@link UfmModel#logitGradient}, but up to {@value #DENSE_LIMIT}
     * classes from the model's Gram G G^T ({@link UfmModel#logitGradientGram}, accumulated without G's K x N array).
     */
    public static LargestSingularValue at(UfmModel model, double[] x) {
        int k = model.labels().classes();
        if (k <= DENSE_LIMIT) {
            return new LargestSingularValue(fromGram(model.logitGradientGram(x), k), 0.0, 0, "dense");
        }
        return of(model.logitGradient(x), k);
    }

    /** sigma_max of the K x N column-major g: dense up to {@value #DENSE_LIMIT} rows, Lanczos above. */
    public static LargestSingularValue of(double[] g, int k) {
        if (k <= DENSE_LIMIT) {
            return new LargestSingularValue(dense(g, k), 0.0, 0, "dense");
        }
        return lanczos(g, k, MAX_STEPS, RELATIVE_RESIDUAL, 1L);
    }

    /**
     * sigma_max from the largest eigenvalue of the K x K Gram matrix G G^T (O(K^2 N + K^3)): its lower triangle by one
     * BLAS dsyrk, then the system's LAPACK ({@code dsyevd} without eigenvectors, on that triangle as it is) when it is
     * loaded and the Gram is finite, else all eigenvalues by Hipparchus ({@link SymmetricEigen#of(double[][])} on the
     * mirrored matrix). At K=100, n=20, d=128, run once per process after a solve, the decomposition with eigenvectors
     * and its Java copies took 19-32 ms of the certificate; the eigenvalues alone take about 1 ms.
     */
    public static double dense(double[] g, int k) {
        return fromGram(Gemm.lowerGram(g, k), k);
    }

    /**
     * sqrt of the largest eigenvalue of the symmetric K x K matrix whose lower triangle (column-major) is {@code gg}
     * (the strict upper triangle is not read): LAPACK where loaded and gg is finite, else Hipparchus, as in
     * {@link #dense}.
     */
    public static double fromGram(double[] gg, int k) {
        if (SymmetricEigenLapack.available() && Dot.allFinite(gg, 0, gg.length)) {
            double top = SymmetricEigenLapack.largestEigenvalue(k, gg.clone());
            if (!Double.isNaN(top)) {
                return Math.sqrt(Math.max(top, 0.0));
            }
        }
        double[][] gram = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                gram[a][b] = gg[b * k + a];
                gram[b][a] = gg[b * k + a];
            }
        }
        double[] ev = SymmetricEigen.of(gram).values();
        double max = 0.0;
        for (double v : ev) {
            max = Math.max(max, v);
        }
        return Math.sqrt(max);
    }

    /**
     * Lanczos on G G^T: at most {@code maxSteps} steps, stopping when the largest Ritz value's residual is
     * at most {@code relativeResidual} times it; start N(0, I) drawn with {@code seed}.
     */
    public static LargestSingularValue lanczos(double[] g, int k, int maxSteps, double relativeResidual, long seed) {
        int n = g.length / k;
        int steps = Math.max(1, Math.min(maxSteps, k));
        double[][] v = new double[steps + 1][];
        double[] alpha = new double[steps];
        double[] beta = new double[steps];
        double[] q = new double[k];
        Random random = new Random(seed);
        for (int i = 0; i < k; i++) {
            q[i] = random.nextGaussian();
        }
        scale(q, 1.0 / norm(q));
        v[0] = q;
        double[] t = new double[n];
        double theta = 0.0;
        double residual = 0.0;
        int m = 0;
        while (m < steps) {
            double[] w = new double[k];
            Gemm.dgemv(true, k, n, 1.0, g, 0, k, v[m], 0, 0.0, t, 0);
            Gemm.dgemv(false, k, n, 1.0, g, 0, k, t, 0, 0.0, w, 0);
            alpha[m] = dot(v[m], w);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= m; i++) {
                    double c = dot(v[i], w);
                    for (int a = 0; a < k; a++) {
                        w[a] -= c * v[i][a];
                    }
                }
            }
            double b = norm(w);
            beta[m] = b;
            m++;
            boolean last = m == steps;
            if (last || m <= 30 || m % 10 == 0) {
                double[] ritz = largestRitz(alpha, beta, m);
                theta = ritz[0];
                residual = b * Math.abs(ritz[1]);
                if (last || residual <= relativeResidual * theta || !(b > 1e-14 * Math.max(theta, Double.MIN_NORMAL))) {
                    break;
                }
            }
            scale(w, 1.0 / b);
            v[m] = w;
        }
        return new LargestSingularValue(Math.sqrt(Math.max(theta, 0.0)), residual, m, "lanczos");
    }

    /** {theta, s_m}: the largest eigenvalue of the m x m tridiagonal T and its eigenvector's last entry. */
    private static double[] largestRitz(double[] alpha, double[] beta, int m) {
        SymmetricEigen eig = SymmetricEigen.ofTridiagonal(alpha, beta, m);
        double[] ev = eig.values();
        int arg = 0;
        for (int i = 1; i < m; i++) {
            if (ev[i] > ev[arg]) {
                arg = i;
            }
        }
        return new double[] {ev[arg], eig.vector(arg)[m - 1]};
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void scale(double[] a, double c) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= c;
        }
    }
}
