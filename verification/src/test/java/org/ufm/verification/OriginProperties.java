package org.ufm.verification;

import org.junit.jupiter.api.Test;

/** SPEC 4.1: the Hessian spectrum of the CE model at the origin, and the regime where the origin is optimal. */
class OriginProperties {

    @Test
    void originSpectrumMatchesSpecAndAboveTheThresholdTheSolveEndsThere() {
        Property.ORIGIN.runReal(15, 150);
    }
}
