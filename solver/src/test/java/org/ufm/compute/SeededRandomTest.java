package org.ufm.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SeededRandom} draws what {@link Random} draws for the same seed, bit for bit, whatever is asked in between. */
class SeededRandomTest {

    @Test
    void sameNumbersAsJavaUtilRandom() {
        for (long seed : new long[] {0L, 1L, 42L, -7L, Long.MAX_VALUE, 0x5DEECE66DL}) {
            Random want = new Random(seed);
            Random got = new SeededRandom(seed);
            for (int i = 0; i < 20_000; i++) {
                // Gaussians (with the held-back second of a pair crossing the other calls), doubles, ints, longs
                switch (i % 7) {
                    case 0, 1, 2 -> assertEquals(want.nextGaussian(), got.nextGaussian(), 0.0, "Gaussian " + i);
                    case 3 -> assertEquals(want.nextDouble(), got.nextDouble(), 0.0, "double " + i);
                    case 4 -> assertEquals(want.nextInt(1000), got.nextInt(1000), "int " + i);
                    case 5 -> assertEquals(want.nextLong(), got.nextLong(), "long " + i);
                    default -> assertEquals(want.nextBoolean(), got.nextBoolean(), "boolean " + i);
                }
            }
            want.setSeed(seed + 1);
            got.setSeed(seed + 1);
            assertEquals(want.nextGaussian(), got.nextGaussian(), 0.0, "after setSeed");
            assertEquals(want.nextGaussian(), got.nextGaussian(), 0.0, "its pair");
            assertEquals(want.doubles(5).sum(), got.doubles(5).sum(), 0.0, "a stream");
        }
    }
}
