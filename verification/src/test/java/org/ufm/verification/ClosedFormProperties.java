package org.ufm.verification;

import org.junit.jupiter.api.Test;

/** SPEC 3.6 / 3.2: the explicit optimal points are critical, have value f*, and PSD Hessians modulo symmetries. */
class ClosedFormProperties {

    @Test
    void closedFormPointIsCriticalWithTheClosedFormValue() {
        Property.CLOSED_FORM_POINT.runReal(40, 400);
    }

    @Test
    void hessianAtTheClosedFormPointIsPsdWithZerosExactlyOnSymmetries() {
        Property.HESSIAN_AT_OPTIMUM.runReal(15, 150);
    }
}
