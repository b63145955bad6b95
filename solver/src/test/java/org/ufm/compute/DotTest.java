package org.ufm.compute;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Dot#allFinite}: the sum of squares first, the entries one by one where it is not finite. */
class DotTest {

    @Test
    void allFiniteSeesNaNAndInfinitiesAndLetsOverflowingSquaresPass() {
        double[] a = new double[1001];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.sin(i);
        }
        assertTrue(Dot.allFinite(a, 0, a.length));
        a[500] = 1e200; // finite, but its square overflows: the entries decide
        a[501] = -Double.MAX_VALUE;
        assertTrue(Dot.allFinite(a, 0, a.length));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] b = a.clone();
            b[1000] = bad;
            assertFalse(Dot.allFinite(b, 0, b.length), "with " + bad);
            assertTrue(Dot.allFinite(b, 0, 1000), "the stretch before it");
            assertFalse(Dot.allFinite(b, 1000, 1), "the entry alone");
        }
        assertTrue(Dot.allFinite(a, 7, 0));
    }
}
