package org.ufm.model;

import java.util.Arrays;

/**
 * Class labels y in {0..K-1}^N with their class sizes n_k. Balanced labels use the sample-major order
 * y_j = j mod K of Zhu et al. and of the NumPy peer; labels from class sizes use class-major order
 * (class 0's samples first). Every result of the models is invariant to the order.
 */
public final class Labels {

    private final int classes;
    private final int[] sizes;
    private final int[] y;

    private Labels(int classes, int[] sizes, int[] y) {
        this.classes = classes;
        this.sizes = sizes;
        this.y = y;
    }

    /** K classes of n samples each, y_j = j mod K (N = nK). */
    public static Labels balanced(int classes, int perClass) {
        if (classes < 2) {
            throw new IllegalArgumentException("need K >= 2 classes, got " + classes);
        }
        if (perClass < 1) {
            throw new IllegalArgumentException("need n >= 1 samples per class, got " + perClass);
        }
        long total = (long) classes * perClass;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("N = K n = " + total + " samples does not fit in a Java array");
        }
        int n = (int) total;
        int[] y = new int[n];
        for (int j = 0; j < n; j++) {
            y[j] = j % classes;
        }
        int[] sizes = new int[classes];
        Arrays.fill(sizes, perClass);
        return new Labels(classes, sizes, y);
    }

    /** Classes of the given sizes n_1..n_K (each >= 1), in class-major order. */
    public static Labels ofClassSizes(int[] classSizes) {
        if (classSizes.length < 2) {
            throw new IllegalArgumentException("need K >= 2 classes, got " + classSizes.length);
        }
        long total = 0;
        for (int s : classSizes) {
            if (s < 1) {
                throw new IllegalArgumentException("every class size must be >= 1, got " + s);
            }
            total += s;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("N = " + total + " samples does not fit in a Java array");
        }
        int[] y = new int[(int) total];
        int j = 0;
        for (int k = 0; k < classSizes.length; k++) {
            for (int i = 0; i < classSizes[k]; i++) {
                y[j++] = k;
            }
        }
        return new Labels(classSizes.length, classSizes.clone(), y);
    }

    /** Number of classes K. */
    public int classes() {
        return classes;
    }

    /** Number of samples N. */
    public int samples() {
        return y.length;
    }

    /** Label y_j of sample j. */
    public int label(int j) {
        return y[j];
    }

    /** Size n_k of class k. */
    public int size(int k) {
        return sizes[k];
    }

    /** A copy of the class sizes. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** A copy of the labels. */
    public int[] toArray() {
        return y.clone();
    }

    /** True when every class has the same size. */
    public boolean isBalanced() {
        for (int s : sizes) {
            if (s != sizes[0]) {
                return false;
            }
        }
        return true;
    }

    /** Common class size n of balanced labels; throws for imbalanced labels. */
    public int perClass() {
        if (!isBalanced()) {
            throw new IllegalStateException("labels are imbalanced");
        }
        return sizes[0];
    }
}
