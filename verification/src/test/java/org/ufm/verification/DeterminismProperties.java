package org.ufm.verification;

import org.junit.jupiter.api.Test;

/** Bit-identical results for 1 and 2 threads and across repeated runs (N > 256, several chunks). */
class DeterminismProperties {

    @Test
    void bitIdenticalForOneAndTwoThreadsAndReruns() {
        Property.DETERMINISM.runReal(5, 40);
    }
}
