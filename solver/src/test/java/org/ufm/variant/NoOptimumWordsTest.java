package org.ufm.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ufm.certificate.Certificate;
import org.ufm.closedform.StrictSaddles;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/** Issue 17 item 9: each variant's words about its optimum and the origin say what holds for the model at hand. */
class NoOptimumWordsTest {

    private static final Chunks ONE = new Chunks(1);
    private static final Labels BALANCED = Labels.balanced(4, 5);

    private static String none(UfmModel m) {
        assertNull(Certificate.optimum(m), "the words are for models without an optimum");
        return Variants.of(m).noOptimumReason(m);
    }

    private static String origin(UfmModel m) {
        return Variants.of(m).originWords(m);
    }

    @Test
    void eachModelWithoutAnOptimumSaysWhy() {
        assertEquals("none: with lambda_W = 0 the infimum is approached by rescaling (W, H) -> (t W, H/t) as "
                + "t -> infinity and never attained", none(EuclideanUfm.crossEntropy(BALANCED, 8, 0, 5e-4, 0, true, ONE)));
        assertTrue(none(EuclideanUfm.crossEntropy(BALANCED, 8, 5e-4, 0, 0, true, ONE)).contains("lambda_H = 0"));
        assertEquals("none known: d = 2 < K - 1 = 3 below the threshold, the optimal simplex ETF does not fit",
                none(EuclideanUfm.crossEntropy(BALANCED, 2, 5e-4, 5e-4, 0, true, ONE)));
        assertEquals("none known for imbalanced classes with weight decay",
                none(EuclideanUfm.crossEntropy(Labels.ofClassSizes(new int[] {3, 4, 5}), 8, 5e-4, 5e-4, 0, true, ONE)));
        assertEquals("none: the infimum 0 is approached as ||W||, ||H|| -> infinity, never attained",
                none(EuclideanUfm.ulpm(BALANCED, 8, ONE)));
        assertEquals("none known: d = 2 is below the optimal rank 3",
                none(EuclideanUfm.meanSquared(BALANCED, 2, 5e-4, 5e-4, 0, true, ONE)));
        assertEquals("none: d = 2 is below the rank 3 that interpolation needs", none(EuclideanUfm.mixon(BALANCED, 2, 1.0, ONE)));
        assertEquals("none known: d = 2 < K - 1 = 3, the simplex ETF does not fit", none(new SphereUfm(BALANCED, 2, 5.0, ONE)));
    }

    @Test
    void theOriginIsTheMinimiserOnlyAboveTheThreshold() {
        // threshold 1/(K sqrt n) = 0.1118 for K = 4, n = 5
        assertEquals("the minimiser above the threshold is W = H = 0",
                origin(EuclideanUfm.crossEntropy(BALANCED, 8, 0.2, 0.2, 0, true, ONE)));
        assertTrue(origin(EuclideanUfm.crossEntropy(BALANCED, 8, 5e-4, 5e-4, 0, true, ONE))
                .startsWith("W = H = 0 is a strict saddle below the threshold"));
        assertTrue(origin(EuclideanUfm.meanSquared(BALANCED, 8, 5e-4, 5e-4, 0, true, ONE))
                .contains("no closed form here says"));
    }

    @Test
    void theOriginHasNegativeEigenvaluesOnlyBelowTheThreshold() {
        assertEquals(24, StrictSaddles.origin(EuclideanUfm.crossEntropy(BALANCED, 8, 5e-4, 5e-4, 5e-4, true, ONE)).negativeCount());
        assertEquals(0, StrictSaddles.origin(EuclideanUfm.crossEntropy(BALANCED, 8, 1, 1, 5e-4, true, ONE)).negativeCount());
    }
}
