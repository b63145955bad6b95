package org.ufm.variant;

import java.util.Map;
import org.ufm.closedform.StrictSaddle;

/**
 * A variant's explicit strict saddle (SPEC.md 4) with what the saddle command reports about it.
 *
 * @param saddle                 the point, its negative-curvature direction and the predicted curvature
 * @param kind                   the saddle in words, e.g. "origin W = H = 0, b = 0"
 * @param predictedMinEigenvalue SPEC's closed-form smallest Hessian eigenvalue there, or null when SPEC gives none
 * @param parameters             the model parameters the report names (ordered; values may be null)
 */
public record KnownSaddle(StrictSaddle saddle, String kind, Double predictedMinEigenvalue,
                          Map<String, Object> parameters) {
}
