package org.ufm.closedform;

/**
 * An explicit critical point with a unit tangent direction of negative curvature there (SPEC.md 4).
 *
 * @param point                 the critical point
 * @param direction             a unit tangent direction of negative curvature
 * @param predicted             the predicted Rayleigh quotient &lt;xi, Hess xi&gt; of the unit direction
 * @param predictedUnnormalised the predicted &lt;xi, Hess xi&gt; of SPEC 4's unnormalised direction (sphere), else = predicted
 * @param negativeCount         the predicted number of negative eigenvalues, or -1 when SPEC gives none
 */
public record StrictSaddle(double[] point, double[] direction, double predicted, double predictedUnnormalised,
                           int negativeCount) {
}
