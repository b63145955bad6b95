package org.ufm.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;
import org.ufm.solver.Lbfgs;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * The global certificate computes sigma_max(grad_Z g) where it can decide the verdict (a first-order point) or where
 * the second-order bound asks for it, and only there; a sigma_max it did not compute never certifies.
 */
class SigmaWhereItDecidesTest {

    private static final double TOL = 1e-9;

    /** A CE model (K = 5, n = 4, d = 8) at a random start, with its cost and gradient norm. */
    private static final class RandomStart {
        final UfmModel model;
        final double[] x;
        final double cost;
        final double gradNorm;

        RandomStart(Chunks chunks) {
            model = EuclideanUfm.crossEntropy(Labels.balanced(5, 4), 8, 5e-4, 5e-4, 5e-4, true, chunks);
            x = new double[model.ambientDimension()];
            model.initialPoint(new Random(3), 1.0, x);
            double[] g = new double[x.length];
            cost = model.valueAndGradient(x, g);
            gradNorm = Math.sqrt(model.manifold().inner(x, g, g));
        }
    }

    @Test
    void awayFromACriticalPointSigmaIsSkippedUnlessAsked() {
        try (Chunks chunks = new Chunks(1)) {
            RandomStart p = new RandomStart(chunks);
            assertTrue(p.gradNorm > TOL, "a random start is not critical: " + p.gradNorm);

            Certificate skipped = Certificate.of(p.model, p.x, p.cost, p.gradNorm, TOL, 1.0);
            assertNull(skipped.sigmaMax);
            assertNull(skipped.sigmaMaxMethod);
            assertNotNull(skipped.sigmaBound);
            assertTrue(skipped.sigmaMaxSkipped());
            assertFalse(skipped.firstOrder);
            assertFalse(skipped.global);

            Certificate asked = Certificate.of(p.model, p.x, p.cost, p.gradNorm, TOL, 1.0, true);
            assertEquals(LargestSingularValue.at(p.model, p.x).value, asked.sigmaMax, 0.0);
            assertFalse(asked.sigmaMaxSkipped());
            assertFalse(asked.global);

            // a gradient tolerance above the point's gradient norm makes it "first order": sigma_max is computed
            Certificate loose = Certificate.of(p.model, p.x, p.cost, p.gradNorm, 2 * p.gradNorm, 1e300);
            assertEquals(asked.sigmaMax, loose.sigmaMax, 0.0);
            assertTrue(loose.firstOrder);
            assertEquals(asked.sigmaMax <= asked.sigmaBound * (1 + Certificate.SIGMA_SLACK), loose.global);
        }
    }

    @Test
    void atAToleranceEqualToTheGradientNormThePointIsFirstOrderAndSigmaDecides() {
        try (Chunks chunks = new Chunks(1)) {
            RandomStart p = new RandomStart(chunks);
            // the first-order test and the rule for computing sigma_max must be the same comparison
            Certificate edge = Certificate.of(p.model, p.x, p.cost, p.gradNorm, p.gradNorm, 1e300);
            assertTrue(edge.firstOrder);
            assertNotNull(edge.sigmaMax, "a first-order point gets its sigma_max");
            assertEquals(LargestSingularValue.at(p.model, p.x).value, edge.sigmaMax, 0.0);
            assertTrue(edge.sigmaMax > edge.sigmaBound, "a random start fails the sigma test: " + edge.sigmaMax);
            assertFalse(edge.global, "sigma_max " + edge.sigmaMax + " above " + edge.sigmaBound + " must not certify");
            Certificate below = Certificate.of(p.model, p.x, p.cost, p.gradNorm, Math.nextDown(p.gradNorm), 1e300);
            assertFalse(below.firstOrder);
            assertTrue(below.sigmaMaxSkipped());
        }
    }

    @Test
    void onlyAComputedSigmaWithinTheBoundPasses() {
        double bound = 5e-4;
        assertFalse(Certificate.sigmaPasses(null, bound), "not computed");
        assertFalse(Certificate.sigmaPasses(Double.NaN, bound));
        assertFalse(Certificate.sigmaPasses(Double.POSITIVE_INFINITY, bound));
        assertTrue(Certificate.sigmaPasses(bound * (1 + Certificate.SIGMA_SLACK), bound));
        assertFalse(Certificate.sigmaPasses(Math.nextUp(bound * (1 + Certificate.SIGMA_SLACK)), bound));
        assertTrue(Certificate.sigmaPasses(0.0, bound));
        assertTrue(Certificate.sigmaPasses(null, null), "no bound for the variant: nothing to pass");
        assertTrue(Certificate.sigmaPasses(1e300, null));
        assertFalse(Certificate.firstOrder(Double.NaN, 1.0));
        assertTrue(Certificate.firstOrder(1.0, 1.0));
    }

    @Test
    void atTheMinimiserSigmaIsComputedAndCertifies() {
        try (Chunks chunks = new Chunks(1)) {
            UfmModel m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 5e-4, true, chunks);
            double[] x0 = new double[m.ambientDimension()];
            m.initialPoint(new Random(1), 1.0, x0);
            Result r = new Lbfgs(10).minimize(new Problem(m.manifold(), m), x0,
                    StoppingCriterion.notFinite().or(StoppingCriterion.standard(1e-10, 5000, 0.0, 60)), new Trace(false));
            assertTrue(r.gradNorm() <= TOL, "converged: " + r.gradNorm());
            for (boolean anyPoint : new boolean[] {false, true}) {
                Certificate c = Certificate.of(m, r.x(), r.cost(), r.gradNorm(), TOL, TOL, anyPoint);
                assertNotNull(c.sigmaMax);
                assertEquals(LargestSingularValue.at(m, r.x()).value, c.sigmaMax, 0.0);
                assertFalse(c.sigmaMaxSkipped());
                assertTrue(c.global, "sigma_max " + c.sigmaMax + " vs " + c.sigmaBound + ", gap " + c.relativeGap);
            }
        }
    }
}
