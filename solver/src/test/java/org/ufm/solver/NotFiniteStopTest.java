package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ufm.manifold.Euclidean;

/**
 * StopReason.NOT_FINITE promises the last finite iterate. The objective here is (1/2)||x||^2 with a
 * finite gradient x everywhere, but -infinity inside the ball ||x|| < 1/2: from x0 = (1, 0) every
 * line-search solver's first trial step lands at or near 0, and -infinity passes any Armijo test. Each
 * must stop with NOT_FINITE and return x0 with its finite cost, not the point where f = -infinity. The
 * trust-region solver rejects non-finite trial points and shrinks its radius instead: it must return a
 * finite iterate outside the ball.
 */
class NotFiniteStopTest {

    private static final Objective CLIFF = new Objective() {
        public int ambientDimension() {
            return 2;
        }

        public double value(double[] x) {
            double r2 = x[0] * x[0] + x[1] * x[1];
            return r2 < 0.25 ? Double.NEGATIVE_INFINITY : 0.5 * r2;
        }

        public double valueAndGradient(double[] x, double[] g) {
            g[0] = x[0];
            g[1] = x[1];
            return value(x);
        }

        public void hessianTimes(double[] x, double[] v, double[] out) {
            out[0] = v[0];
            out[1] = v[1];
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"gd", "armijo", "bb", "cg", "lbfgs"})
    void returnsTheLastFiniteIterate(String name) {
        double[] x0 = {1.0, 0.0};
        Result r = Solvers.create(name, 1.0).minimize(new Problem(new Euclidean(2), CLIFF), x0,
                StoppingCriterion.standard(1e-12, 100, 0, 60), new Trace());
        assertEquals(StopReason.NOT_FINITE, r.stopReason(), name);
        assertArrayEquals(x0, r.x(), name);
        assertEquals(0.5, r.cost(), name);
        assertTrue(Double.isFinite(r.gradNorm()), name);
        assertEquals(0, r.iterations(), name);
    }

    @org.junit.jupiter.api.Test
    void trustRegionsRejectNonFiniteTrialPoints() {
        Result r = Solvers.create("tr", 1.0).minimize(new Problem(new Euclidean(2), CLIFF), new double[] {1.0, 0.0},
                StoppingCriterion.standard(1e-12, 100, 0, 60), new Trace());
        assertTrue(Double.isFinite(r.cost()), "cost " + r.cost());
        assertTrue(r.x()[0] * r.x()[0] + r.x()[1] * r.x()[1] >= 0.25, "outside the ball");
        assertTrue(r.cost() < 0.5, "made progress: " + r.cost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gd", "armijo", "bb", "cg", "lbfgs", "tr"})
    void neverReturnsAnIterateWithoutAFiniteGradient(String name) {
        Result r = Solvers.create(name, 1.0).minimize(new Problem(new Euclidean(2), NanGradientObjective.INSTANCE),
                new double[] {1.0, 0.0}, StoppingCriterion.standard(1e-12, 100, 0, 60), new Trace());
        assertTrue(Double.isFinite(r.gradNorm()), name + ": gradient norm " + r.gradNorm());
        assertTrue(r.x()[0] * r.x()[0] + r.x()[1] * r.x()[1] >= 0.25, name + ": outside the ball");
        assertTrue(!r.stopReason().isConvergence(), name + ": " + r.stopReason());
    }
}
