package org.ufm.certificate;

import java.util.Collections;
import java.util.List;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;

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
    /** Lanczos steps (null for dense). */
    public final Integer steps;
    /** The tolerance. */
    public final double tolerance;
    /** minEigenvalue >= -tolerance. */
    public final boolean secondOrder;

    private SecondOrderCertificate(String method, double minEigenvalue, Double undeflated, Integer nearZero,
                                   Integer symmetryDimension, Double residual, Integer steps, double tolerance) {
        this.method = method;
        this.minEigenvalue = minEigenvalue;
        this.minEigenvalueUndeflated = undeflated;
        this.nearZeroEigenvalues = nearZero;
        this.symmetryDimension = symmetryDimension;
        this.residual = residual;
        this.steps = steps;
        this.tolerance = tolerance;
        this.secondOrder = minEigenvalue >= -tolerance;
    }

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
                    tolerance);
        }
        long budget = Runtime.getRuntime().maxMemory() / 4 / (8L * n);
        int steps = (int) Math.max(20, Math.min(LANCZOS_STEPS, budget));
        HessianSpectrum.Ritz r = HessianSpectrum.lanczos(problem, x, s, steps, RESIDUAL_FRACTION * tolerance, 1L);
        return new SecondOrderCertificate("lanczos", r.value, null, null, sym, r.residual, r.steps, tolerance);
    }
}
