package org.ufm.verification;

import org.junit.jupiter.api.Test;

/** SPEC 3.5: rotations and permutations leave f unchanged and carry the gradient along. */
class InvarianceProperties {

    @Test
    void rotationInvariance() {
        Property.ROTATION.runReal(40, 400);
    }

    @Test
    void classPermutationInvariance() {
        Property.CLASS_PERMUTATION.runReal(40, 400);
    }

    @Test
    void samplePermutationInvariance() {
        Property.SAMPLE_PERMUTATION.runReal(40, 400);
    }
}
