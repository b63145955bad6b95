package org.ufm.verification;

import org.junit.jupiter.api.Test;

/** Every row of golden.csv (computed by golden.py from the closed forms only) against the solver. */
class GoldenValuesTest {

    @Test
    void everyGoldenRowMatches() {
        Property.GOLDEN.runReal(1, 1);
    }
}
