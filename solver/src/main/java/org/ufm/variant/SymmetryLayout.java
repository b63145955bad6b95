package org.ufm.variant;

/**
 * Where a model keeps the vectors its rotation symmetries act on (SPEC.md 3.5), and its bias shift.
 * Vector c (classifier rows w_k first, then feature columns h_j) has coordinate p at
 * {@code base[c] + p * stride[c]} of the flat point; f is invariant under rotating all of them at once.
 * When {@code shiftLength > 0}, f is also invariant under b -&gt; b + beta 1 for the
 * {@code shiftLength} entries from {@code shiftOffset} (a bias without decay).
 *
 * @param base        first coordinate of each vector
 * @param stride      step between a vector's coordinates
 * @param shiftOffset offset of the shift-invariant bias, or -1
 * @param shiftLength its length, or 0
 */
public record SymmetryLayout(int[] base, int[] stride, int shiftOffset, int shiftLength) {

    /** Whether f is invariant under a shift of the bias. */
    public boolean biasShift() {
        return shiftLength > 0;
    }
}
