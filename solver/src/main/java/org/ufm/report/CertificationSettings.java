package org.ufm.report;

/**
 * The tolerances of a certification and which of its parts to run besides the first-order and global tests.
 *
 * @param gradTolerance the first-order test ||grad f|| &lt;= gradTolerance
 * @param gapTolerance  the global test |f - f*|/|f*| &lt;= gapTolerance
 * @param secondOrder   whether to compute the second-order certificate (smallest Hessian eigenvalue)
 * @param distance      whether to compute the distance to the closed-form minimiser (a Procrustes SVD)
 * @param metrics       whether to compute the neural-collapse metrics (diagnostics, no part of the certificate)
 */
public record CertificationSettings(double gradTolerance, double gapTolerance, boolean secondOrder, boolean distance,
                                    boolean metrics) {

    /** With the distance to the minimiser and the metrics. */
    public CertificationSettings(double gradTolerance, double gapTolerance, boolean secondOrder) {
        this(gradTolerance, gapTolerance, secondOrder, true, true);
    }

    /** The same tolerances without the parts that may take long (second order, distance): after an interrupt. */
    public CertificationSettings skippingSlowParts() {
        return new CertificationSettings(gradTolerance, gapTolerance, false, false, metrics);
    }

    /** The same settings without the neural-collapse metrics. */
    public CertificationSettings withoutMetrics() {
        return new CertificationSettings(gradTolerance, gapTolerance, secondOrder, distance, false);
    }

    /** Default gradient-norm tolerance. */
    public static final double DEFAULT_GRAD_TOLERANCE = 1e-9;
    /** Default relative gap tolerance of the global certificate. */
    public static final double DEFAULT_GAP_TOLERANCE = 1e-9;

    /** The defaults: 1e-9, 1e-9, with the second-order certificate. */
    public static CertificationSettings defaults() {
        return new CertificationSettings(DEFAULT_GRAD_TOLERANCE, DEFAULT_GAP_TOLERANCE, true);
    }
}
