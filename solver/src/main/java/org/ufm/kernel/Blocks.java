package org.ufm.kernel;

/**
 * Index arithmetic of loops blocked over samples: block i covers [start(i), end(i)), the blocks tile
 * [0, n) in order, and the partition depends only on n and the block size, never on the thread count.
 */
public final class Blocks {

    private Blocks() {
    }

    /** Number of blocks of size {@code size} needed to cover n items: ceil(n / size). */
    public static int count(int n, int size) {
        return n / size + (n % size == 0 ? 0 : 1);
    }

    /** First index of block i. */
    public static int start(int i, int size) {
        return i * size;
    }

    /** One past the last index of block i: min((i+1) size, n). */
    public static int end(int i, int size, int n) {
        int e = i * size + size;
        return e < n ? e : n;
    }
}
