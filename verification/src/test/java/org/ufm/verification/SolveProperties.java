package org.ufm.verification;

import org.junit.jupiter.api.Test;

/** Armijo descent from random starts against the closed forms, and below d = K-1 against the ETF bound. */
class SolveProperties {

    @Test
    void armijoFromRandomStartsReachesTheEtfOptimum() {
        Property.SOLVE_REACHES_ETF.runReal(15, 150);
    }

    @Test
    void belowKMinusOneNoCertificateAndValueAboveTheEtf() {
        Property.BELOW_K_MINUS_ONE.runReal(6, 60);
    }
}
