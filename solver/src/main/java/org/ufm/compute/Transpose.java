package org.ufm.compute;

/**
 * Out-of-place transposition of a column-major matrix: dst = src^T, entry (j, i) of dst = entry (i, j) of src.
 * A copy (no arithmetic), in square tiles so that both sides are read and written a cache line at a time.
 */
public final class Transpose {

    /** Tile side: 32 x 32 doubles (8 KiB) of each side stay in L1 while the tile is copied. */
    static final int TILE = 32;

    private Transpose() {
    }

    /**
     * dst (cols x rows, column-major, at dstOff) = src^T for src rows x cols, column-major at srcOff:
     * dst[dstOff + j + i cols] = src[srcOff + i + j rows].
     */
    public static void into(double[] src, int srcOff, int rows, int cols, double[] dst, int dstOff) {
        for (int j0 = 0; j0 < cols; j0 += TILE) {
            int j1 = Math.min(cols, j0 + TILE);
            for (int i0 = 0; i0 < rows; i0 += TILE) {
                int i1 = Math.min(rows, i0 + TILE);
                for (int i = i0; i < i1; i++) {
                    int d = dstOff + i * cols;
                    for (int j = j0; j < j1; j++) {
                        dst[d + j] = src[srcOff + i + j * rows];
                    }
                }
            }
        }
    }
}
