package org.ufm.certificate;

import java.util.Collections;
import java.util.List;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;
import org.ufm.variant.Variant;
import org.ufm.variant.Variants;

/**
 * Second-order certificate of a point: the smallest eigenvalue of the Riemannian Hessian on the tangent
 * space with the symmetry directions deflated ({@link Symmetries}: rotations of all vectors in R^d and,
 * with lambda_b = 0, the bias shift b -> b + beta 1; these are exact null directions at a critical point,
 * near-null at an approximate one). The verdict is lambda_min >= -{@code tolerance}.
 * <ul>
 * <li>Up to {@value #DENSE_LIMIT} variables: dense and exact ({@link HessianSpectrum#dense}); it also
 * reports the undeflated minimum and how many eigenvalues of the whole tangent spectrum lie within
 * {@code tolerance} of 0 (at an optimum: the symmetry dimension, plus any flat direction not explained
 * by a symmetry).</li>
 * <li>Above: Lanczos ({@link HessianSpectrum#lanczos}, at most {@value #LANCZOS_STEPS} steps and no more
 * Lanczos vectors than a quarter of the heap holds; it stops as soon as the smallest Ritz value's residual
 * is at most {@value #RESIDUAL_FRACTION} x tolerance, so that an eigenvalue lies within that distance of
 * the reported value), deflated
 * when the symmetry basis is affordable (generators^2 x variables <= {@value #DEFLATE_WORK}), otherwise on
 * the whole tangent space (the symmetry zeros then appear as a Ritz value near 0, which the verdict
 * tolerates). The value is the Rayleigh quotient of the Ritz vector, an upper bound on lambda_min; its residual
 * is reported with it.</li>
 * <li>Above {@value #DENSE_LIMIT} variables, for the models whose variant gives one: the lower bound from
 * sigma_max(grad_Z g), {@link #convexLossBound} (CE and MSE with decay on W and H) or {@link #sphereBound} (the sphere
 * model), used when it is at least -tolerance (method {@value #SIGMA_BOUND}); no Hessian-vector product.</li>
 * </ul>
 */
public final class SecondOrderCertificate {

    /** Largest number of variables for the dense method. */
    public static final int DENSE_LIMIT = 600;
    /** Largest number of Lanczos steps. */
    public static final int LANCZOS_STEPS = 200;
    /** Largest (generators^2 x variables) for which the symmetry basis is built. */
    public static final double DEFLATE_WORK = 2e9;
    /** Lanczos stops once its smallest Ritz value's residual is at most this fraction of the tolerance. */
    public static final double RESIDUAL_FRACTION = 0.1;
    /** Default tolerance: second order when lambda_min >= -1e-8. */
    public static final double DEFAULT_TOLERANCE = 1e-8;

    /** "dense" or "lanczos". */
    public final String method;
    /** Smallest eigenvalue (or Ritz vector's Rayleigh quotient) of the Hessian on T_x, symmetries deflated. */
    public final double minEigenvalue;
    /** Smallest eigenvalue on the whole tangent space (dense only, else null). */
    public final Double minEigenvalueUndeflated;
    /** Eigenvalues of the whole tangent spectrum with |lambda| <= tolerance (dense only, else null). */
    public final Integer nearZeroEigenvalues;
    /** Dimension of the deflated symmetry subspace, or null when it was not deflated. */
    public final Integer symmetryDimension;
    /** Lanczos residual ||Hess v - theta v|| (null for dense). */
    public final Double residual;
    /** For {@value #SIGMA_BOUND}: how its sigma_max was computed ({@link LargestSingularValue#methodFor}), else null. */
    public final String sigmaMaxMethod;
    /** Lanczos steps (null for dense). */
    public final Integer steps;
    /** The tolerance. */
    public final double tolerance;
    /** minEigenvalue >= -tolerance. */
    public final boolean secondOrder;

    private SecondOrderCertificate(String method, double minEigenvalue, Double undeflated, Integer nearZero,
                                   Integer symmetryDimension, Double residual, Integer steps, double tolerance,
                                   String sigmaMaxMethod) {
        this.method = method;
        this.minEigenvalue = minEigenvalue;
        this.minEigenvalueUndeflated = undeflated;
        this.nearZeroEigenvalues = nearZero;
        this.symmetryDimension = symmetryDimension;
        this.residual = residual;
        this.steps = steps;
        this.sigmaMaxMethod = sigmaMaxMethod;
        this.tolerance = tolerance;
        this.secondOrder = minEigenvalue >= -tolerance;
    }

    /**
     * Lower bound on lambda_min(Hess f) for f = g(W H + b 1^T) + (lambda_W/2)||W||^2 + (lambda_H/2)||H||^2
     * + (lambda_b/2)||b||^2 with g convex in Z, at a point where sigma_max(grad_Z g) = sigma. Along any direction
     * u = (dW, dH, db), with dZ = dW H + W dH + db 1^T,
     * u^T Hess f u = &lt;dZ, Hess g dZ&gt; + 2 &lt;grad_Z g, dW dH&gt; + lambda_W ||dW||^2 + lambda_H ||dH||^2
     * + lambda_b ||db||^2; the first term is &gt;= 0 (g convex) and the second &gt;= -2 sigma ||dW|| ||dH||, so
     * u^T Hess f u is at least the smallest eigenvalue of [[lambda_W, -sigma], [-sigma, lambda_H]] on the (dW, dH)
     * part and lambda_b on db: lambda_min &gt;= min(mu, lambda_b), where
     * mu = (lambda_W + lambda_H)/2 - sqrt(((lambda_W - lambda_H)/2)^2 + sigma^2)
     * = (lambda_W lambda_H - sigma^2) / ((lambda_W + lambda_H)/2 + sqrt(...)), the second form computed, its
     * numerator by fused multiply-adds (a few ulps of itself near sigma^2 = lambda_W lambda_H, where the bound is
     * decided). mu &gt;= 0 exactly when sigma &lt;= sqrt(lambda_W lambda_H), the global certificate's test. The bound
     * is attained at W = H = 0 (there dZ has no (dW, dH) part). {@code lambdaB}: +infinity when there is no bias.
     */
    public static double convexLossBound(double sigma, double lambdaW, double lambdaH, double lambdaB) {
        return Math.min(smallerEigenvalue(lambdaW, lambdaH, sigma), lambdaB);
    }

    /**
     * Lower bound on lambda_min of the Riemannian Hessian of the sphere model f(W, H) = g(tau W^T H) on
     * OB(d, K) x OB(d, N), g convex in Z (SPEC.md 2.3), at a point where sigma_max(grad_Z g) = sigma and the
     * Weingarten coefficients a_k = -w_k^T egrad_{w_k} and c_j = -h_j^T egrad_{h_j} are at least {@code aMin} and
     * {@code cMin}. Along a tangent direction (dW, dH), with dZ = tau (dW^T H + W^T dH),
     * &lt;xi, Hess f xi&gt; = &lt;dZ, Hess g dZ&gt; + 2 tau &lt;grad_Z g, dW^T dH&gt; + sum_k a_k ||dw_k||^2
     * + sum_j c_j ||dh_j||^2 &gt;= aMin ||dW||^2 + cMin ||dH||^2 - 2 tau sigma ||dW|| ||dH||, so lambda_min is at
     * least the smallest eigenvalue of [[aMin, -tau sigma], [-tau sigma, cMin]] (computed as in
     * {@link #convexLossBound}). At the simplex ETF with balanced classes a_k = n c_j and (tau sigma)^2 = a_k c_j
     * exactly, so the bound is 0, the Hessian's value along the rotations: tight where the certificate is decided.
     */
    public static double sphereBound(double tau, double sigma, double aMin, double cMin) {
        return smallerEigenvalue(aMin, cMin, tau * sigma);
    }

    /**
     * The smaller eigenvalue of [[a, -s], [-s, c]]: (a c - s^2) / ((a + c)/2 + sqrt(((a - c)/2)^2 + s^2)) while the
     * larger eigenvalue (the denominator) is &gt; 0, its numerator by fused multiply-adds (a few ulps of itself near
     * s^2 = a c, where a bound is decided); (a + c)/2 - sqrt(...) otherwise (both eigenvalues &lt;= 0, no cancellation).
     */
    static double smallerEigenvalue(double a, double c, double s) {
        double mean = 0.5 * (a + c);
        double half = 0.5 * (a - c);
        double root = Math.sqrt(half * half + s * s);
        if (!(mean + root > 0)) {
            return mean - root;
        }
        // a c - s^2 with one rounding: s^2 = p + e exactly (e by an fma), then fma(a, c, -p) - e
        double p = s * s;
        double e = Math.fma(s, s, -p);
        return (Math.fma(a, c, -p) - e) / (mean + root);
    }

    /**
     * Certifies x: above {@value #DENSE_LIMIT} variables, where the model's variant gives a lower bound on
     * lambda_min at x ({@link Variant#hessianLowerBound}; {@code sigmaMax} = sigma_max(grad_Z g) when the global
     * certificate already computed it, else null) and that bound is at least
     * -{@code tolerance}, the bound is the certificate (method {@code sigma-bound}: a lower bound, proved, where
     * Lanczos gives an upper one and a residual) and no Hessian-vector product is taken; otherwise
     * {@link #of(UfmModel, double[], double)}.
     */
    public static SecondOrderCertificate of(UfmModel model, double[] x, double tolerance, Double sigmaMax) {
        Variant v = Variants.of(model);
        if (v != null && mayTakeSigmaBound(model)) {
            Double bound = v.hessianLowerBound(model, x, sigmaMax);
            if (bound != null && bound >= -tolerance) {
                return new SecondOrderCertificate(SIGMA_BOUND, bound, null, null, null, null, null, tolerance,
                        LargestSingularValue.methodFor(model.labels().classes()));
            }
        }
        return of(model, x, tolerance);
    }

    /**
     * Whether {@link #of(UfmModel, double[], double, Double)} may take its certificate from a sigma_max bound at this
     * model's size (above {@value #DENSE_LIMIT} variables; below, the dense Hessian is exact and cheap): where a caller
     * should hand it sigma_max.
     */
    public static boolean mayTakeSigmaBound(UfmModel model) {
        return model.ambientDimension() > DENSE_LIMIT;
    }

    /** The method name of a certificate from {@link #convexLossBound}. */
    public static final String SIGMA_BOUND = "sigma-bound";

    /** Certifies x (a point of the model's manifold) with the given tolerance on lambda_min. */
    public static SecondOrderCertificate of(UfmModel model, double[] x, double tolerance) {
        Problem problem = new Problem(model.manifold(), model);
        int n = problem.size();
        long g = Symmetries.generatorCount(model);
        boolean deflate = (double) g * g * n <= DEFLATE_WORK;
        List<double[]> s = deflate ? Symmetries.basis(model, x) : Collections.emptyList();
        Integer sym = deflate ? s.size() : null;
        if (n <= DENSE_LIMIT) {
            double[] all = HessianSpectrum.dense(problem, x, Collections.emptyList());
            double[] reduced = HessianSpectrum.dense(problem, x, s);
            int zeros = 0;
            for (double v : all) {
                if (Math.abs(v) <= tolerance) {
                    zeros++;
                }
            }
            double min = reduced.length > 0 ? reduced[0] : Double.POSITIVE_INFINITY;
            return new SecondOrderCertificate("dense", min, all.length > 0 ? all[0] : null, zeros, sym, null, null,
                    tolerance, null);
        }
        long budget = Runtime.getRuntime().maxMemory() / 4 / (8L * n);
        int steps = (int) Math.max(20, Math.min(LANCZOS_STEPS, budget));
        HessianSpectrum.Ritz r = HessianSpectrum.lanczos(problem, x, s, steps, RESIDUAL_FRACTION * tolerance, 1L);
        return new SecondOrderCertificate("lanczos", r.value, null, null, sym, r.residual, r.steps, tolerance, null);
    }
}
