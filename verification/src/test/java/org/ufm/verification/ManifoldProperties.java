package org.ufm.verification;

import org.junit.jupiter.api.Test;

/** Retraction and projection on Euclidean, Oblique and Product manifolds. */
class ManifoldProperties {

    @Test
    void retractionAndProjection() {
        Property.MANIFOLD.runReal(100, 2000);
    }
}
