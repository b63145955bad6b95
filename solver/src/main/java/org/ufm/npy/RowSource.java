package org.ufm.npy;

import java.io.IOException;

/** The rows of an N x d real matrix, read in consecutive blocks (the access a two-pass streaming metric needs). */
public interface RowSource {

    /** Number of rows N. */
    long rows();

    /** Number of columns d. */
    int cols();

    /** Copies rows [first, first + count) into {@code out} row-major (count x d). */
    void read(long first, int count, double[] out) throws IOException;

    /** Rows held in memory as a C-order N x d array. */
    static RowSource of(double[] data, int n, int d) {
        return of(data, 0, n, d);
    }

    /**
     * Rows held in memory as a C-order N x d array from {@code offset} of {@code data}: a model's features in place
     * (its d x N column-major H, h_j at offset + j d).
     */
    static RowSource of(double[] data, int offset, int n, int d) {
        return new RowSource() {
            @Override
            public long rows() {
                return n;
            }

            @Override
            public int cols() {
                return d;
            }

            @Override
            public void read(long first, int count, double[] out) {
                System.arraycopy(data, offset + (int) first * d, out, 0, count * d);
            }
        };
    }

    /** Rows held in memory as arrays. */
    static RowSource of(double[][] rows) {
        int d = rows[0].length;
        return new RowSource() {
            @Override
            public long rows() {
                return rows.length;
            }

            @Override
            public int cols() {
                return d;
            }

            @Override
            public void read(long first, int count, double[] out) {
                for (int r = 0; r < count; r++) {
                    System.arraycopy(rows[(int) first + r], 0, out, r * d, d);
                }
            }
        };
    }
}
