package org.ufm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.model.UfmModel;
import org.ufm.solver.Lbfgs;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;
import org.ufm.variant.Variant;
import org.ufm.variant.Variants;

/** The library's certification at a given point (no solve) and after a solve. */
class PointReportTest {

    private static final Chunks ONE = new Chunks(1);

    private static UfmModel model(String name, int k, int n, int d) {
        Variant v = Variants.require(name);
        return v.build(v.spec(v.labels(null, k, n), d, Map.of(), Set.of()), ONE);
    }

    @Test
    void closedFormMinimiserIsCertifiedGlobalWithoutSolving() {
        for (String name : new String[] {"ce", "sphere"}) {
            UfmModel m = model(name, 4, 5, 8);
            double[] star = Variants.of(m).minimiser(m, new Random(11));
            double[] copy = star.clone();
            PointReport p = PointReport.at(m, star, CertificationSettings.defaults());
            assertTrue(p.firstOrder(), name + " gradient " + p.gradNorm());
            assertTrue(p.global(), name + " relative gap " + p.certificate().relativeGap);
            assertTrue(p.secondOrder().secondOrder, name);
            assertEquals(0.0, p.distance(), 1e-7, name);
            assertEquals(p.optimum(), p.cost(), 1e-12, name);
            assertTrue(p.metrics().nc1() < 1e-12, name + " nc1 " + p.metrics().nc1());
            assertTrue(java.util.Arrays.equals(copy, star), "the point is not moved");
        }
    }

    @Test
    void randomPointIsNotCertified() {
        UfmModel m = model("ce", 4, 5, 8);
        double[] x = new double[m.ambientDimension()];
        Variants.of(m).start(m, new Random(1), 1.0, x);
        PointReport p = PointReport.at(m, x, CertificationSettings.defaults());
        assertFalse(p.firstOrder());
        assertFalse(p.global());
        assertTrue(p.gap() > 0.1, "gap " + p.gap());
        assertTrue(p.distance() > 0.1, "distance " + p.distance());
    }

    @Test
    void solveReportComposesTheResultWithThePointReportAtItsIterate() {
        UfmModel m = model("ulpm", 3, 2, 4);
        double[] x0 = new double[m.ambientDimension()];
        Variants.of(m).start(m, new Random(2), 1.0, x0);
        SolveReport r = SolveReport.solve(m, new Lbfgs(Lbfgs.DEFAULT_MEMORY), x0, StoppingCriterion.standard(1e-9, 200, 0, 60), new Trace(false),
                new CertificationSettings(1e-9, 1e-9, false));
        PointReport at = PointReport.at(m, r.result().x(), r.point().settings());
        assertEquals(r.result().cost(), r.point().cost(), 0.0);
        assertEquals(at.cost(), r.point().cost(), 0.0, "same bits whether f comes from the solver or is re-evaluated");
        assertNull(r.point().optimum());
        assertNull(r.point().secondOrder());
        assertNotNull(r.point().extras().margins(), "ulpm reports its margins");
        assertTrue(r.point().extras().margins().normalized() > 0);
    }

    /**
     * Up to 1000 classes the global certificate is computed at any N (its sigma_max needs only the K x K Gram); above,
     * only up to K N = CERTIFICATE_LIMIT, where Lanczos needs the K x N logit gradient.
     */
    @Test
    void certificateLimitAppliesAboveTheDenseClassCountOnly() {
        assertTrue(PointReport.certifies(model("ce", 1000, 300, 1)), "K=1000, K N = 3e8");
        assertTrue(PointReport.certifies(model("ce", 1001, 199, 1)), "K=1001, K N below the limit");
        assertFalse(PointReport.certifies(model("ce", 1001, 200, 1)), "K=1001, K N above the limit");
        assertTrue((long) 1001 * 1001 * 200 > PointReport.CERTIFICATE_LIMIT);
        assertTrue((long) 1001 * 1001 * 199 <= PointReport.CERTIFICATE_LIMIT);
    }
}
