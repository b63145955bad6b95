package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ufm.certificate.Certificate;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/** Solvers against closed forms: five seeds each, CE with and without bias, sphere, above the threshold. */
class SolveTest {

    private static final Chunks ONE = new Chunks(1);

    private static Result solve(UfmModel m, long seed, Solver s) {
        return solve(m, seed, s, 1e-9);
    }

    private static Result solve(UfmModel m, long seed, Solver s, double tol) {
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(seed), 1.0, x0);
        return s.minimize(new Problem(m.manifold(), m), x0, StoppingCriterion.standard(tol, 200_000, 0, 60), new Trace());
    }

    @ParameterizedTest(name = "K={0} n={1} d={2} bias={3} lambda_b={4}")
    @CsvSource({"4, 5, 8, true, 0", "4, 5, 8, true, 1e-3", "4, 5, 8, false, 0", "3, 4, 2, true, 5e-4", "5, 3, 6, false, 0"})
    void crossEntropyReachesClosedFormFromFiveSeeds(int k, int n, int d, boolean bias, double lb) {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(k, n), d, 5e-4, 5e-4, lb, bias, ONE);
        double fstar = CrossEntropyClosedForm.of(k, n, 5e-4, 5e-4).fstar;
        for (long seed = 1; seed <= 5; seed++) {
            Result r = solve(m, seed, GradientDescent.armijo());
            assertEquals(StopReason.CONVERGED, r.stopReason(), "seed " + seed);
            assertEquals(fstar, r.cost(), 1e-9 * fstar, "seed " + seed);
            Certificate c = Certificate.of(m, r.x(), r.cost(), r.gradNorm(), 1e-9, 1e-9);
            assertTrue(c.global, "global certificate, seed " + seed);
        }
    }

    /**
     * The curvature at the sphere optimum scales like 1 - p* (about f*), so the gap left by a gradient
     * norm g is about g^2 / f*: tau = 10 (f* = 6e-7) needs g <= 1e-12 for a 1e-9 relative gap.
     */
    @ParameterizedTest(name = "K={0} n={1} d={2} tau={3} tol={4}")
    @CsvSource({"4, 5, 8, 5, 1e-9", "4, 5, 3, 1, 1e-9", "3, 6, 4, 10, 1e-12", "6, 2, 5, 2, 1e-9"})
    void sphereReachesClosedFormFromFiveSeeds(int k, int n, int d, double tau, double tol) {
        SphereUfm m = new SphereUfm(Labels.balanced(k, n), d, tau, ONE);
        double fstar = SphereClosedForm.fstar(k, tau);
        for (long seed = 1; seed <= 5; seed++) {
            Result r = solve(m, seed, GradientDescent.armijo(), tol);
            assertEquals(StopReason.CONVERGED, r.stopReason(), "seed " + seed);
            assertEquals(fstar, r.cost(), 1e-9 * fstar, "seed " + seed);
            assertTrue(m.manifold().constraintViolation(r.x()) < 1e-12, "iterate stays on the oblique manifold");
            assertTrue(Certificate.of(m, r.x(), r.cost(), r.gradNorm(), tol, 1e-9).global);
        }
    }

    @ParameterizedTest(name = "lambda={0} bias={1}")
    @CsvSource({"0.12, true", "0.2, false", "0.5, true"})
    void aboveTheThresholdTheSolveEndsAtTheOriginWithLogK(double lambda, boolean bias) {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, lambda, lambda, 1e-3, bias, ONE);
        for (long seed = 1; seed <= 5; seed++) {
            Result r = solve(m, seed, GradientDescent.armijo());
            assertEquals(StopReason.CONVERGED, r.stopReason());
            assertEquals(Math.log(4), r.cost(), 1e-12);
            double norm = 0;
            for (double v : r.x()) {
                norm = Math.max(norm, Math.abs(v));
            }
            assertTrue(norm < 1e-7, "ends at the origin, max |x_i| = " + norm);
        }
    }

    @ParameterizedTest(name = "d={0}")
    @CsvSource({"2", "1"})
    void belowKMinusOneDimensionsNoGlobalClaimAndValueAboveTheEtfBound(int d) {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), d, 5e-4, 5e-4, 0, true, ONE);
        Result r = solve(m, 3, GradientDescent.armijo());
        Certificate c = Certificate.of(m, r.x(), r.cost(), r.gradNorm(), 1e-9, 1e-9);
        assertEquals(null, c.optimum);
        assertTrue(!c.global);
        assertTrue(r.cost() > CrossEntropyClosedForm.of(4, 5, 5e-4, 5e-4).fstar + 1e-4);
    }

    @ParameterizedTest
    @CsvSource({"1e-3"})
    void fixedStepDescendsAndReturnsTheLastIterateWhenTheBudgetRunsOut(double step) {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 0, true, ONE);
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(1), 1.0, x0);
        Trace t = new Trace();
        Result r = GradientDescent.fixedStep(step).minimize(new Problem(m.manifold(), m), x0,
                StoppingCriterion.standard(1e-12, 50, 0, 60), t);
        assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
        assertEquals(50, r.iterations());
        assertEquals(51, t.rows().size(), "a row for every iterate, the start included");
        assertTrue(r.cost() < m.value(x0));
        assertEquals(m.value(r.x()), r.cost(), 0.0, "the returned cost is that of the returned iterate");
    }
}
