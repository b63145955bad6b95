package org.ufm.kernel;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernels' own exp (Cody-Waite reduction, degree-13 polynomial, exponent bits) against
 * {@code StrictMath.exp} (fdlibm, < 1 ulp): within 1 ulp everywhere on x <= 0, exact at the points that
 * matter (exp(0) = 1 for the column maximum), and the array form bit-identical to the scalar one.
 */
class ExpAccuracyTest {

    private static double ulpsOff(double got, double want) {
        if (got == want) {
            return 0.0;
        }
        return Math.abs(got - want) / Math.ulp(want);
    }

    private static double maxUlps(double lo, double hi, int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double worst = 0.0;
        for (int i = 0; i < samples; i++) {
            double x = lo + (hi - lo) * r.nextDouble();
            worst = Math.max(worst, ulpsOff(SoftmaxKernels.expNonPositive(x), StrictMath.exp(x)));
        }
        return worst;
    }

    @Test
    void withinOneUlpOfFdlibmOnEveryRange() {
        double[][] ranges = {{-1e-12, 0}, {-0.35, 0}, {-1, 0}, {-40, 0}, {-700, -40}, {-708.4, -700}};
        for (double[] range : ranges) {
            double worst = maxUlps(range[0], range[1], 400_000, 7);
            assertTrue(worst <= 1.0, "max error " + worst + " ulp on [" + range[0] + ", " + range[1] + "]");
        }
    }

    @Test
    void subnormalAndZeroResultsAreFdlibmsAndSpecialValuesAreExact() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            double x = -708.4 - 37.0 * r.nextDouble();
            double want = StrictMath.exp(x);
            assertTrue(Math.abs(SoftmaxKernels.expNonPositive(x) - want) <= Math.ulp(want), "x = " + x);
        }
        assertEquals(1.0, SoftmaxKernels.expNonPositive(0.0));
        assertEquals(1.0, SoftmaxKernels.expNonPositive(-0.0));
        assertEquals(0.0, SoftmaxKernels.expNonPositive(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, SoftmaxKernels.expNonPositive(-1e300));
        assertEquals(0.0, SoftmaxKernels.expNonPositive(-746.0));
        assertTrue(Double.isNaN(SoftmaxKernels.expNonPositive(Double.NaN)));
        assertEquals(Double.MIN_VALUE, SoftmaxKernels.expNonPositive(-744.44007192138126));
        assertEquals(Math.exp(-1.0), SoftmaxKernels.expNonPositive(-1.0), Math.ulp(Math.exp(-1.0)));
    }

    @Test
    void arrayFormIsBitIdenticalToTheScalarFormAtEveryOffset() {
        SplittableRandom r = new SplittableRandom(11);
        for (int len = 1; len <= 67; len++) {
            for (int shift = 0; shift < 5; shift++) {
                double[] z = new double[len + shift + 3];
                for (int i = 0; i < z.length; i++) {
                    z[i] = r.nextInt(10) == 0 ? -800 * r.nextDouble() : 30 * r.nextGaussian();
                }
                double zm = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < len; i++) {
                    zm = Math.max(zm, z[shift + i]);
                }
                double[] out = new double[len + 2];
                SoftmaxKernels.expShifted(z, shift, len, zm, out, 1);
                for (int i = 0; i < len; i++) {
                    assertEquals(Double.doubleToRawLongBits(SoftmaxKernels.expNonPositive(z[shift + i] - zm)),
                        Double.doubleToRawLongBits(out[1 + i]), "len " + len + " entry " + i);
                }
                assertEquals(0.0, out[0]);
                assertEquals(0.0, out[len + 1]);
            }
        }
    }
}
