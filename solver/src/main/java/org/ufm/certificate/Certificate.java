package org.ufm.certificate;

import org.ufm.model.UfmModel;
import org.ufm.variant.Variant;
import org.ufm.variant.Variants;

/**
 * Optimality certificate of a point of a UFM.
 * <ul>
 * <li>first order: ||grad f|| &lt;= the gradient tolerance;</li>
 * <li>global: a closed-form optimum f* exists, (f - f*)/|f*| &lt;= the gap tolerance, the point is first-order
 * critical, and where the variant gives the bound (Euclidean models with weight decay on W and H and a loss
 * convex in Z: CE or squared) sigma_max(grad_Z g) &lt;= sqrt(lambda_W lambda_H)(1 + 1e-6)
 * (SPEC.md 3.1: with the nuclear-norm lifting this proves global optimality of a critical point).</li>
 * </ul>
 * Where no closed form applies (d &lt; K-1, imbalanced classes, the unregularised CE of ULPM whose infimum 0
 * is not attained) the optimum is null and global is false. Where f* = 0 (Mixon's interpolating squared
 * loss) the "relative" gap is the absolute gap f - 0.
 */
public final class Certificate {

    /** Relative slack allowed in the sigma_max test. */
    public static final double SIGMA_SLACK = 1e-6;

    /** Gradient norm of the point. */
    public final double gradNorm;
    /** Tolerance for the first-order test. */
    public final double gradTolerance;
    /** ||grad f|| &lt;= gradTolerance. */
    public final boolean firstOrder;
    /** Closed-form optimum, or null. */
    public final Double optimum;
    /** f - f*, or null. */
    public final Double gap;
    /** (f - f*)/|f*|, or null. */
    public final Double relativeGap;
    /** Tolerance on the relative gap. */
    public final double gapTolerance;
    /** sigma_max of the logit gradient (CE model with weight decay), or null. */
    public final Double sigmaMax;
    /** How sigmaMax was computed ({@link LargestSingularValue#methodFor}), or null. */
    public final String sigmaMaxMethod;
    /** sqrt(lambda_W lambda_H) (CE model with weight decay), or null. */
    public final Double sigmaBound;
    /** The global-optimality verdict. */
    public final boolean global;

    private Certificate(double gradNorm, double gradTolerance, Double optimum, double cost, double gapTolerance,
                        Double sigmaMax, String sigmaMaxMethod, Double sigmaBound) {
        this.gradNorm = gradNorm;
        this.gradTolerance = gradTolerance;
        this.firstOrder = firstOrder(gradNorm, gradTolerance);
        this.optimum = optimum;
        this.gap = optimum == null ? null : cost - optimum;
        this.relativeGap = optimum == null ? null : (cost - optimum) / (optimum == 0.0 ? 1.0 : Math.abs(optimum));
        this.gapTolerance = gapTolerance;
        this.sigmaMax = sigmaMax;
        this.sigmaMaxMethod = sigmaMaxMethod;
        this.sigmaBound = sigmaBound;
        this.global = optimum != null && firstOrder && sigmaPasses(sigmaMax, sigmaBound)
                && Math.abs(relativeGap) <= gapTolerance;
    }

    /** The first-order test, ||grad f|| &lt;= the tolerance (false for NaN): the one rule for the verdict and for sigma. */
    static boolean firstOrder(double gradNorm, double gradTolerance) {
        return gradNorm <= gradTolerance;
    }

    /**
     * The sigma_max test: true where the variant gives no bound; else only a computed sigma_max within
     * bound (1 + {@value #SIGMA_SLACK}) passes, so that a sigma_max not computed (null) or NaN never certifies.
     */
    static boolean sigmaPasses(Double sigmaMax, Double sigmaBound) {
        return sigmaBound == null || sigmaMax != null && sigmaMax <= sigmaBound * (1 + SIGMA_SLACK);
    }

    /** True where the variant gives the sigma_max bound but sigma_max was not computed (not a first-order point). */
    public boolean sigmaMaxSkipped() {
        return sigmaBound != null && sigmaMax == null;
    }

    /** The closed-form optimum of a model (from its variant's description), or null where none applies. */
    public static Double optimum(UfmModel model) {
        Variant v = Variants.of(model);
        return v == null ? null : v.optimum(model);
    }

    /**
     * Certifies the point x with objective {@code cost} and Riemannian gradient norm {@code gradNorm}; sigma_max only
     * at a first-order point, the only place where it decides the verdict ({@link #of(UfmModel, double[], double,
     * double, double, double, boolean)} with false).
     */
    public static Certificate of(UfmModel model, double[] x, double cost, double gradNorm, double gradTolerance,
                                 double gapTolerance) {
        return of(model, x, cost, gradNorm, gradTolerance, gapTolerance, false);
    }

    /**
     * Certifies the point x. Where the variant gives the bound sqrt(lambda_W lambda_H), sigma_max(grad_Z g) is
     * computed at a first-order point, and elsewhere only when {@code sigmaAtAnyPoint}: the caller will need it
     * anyway (the second-order bound of {@link SecondOrderCertificate#convexLossBound} holds at any point and takes
     * it from here instead of computing it again). Away from a critical point the global verdict is no whatever
     * sigma_max is, and at K = 1000, N = 20000 it costs 40 GFLOP. Not computed, it is null and
     * {@link #sigmaMaxSkipped()} says so.
     */
    public static Certificate of(UfmModel model, double[] x, double cost, double gradNorm, double gradTolerance,
                                 double gapTolerance, boolean sigmaAtAnyPoint) {
        Variant v = Variants.of(model);
        Double bound = v == null ? null : v.sigmaBound(model);
        boolean wanted = firstOrder(gradNorm, gradTolerance) || sigmaAtAnyPoint;
        Double sigma = bound == null || !wanted ? null : LargestSingularValue.at(model, x).value;
        return new Certificate(gradNorm, gradTolerance, optimum(model), cost, gapTolerance, sigma,
                sigma == null ? null : LargestSingularValue.methodFor(model.labels().classes()), bound);
    }
}
