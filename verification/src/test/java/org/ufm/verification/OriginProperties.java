package org.ufm.verification;

import org.junit.jupiter.api.Test;

/** SPEC 4.1: the CE Hessian spectrum at the origin and the regime where it is optimal; SPEC 4.2: the sphere collapse saddle. */
class OriginProperties {

    @Test
    void originSpectrumMatchesSpecAndAboveTheThresholdTheSolveEndsThere() {
        Property.ORIGIN.runReal(15, 150);
    }

    @Test
    void sphereTotalCollapseIsAStrictSaddleWithTheSpecCurvature() {
        Property.SPHERE_COLLAPSE_SADDLE.runReal(40, 400);
    }
}
