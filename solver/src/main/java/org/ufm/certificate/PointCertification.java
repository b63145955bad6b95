package org.ufm.certificate;

import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;

/**
 * What can be certified about a given point of a UFM without moving it: the objective and Riemannian
 * gradient norm (evaluated exactly as a solver does, so a solver's final iterate gives its own bits), the
 * global certificate ({@link Certificate}: closed-form gap and the sigma_max test), the second-order
 * certificate ({@link SecondOrderCertificate}), the Procrustes distance to the closed-form minimiser and the
 * NC metrics. {@link #holds} answers whether a required level is met. This is the single place that assembles
 * the certificate of an outside point (the {@code certify} command); it uses only the certificate classes.
 */
public final class PointCertification {

    /** The certificate levels a caller may require, weakest first. */
    public enum Level {
        /** ||grad f|| <= tol. */
        FIRST_ORDER("first-order"),
        /** First order and lambda_min(Hess f) >= -tol on the deflated tangent space. */
        SECOND_ORDER("second-order"),
        /** {@link Certificate#global}: first order, the closed-form gap and, with weight decay, sigma_max. */
        GLOBAL("global");

        private final String option;

        Level(String option) {
            this.option = option;
        }

        /** The command-line spelling. */
        public String option() {
            return option;
        }

        /** Parses the command-line spelling, or returns null. */
        public static Level parse(String s) {
            for (Level l : values()) {
                if (l.option.equals(s)) {
                    return l;
                }
            }
            return null;
        }
    }

    /** f(x). */
    public final double objective;
    /** ||grad f(x)||, Riemannian. */
    public final double gradNorm;
    /** First-order and global certificate. */
    public final Certificate certificate;
    /** Second-order certificate, or null when not computed. */
    public final SecondOrderCertificate secondOrder;
    /** Distance to the closed-form minimiser set, or null where none applies. */
    public final Double distanceToOptimum;
    /** NC metrics, or null when W and H are numerically zero (undefined there). */
    public final NeuralCollapseMetrics metrics;

    private PointCertification(double objective, double gradNorm, Certificate certificate,
                               SecondOrderCertificate secondOrder, Double distanceToOptimum,
                               NeuralCollapseMetrics metrics) {
        this.objective = objective;
        this.gradNorm = gradNorm;
        this.certificate = certificate;
        this.secondOrder = secondOrder;
        this.distanceToOptimum = distanceToOptimum;
        this.metrics = metrics;
    }

    /** The level required by default: global where a closed form exists, else second order. */
    public static Level defaultLevel(UfmModel model) {
        return Certificate.optimum(model) != null ? Level.GLOBAL : Level.SECOND_ORDER;
    }

    /**
     * Certifies x (a point of the model's manifold; not modified).
     *
     * @param gradTolerance  first-order tolerance on ||grad f||
     * @param gapTolerance   tolerance on the relative gap to the closed form
     * @param secondOrder    whether to compute the second-order certificate (Hessian spectrum)
     */
    public static PointCertification at(UfmModel model, double[] x, double gradTolerance, double gapTolerance,
                                        boolean secondOrder) {
        Problem problem = new Problem(model.manifold(), model);
        double[] point = x.clone();
        double[] rgrad = new double[problem.size()];
        double f = problem.costAndGradient(point, rgrad);
        double gn = model.manifold().norm(point, rgrad);
        Certificate cert = Certificate.of(model, point, f, gn, gradTolerance, gapTolerance);
        SecondOrderCertificate second = secondOrder
                ? SecondOrderCertificate.of(model, point, SecondOrderCertificate.DEFAULT_TOLERANCE) : null;
        Double distance = OptimumDistance.of(model, point);
        double[][] w = model.classifierRows(point);
        double[][] h = model.featureColumns(point);
        NeuralCollapseMetrics nc = NeuralCollapseMetrics.undefinedAt(w, h) ? null
                : NeuralCollapseMetrics.compute(w, h, model.labels().toArray(), model.bias(point));
        return new PointCertification(f, gn, cert, second, distance, nc);
    }

    /** True when the point meets the level (second order needs the second-order certificate computed). */
    public boolean holds(Level level) {
        switch (level) {
            case FIRST_ORDER:
                return certificate.firstOrder;
            case SECOND_ORDER:
                return certificate.firstOrder && secondOrder != null && secondOrder.secondOrder;
            default:
                return certificate.global;
        }
    }
}
