package org.ufm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;

/**
 * Issue 17 item 4: every int product of sizes is checked before it becomes an array length, so a size that
 * passes the pre-checks is refused with a clear message instead of wrapping around
 * (K = 9e6 gave NegativeArraySizeException, K = 2^24 an IndexOutOfBoundsException in the GEMM).
 */
class SizeOverflowTest {

    @Test
    void arrayLengthRefusesProductsBeyondAJavaArray() {
        assertEquals(2_000_000_000, LogitsEngine.arrayLength("x", 40_000, 50_000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogitsEngine.arrayLength("K x block", 16_777_216, 256));
        assertTrue(e.getMessage().contains("K x block needs 4294967296 entries"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogitsEngine.arrayLength("K x block", 9_000_000, 256));
    }

    @Test
    void aLogitBlockTooLargeForAnArrayIsRefusedWhenTheModelIsBuilt() {
        try (Chunks chunks = new Chunks(1)) {
            for (int k : new int[] {9_000_000, 16_777_216}) {
                Labels labels = Labels.balanced(k, 1);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> EuclideanUfm.crossEntropy(labels, 1, 5e-4, 5e-4, 0, false, chunks));
                assertTrue(e.getMessage().startsWith("K x block (one logit block: K = " + k + ", block = 256 samples)"),
                        e.getMessage());
            }
        }
    }

    @Test
    void theWorkSpaceEstimateCountsEveryRunningBlock() {
        // K = 9e6, N = 9e6: block 256, 35157 blocks, 16 chunks; 2 threads run 2 chunks at a time
        // plus three K x d copies of W (transposes for the sphere's d x K layout)
        long expected = 4L * 9_000_000 * 256 * 2 + 16L * (9_000_000L * 1 + 9_000_000) + 3L * 9_000_000;
        assertEquals(expected, LogitsEngine.workDoubles(9_000_000, 9_000_000, 1, 2));
        assertTrue(LogitsEngine.workDoubles(9_000_000, 9_000_000, 1, 2) > Integer.MAX_VALUE);
        // a small problem: one chunk, so one block whatever the thread count
        assertEquals(4L * 4 * 20 + (4L * 8 + 4) + 3L * 4 * 8, LogitsEngine.workDoubles(4, 20, 8, 8));
    }
}
