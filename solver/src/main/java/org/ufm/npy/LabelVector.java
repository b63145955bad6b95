package org.ufm.npy;

/**
 * Class labels read from a file: integers y_j in 0..K-1, every class with at least one sample. A label out
 * of range or a class without a sample is a {@link NpyFormatException} naming the first offender.
 */
public final class LabelVector {

    private LabelVector() {
    }

    /** K = max(y) + 1 (at least 2); the labels are checked separately by {@link #check}. */
    public static int classesOf(long[] y, String source) {
        long max = -1;
        for (long v : y) {
            max = Math.max(max, v);
        }
        if (max >= Integer.MAX_VALUE / 2) {
            throw new NpyFormatException(source + ": label " + max + " is out of range");
        }
        return (int) Math.max(max + 1, 2);
    }

    /** The labels as ints, checked to lie in 0..k-1 with every class present. */
    public static int[] check(long[] y, int k, String source) {
        if (y.length == 0) {
            throw new NpyFormatException(source + ": no labels");
        }
        int[] out = new int[y.length];
        long[] count = new long[k];
        for (int j = 0; j < y.length; j++) {
            if (y[j] < 0 || y[j] >= k) {
                throw new NpyFormatException(source + ": label y[" + j + "] = " + y[j] + " is outside 0.." + (k - 1));
            }
            out[j] = (int) y[j];
            count[out[j]]++;
        }
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                throw new NpyFormatException(source + ": class " + c + " of 0.." + (k - 1) + " has no sample");
            }
        }
        return out;
    }
}
