package org.ufm.solver;

import java.util.Arrays;

/**
 * The blocks of variables of a flat array of length n, block b = [start(b), end(b)), as the objective declares
 * them ({@link Objective#blockStarts}): the UFM's W, H and b. A pass over a piece [from, to) visits the blocks it
 * meets in order, from {@link #first} while {@code start(b) < to}, each on [max(from, start(b)), min(to, end(b))).
 */
final class VariableBlocks {

    private final int[] starts;
    private final int n;

    /** The blocks starting at {@code starts} (first 0, strictly ascending, each below n) of [0, n). */
    VariableBlocks(int[] starts, int n) {
        if (starts.length == 0 || starts[0] != 0) {
            throw new IllegalArgumentException("the first block must start at 0: " + Arrays.toString(starts));
        }
        for (int b = 1; b < starts.length; b++) {
            if (starts[b] <= starts[b - 1] || starts[b] >= n) {
                throw new IllegalArgumentException("block starts must ascend strictly below n = " + n + ": "
                        + Arrays.toString(starts));
            }
        }
        this.starts = starts.clone();
        this.n = n;
    }

    /** The objective's blocks over the problem's flat array. */
    static VariableBlocks of(Problem problem) {
        return new VariableBlocks(problem.objective().blockStarts(), problem.size());
    }

    /** Number of blocks. */
    int count() {
        return starts.length;
    }

    /** First entry of block b. */
    int start(int b) {
        return starts[b];
    }

    /** One past the last entry of block b. */
    int end(int b) {
        return b + 1 < starts.length ? starts[b + 1] : n;
    }

    /** The block that holds entry i (0 <= i < n). */
    int first(int i) {
        int b = 0;
        while (b + 1 < starts.length && starts[b + 1] <= i) {
            b++;
        }
        return b;
    }
}
