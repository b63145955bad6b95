package org.ufm.closedform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ufm.certificate.Certificate;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.StopReason;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/** The MSE UFM's closed forms (SPEC.md 1e, 3.4) against SPEC's numbers, explicit points and the solver. */
class MseClosedFormTest {

    private static final Chunks ONE = new Chunks(1);

    @Test
    void specWorkedValues() {
        assertEquals(0.00334660196624969, MseClosedForm.of(4, 5, 5e-4, 5e-4, true, 0.0).fstar, 1e-15);
        assertEquals(0.00446213595499958, MseClosedForm.of(4, 5, 5e-4, 5e-4, false, 0.0).fstar, 1e-15);
        assertEquals(3.0 / 8.0, MseClosedForm.of(4, 5, 0.2, 0.2, true, 0.0).fstar, 1e-15);
        assertEquals(0.5, MseClosedForm.of(4, 5, 0.2, 0.2, false, 0.0).fstar, 1e-15);
    }

    @ParameterizedTest(name = "K={0} n={1} d={2} bias={3} lambda={4}")
    @CsvSource({"4, 5, 8, true, 5e-4", "4, 5, 3, true, 5e-4", "4, 5, 4, false, 5e-4", "3, 2, 6, false, 0.05",
            "5, 3, 7, true, 0.3"})
    void explicitPointIsCriticalWithValueFstar(int k, int n, int d, boolean bias, double lambda) {
        EuclideanUfm m = EuclideanUfm.meanSquared(Labels.balanced(k, n), d, lambda, 2 * lambda, 0.0, bias, ONE);
        double[] x = MseClosedForm.optimalPoint(m, new Random(3));
        double[] g = new double[x.length];
        double f = m.valueAndGradient(x, g);
        double fstar = MseClosedForm.of(k, n, lambda, 2 * lambda, bias, 0.0).fstar;
        assertEquals(fstar, f, 1e-14 * Math.max(1, fstar));
        double gn = 0;
        for (double v : g) {
            gn += v * v;
        }
        assertTrue(Math.sqrt(gn) < 1e-13, "gradient at the explicit point " + Math.sqrt(gn));
        assertEquals(fstar, MseClosedForm.optimum(m), 0.0);
    }

    private static Result solve(EuclideanUfm m, long seed) {
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(seed), 1.0, x0);
        return GradientDescent.armijo().minimize(new Problem(m.manifold(), m), x0,
                StoppingCriterion.standard(1e-10, 200_000, 0, 60), new Trace());
    }

    /**
     * Five seeds each: bias with lambda_b = 0, no bias, both sides of the threshold u = 1, and lambda_b &gt; 0
     * on both sides of q = u(1 + 1/lambda_b) = 1, whose closed form is derived in MseClosedForm (not in SPEC).
     */
    @ParameterizedTest(name = "K={0} n={1} d={2} bias={3} lambda={4} lambda_b={5}")
    @CsvSource({"4, 5, 8, true, 5e-4, 0", "4, 5, 8, false, 5e-4, 0", "4, 5, 8, true, 0.12, 0", "4, 5, 8, false, 0.2, 0",
            "4, 5, 3, true, 5e-4, 0", "4, 5, 8, true, 5e-4, 1.0", "4, 5, 8, true, 5e-4, 1e-3", "3, 4, 5, true, 0.05, 0.5",
            "4, 5, 8, true, 0.12, 0.3"})
    void solverReachesTheClosedFormFromFiveSeeds(int k, int n, int d, boolean bias, double lambda, double lb) {
        EuclideanUfm m = EuclideanUfm.meanSquared(Labels.balanced(k, n), d, lambda, lambda, lb, bias, ONE);
        double fstar = MseClosedForm.optimum(m);
        for (long seed = 1; seed <= 5; seed++) {
            Result r = solve(m, seed);
            assertEquals(StopReason.CONVERGED, r.stopReason(), "seed " + seed);
            assertEquals(fstar, r.cost(), 1e-9 * fstar, "seed " + seed);
            Certificate c = Certificate.of(m, r.x(), r.cost(), r.gradNorm(), 1e-9, 1e-9);
            assertTrue(c.global, "global certificate, seed " + seed);
        }
    }

    @Test
    void lambdaBPositiveMovesTheOptimumBetweenTheTwoKnownCases() {
        double withZero = MseClosedForm.of(4, 5, 5e-4, 5e-4, true, 0.0).fstar;
        double without = MseClosedForm.of(4, 5, 5e-4, 5e-4, false, 0.0).fstar;
        double prev = withZero;
        for (double lb : new double[] {1e-4, 1e-3, 1e-2, 0.1, 1, 10, 1e3}) {
            double f = MseClosedForm.of(4, 5, 5e-4, 5e-4, true, lb).fstar;
            assertTrue(f > prev && f < without, "lambda_b=" + lb + ": " + f);
            prev = f;
        }
    }

    @Test
    void dataWeightScalesTheOptimumLikeTheDecay() {
        EuclideanUfm plain = EuclideanUfm.meanSquared(Labels.balanced(3, 3), 5, 1e-2, 1e-2, 0.0, true, ONE);
        EuclideanUfm weighted = new EuclideanUfm("mse", Labels.balanced(3, 3), 5, 3e-2, 3e-2, 0.0, true,
                org.ufm.model.SquaredLoss.INSTANCE, 3.0, ONE);
        assertEquals(3 * MseClosedForm.optimum(plain), MseClosedForm.optimum(weighted), 1e-15);
        Result r = solve(weighted, 1);
        assertEquals(MseClosedForm.optimum(weighted), r.cost(), 1e-9 * r.cost());
    }

    @Test
    void noClosedFormForImbalancedClassesOrTooFewDimensions() {
        assertNull(MseClosedForm.optimum(EuclideanUfm.meanSquared(Labels.ofClassSizes(new int[] {3, 1, 2}), 4, 1e-3,
                1e-3, 0.0, true, ONE)));
        assertNull(MseClosedForm.optimum(EuclideanUfm.meanSquared(Labels.balanced(4, 5), 3, 5e-4, 5e-4, 0.0, false, ONE)));
        assertNull(MseClosedForm.optimum(EuclideanUfm.meanSquared(Labels.balanced(4, 5), 2, 5e-4, 5e-4, 0.0, true, ONE)));
        // lambda_b > 0 with q = u(1 + 1/lambda_b) < 1 needs rank K: no closed form at d = K-1
        assertNull(MseClosedForm.optimum(EuclideanUfm.meanSquared(Labels.balanced(4, 5), 3, 5e-4, 5e-4, 1.0, true, ONE)));
        // decay on only one factor: the infimum is not attained
        assertNull(MseClosedForm.optimum(EuclideanUfm.meanSquared(Labels.balanced(4, 5), 8, 0.0, 5e-4, 0.0, true, ONE)));
    }

    /** Mixon's model interpolates for any class sizes once d >= K-1: f* = 0, and Armijo GD gets there. */
    @Test
    void mixonOptimumIsZeroForAnyClassSizes() {
        EuclideanUfm m = EuclideanUfm.mixon(Labels.ofClassSizes(new int[] {4, 1, 2}), 2, 1.0, ONE);
        assertEquals(0.0, MseClosedForm.optimum(m), 0.0);
        assertNull(MseClosedForm.optimum(EuclideanUfm.mixon(Labels.ofClassSizes(new int[] {4, 1, 2}), 1, 1.0, ONE)));
        Result r = solve(m, 2);
        assertTrue(r.cost() < 1e-15, "R = " + r.cost());
        assertTrue(Certificate.of(m, r.x(), r.cost(), r.gradNorm(), 1e-9, 1e-9).global);
    }

    /** Imbalanced classes: no closed form, but the sigma_max test still certifies the solver's point. */
    @Test
    void imbalancedMseSolvesToACriticalPointWithTheSigmaBound() {
        EuclideanUfm m = EuclideanUfm.meanSquared(Labels.ofClassSizes(new int[] {6, 2, 3, 1}), 8, 5e-4, 5e-4, 0.0, true, ONE);
        Result r = solve(m, 1);
        assertEquals(StopReason.CONVERGED, r.stopReason());
        Certificate c = Certificate.of(m, r.x(), r.cost(), r.gradNorm(), 1e-9, 1e-9);
        assertNull(c.optimum);
        assertTrue(c.sigmaMax <= c.sigmaBound * (1 + 1e-6), c.sigmaMax + " vs " + c.sigmaBound);
        // the balanced formula does not hold: compare with the value of the same N balanced
        assertTrue(Math.abs(r.cost() - MseClosedForm.of(4, 3, 5e-4, 5e-4, true, 0.0).fstar) > 1e-6);
    }
}
