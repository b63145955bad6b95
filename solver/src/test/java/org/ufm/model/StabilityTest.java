package org.ufm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.compute.Chunks;

/** Large logits and large tau give finite objectives and gradients, with full relative accuracy. */
class StabilityTest {

    private static final Chunks ONE = new Chunks(1);

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void logitsOfTenThousandGiveFiniteValues() {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 3), 5, 1e-3, 1e-3, 0, true, ONE);
        double[] x = new double[m.ambientDimension()];
        m.manifold().randomPoint(new Random(3), 100.0, x);
        double[] g = new double[x.length];
        double f = m.valueAndGradient(x, g);
        assertTrue(Double.isFinite(f) && allFinite(g), "f = " + f);
        double[] v = new double[x.length];
        v[0] = 1;
        double[] hv = new double[x.length];
        m.hessianTimes(x, v, hv);
        assertTrue(allFinite(hv));
    }

    @Test
    void tauOneHundredAtTheOptimumHasFullRelativeAccuracy() {
        SphereUfm m = new SphereUfm(Labels.balanced(4, 5), 8, 100.0, ONE);
        double[] x = SphereClosedForm.optimalPoint(m, new Random(1));
        double[] g = new double[x.length];
        double f = m.valueAndGradient(x, g);
        double fstar = SphereClosedForm.fstar(4, 100.0);
        assertTrue(fstar > 0 && fstar < 1e-50, "f* = " + fstar);
        assertEquals(fstar, f, 1e-12 * fstar, "naive log-sum-exp would return 0 here");
        assertTrue(allFinite(g));
        double[] x2 = x.clone();
        new org.ufm.manifold.Oblique(8, 24).randomPoint(new Random(2), 1, x2);
        double f2 = m.valueAndGradient(x2, g);
        assertTrue(Double.isFinite(f2) && allFinite(g));
    }

    @Test
    void crossEntropyOfAHugeMarginIsTheTinyExactValue() {
        double[] z = {1e4, 0.0, -1e4};
        double l = CrossEntropyLoss.INSTANCE.value(z, 0, 3, 0, new double[3], 0);
        assertEquals(0.0, l, 0.0);
        double[] z2 = {40.0, 0.0};
        double l2 = CrossEntropyLoss.INSTANCE.value(z2, 0, 2, 0, new double[2], 0);
        assertEquals(Math.log1p(Math.exp(-40.0)), l2, 1e-15 * l2);
        double[] g = new double[2];
        CrossEntropyLoss.INSTANCE.valueAndGradient(z2, 0, 2, 0, 1.0, g, 0);
        assertEquals(-Math.exp(-40.0) / (1 + Math.exp(-40.0)), g[0], 1e-15 * Math.exp(-40.0),
                "p_y - 1 formed without cancellation");
        double l3 = CrossEntropyLoss.INSTANCE.value(z, 0, 3, 2, new double[3], 0);
        assertEquals(2e4, l3, 1e-9);
    }
}
