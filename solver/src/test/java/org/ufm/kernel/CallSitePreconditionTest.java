package org.ufm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ufm.manifold.Oblique;
import org.ufm.model.CrossEntropyLoss;

/**
 * The model and manifold code check the kernels' KeY preconditions with {@code assert} before each
 * call (a proof says nothing about a call outside its {@code requires}). These tests show that the
 * checks are live in the test run (Surefire enables assertions) and fire on a violated precondition,
 * and that valid calls pass them.
 */
class CallSitePreconditionTest {

    @Test
    void surefireRunsWithAssertionsEnabled() {
        boolean enabled = false;
        assert enabled = true;
        assertTrue(enabled, "assertions are off: the call-site precondition checks would not run");
    }

    @Test
    void anInfiniteLogitNeverReachesTheKernelAndGivesNaN() {
        // the kernels' contracts require finite logits; the call site keeps such a column away from them and
        // reports NaN, which the solvers turn into NOT_FINITE (before, the assert fired on a reachable state:
        // solve --init-scale 1e300)
        double[] z = {1.0, Double.POSITIVE_INFINITY, -2.0};
        double[] g = new double[3];
        assertTrue(Double.isNaN(CrossEntropyLoss.INSTANCE.valueAndGradient(z, 0, 3, 0, 1.0, g, 0)));
        for (double gi : g) {
            assertTrue(Double.isNaN(gi));
        }
        assertTrue(Double.isNaN(CrossEntropyLoss.INSTANCE.value(z, 0, 3, 0, g, 0)));
        double[] out = new double[3];
        CrossEntropyLoss.INSTANCE.hessianTimes(z, 0, 3, 0, new double[3], 0, 1.0, out, 0, new double[3]);
        for (double o : out) {
            assertTrue(Double.isNaN(o));
        }
    }

    @Test
    void crossEntropyCallSiteRejectsALabelOutsideTheColumnAndANegativeScale() {
        double[] z = {1.0, 2.0, -2.0};
        double[] g = new double[3];
        assertThrows(AssertionError.class, () -> CrossEntropyLoss.INSTANCE.valueAndGradient(z, 0, 3, 3, 1.0, g, 0));
        assertThrows(AssertionError.class, () -> CrossEntropyLoss.INSTANCE.valueAndGradient(z, 0, 3, 0, -1.0, g, 0));
        assertThrows(AssertionError.class, () -> CrossEntropyLoss.INSTANCE.valueAndGradient(z, 0, 3, 0, 1.0, z, 0));
        double loss = CrossEntropyLoss.INSTANCE.valueAndGradient(z, 0, 3, 1, 1.0, g, 0);
        assertEquals(SoftmaxKernels.crossEntropy(z, 0, 3, 1, new double[3], 0), loss);
    }

    @Test
    void obliqueCallSiteRejectsAnOutputShorterThanTheColumns() {
        Oblique m = new Oblique(3, 2);
        double[] x = {1, 0, 0, 0, 1, 0};
        double[] u = {1, 2, 3, 4, 5, 6};
        assertThrows(AssertionError.class, () -> m.project(x, u, new double[5]));
        assertThrows(AssertionError.class, () -> m.retract(x, u, 0.5, new double[5]));
        double[] out = new double[6];
        m.project(x, u, out);
        assertEquals(0.0, out[0]);
        assertEquals(0.0, out[4]);
    }

    @Test
    void preconditionChecksMatchTheContracts() {
        assertTrue(KernelPreconditions.finiteColumn(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE}, 0, 3));
        assertTrue(!KernelPreconditions.finiteColumn(new double[] {1.0, Double.NaN}, 0, 2));
        assertTrue(KernelPreconditions.finiteColumn(new double[] {1.0, Double.NaN}, 0, 1));
        assertTrue(!KernelPreconditions.finiteColumn(new double[] {1.0}, 0, 0));
        assertTrue(!KernelPreconditions.slice(new double[3], 2, 2));
        assertTrue(!KernelPreconditions.slice(new double[3], Integer.MAX_VALUE, 1));
        double[] a = new double[4];
        assertTrue(KernelPreconditions.sphereColumns(a, 0, new double[4], 0, a, 0, 4));
        assertTrue(!KernelPreconditions.sphereColumns(a, 0, new double[4], 0, a, 1, 3));
    }
}
