package org.ufm.kernel;

/**
 * Index arithmetic of loops blocked over samples: block i covers [start(i), end(i)), the blocks tile
 * [0, n) in order, and the partition depends only on n and the block size, never on the thread count.
 *
 * <p>The JML contracts below are machine-checked by KeY in the proofs-check module with Java's
 * overflow-checked integer semantics, so "no overflow" is part of every proof.
 */
public final class Blocks {

    private Blocks() {
    }

    /** Number of blocks of size {@code size} needed to cover n items: ceil(n / size). */
    /*@ public normal_behavior
      @   requires n >= 0 && size >= 1;
      @   ensures \result >= 0;
      @   ensures (\result - 1) * size < n && n <= \result * size;
      @   ensures n == 0 ==> \result == 0;
      @   assignable \strictly_nothing;
      @*/
    public static int count(int n, int size) {
        return n / size + (n % size == 0 ? 0 : 1);
    }

    /** First index of block i. */
    /*@ public normal_behavior
      @   requires i >= 0 && size >= 1 && i * size <= Integer.MAX_VALUE;
      @   ensures \result == i * size && \result >= i;
      @   assignable \strictly_nothing;
      @*/
    public static int start(int i, int size) {
        return i * size;
    }

    /** One past the last index of block i: min((i+1) size, n). */
    /*@ public normal_behavior
      @   requires i >= 0 && size >= 1 && n >= 1 && i * size < n;
      @   requires n <= Integer.MAX_VALUE - size;
      @   ensures \result == ((i + 1) * size < n ? (i + 1) * size : n);
      @   ensures i * size < \result && \result <= n;
      @   ensures \result - i * size <= size;
      @   ensures \result < n ==> \result == (i + 1) * size;
      @   assignable \strictly_nothing;
      @*/
    public static int end(int i, int size, int n) {
        int e = i * size + size;
        return e < n ? e : n;
    }
}
