package org.ufm.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tiled transpose against its definition, on shapes that cut tiles short, at offsets on both sides. */
class TransposeTest {

    @Test
    void everyEntryLandsAtItsTransposedPlaceAndNothingElseIsWritten() {
        SplittableRandom random = new SplittableRandom(7);
        int[][] shapes = {{1, 1}, {1, 70}, {70, 1}, {32, 32}, {33, 31}, {100, 128}, {128, 100}, {65, 97}};
        for (int[] s : shapes) {
            int rows = s[0];
            int cols = s[1];
            int srcOff = 3;
            int dstOff = 5;
            double[] src = new double[srcOff + rows * cols];
            for (int i = 0; i < src.length; i++) {
                src[i] = random.nextDouble();
            }
            double[] dst = new double[dstOff + rows * cols + 2];
            java.util.Arrays.fill(dst, -1.0);
            Transpose.into(src, srcOff, rows, cols, dst, dstOff);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    assertEquals(src[srcOff + i + j * rows], dst[dstOff + j + i * cols], rows + "x" + cols);
                }
            }
            for (int i = 0; i < dstOff; i++) {
                assertEquals(-1.0, dst[i], "before the destination");
            }
            assertEquals(-1.0, dst[dstOff + rows * cols], "after the destination");
            assertEquals(-1.0, dst[dstOff + rows * cols + 1], "after the destination");
        }
    }
}
