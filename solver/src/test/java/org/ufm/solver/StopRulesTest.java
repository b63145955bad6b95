package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ufm.manifold.Euclidean;

/**
 * The composable stopping rules (all, any, maxEvaluations, relativeGap, costStalled: the only producer of COST_STALLED) and
 * one stop reason for one situation in every line-search solver.
 */
class StopRulesTest {

    private static IterationRecord row(int k, double f, double gn, long evals) {
        return new IterationRecord(k, f, gn, 1.0, 0.0, evals);
    }

    @Test
    void allFiresOnlyWhenEveryCriterionDoes() {
        StoppingCriterion c = StoppingCriterion.all(StoppingCriterion.gradientNorm(1e-3), StoppingCriterion.maxIterations(5));
        assertNull(c.check(row(10, 1, 1, 0)));
        assertNull(c.check(row(1, 1, 1e-4, 0)));
        assertEquals(StopReason.CONVERGED, c.check(row(5, 1, 1e-4, 0)));
    }

    @Test
    void relativeGapIsRelativeToTheOptimumAndAbsoluteAtZero() {
        StoppingCriterion c = StoppingCriterion.relativeGap(2.0, 1e-3);
        assertNull(c.check(row(3, 2.0021, 1, 0)));
        assertEquals(StopReason.OPTIMUM_REACHED, c.check(row(3, 2.0019, 1, 0)));
        assertEquals(StopReason.OPTIMUM_REACHED, c.check(row(3, 1.5, 1, 0)), "below f*: within any gap");
        StoppingCriterion zero = StoppingCriterion.relativeGap(0.0, 1e-3);
        assertNull(zero.check(row(3, 1.1e-3, 1, 0)));
        assertEquals(StopReason.OPTIMUM_REACHED, zero.check(row(3, 0.9e-3, 1, 0)));
        assertTrue(StopReason.OPTIMUM_REACHED.isConvergence());
    }

    @Test
    void maxEvaluationsCountsLineSearchTrials() {
        StoppingCriterion c = StoppingCriterion.maxEvaluations(10);
        assertNull(c.check(row(3, 1, 1, 10)));
        assertEquals(StopReason.MAX_EVALUATIONS, c.check(row(3, 1, 1, 11)));
    }

    @Test
    void costStalledComparesWithTheValueWindowIterationsAgoAndRestartsAtZero() {
        StoppingCriterion c = StoppingCriterion.costStalled(2, 1e-6);
        assertNull(c.check(row(0, 10, 1, 1)));
        assertNull(c.check(row(1, 5, 1, 2)));
        assertNull(c.check(row(2, 5, 1, 3)), "10 -> 5 over two iterations is progress");
        assertNull(c.check(row(3, 4, 1, 4)), "5 -> 4");
        assertEquals(StopReason.COST_STALLED, c.check(row(4, 5 - 1e-7, 1, 5)), "5 -> 5 - 1e-7 over two iterations");
        assertNull(c.check(row(0, 1, 1, 1)), "a new solve starts a new history");
        assertNull(c.check(row(1, 1, 1, 2)));
    }

    /** A line search that ends at a point with a NaN gradient: NOT_FINITE and the start, in every solver. */
    @Test
    void aLineSearchEndingAtANonFinitePointIsNotFiniteInEverySolver() {
        for (String name : new String[] {"gd", "armijo", "bb", "cg", "lbfgs"}) {
            double[] x0 = {1.0, 0.0};
            Result r = Solvers.create(name, 1.0).minimize(new Problem(new Euclidean(2), NanGradientObjective.INSTANCE),
                    x0, StoppingCriterion.standard(1e-12, 100, 0, 60), new Trace());
            assertEquals(StopReason.NOT_FINITE, r.stopReason(), name);
            assertArrayEquals(x0, r.x(), name);
            assertTrue(Double.isFinite(r.gradNorm()), name);
        }
    }

    /** The evaluation budget stops a solve with its last iterate, whatever the solver. */
    @Test
    void evaluationBudgetStopsEverySolver() {
        Objective quadratic = new Objective() {
            public int ambientDimension() {
                return 2;
            }

            public double value(double[] x) {
                return 0.5 * (x[0] * x[0] + 100 * x[1] * x[1]);
            }

            public double valueAndGradient(double[] x, double[] g) {
                g[0] = x[0];
                g[1] = 100 * x[1];
                return value(x);
            }

            public void hessianTimes(double[] x, double[] v, double[] out) {
                out[0] = v[0];
                out[1] = 100 * v[1];
            }
        };
        for (String name : new String[] {"armijo", "bb", "cg", "lbfgs", "tr"}) {
            StoppingCriterion stop = StoppingCriterion.any(StoppingCriterion.gradientNorm(0),
                    StoppingCriterion.maxEvaluations(5));
            Result r = Solvers.create(name, Double.NaN).minimize(new Problem(new Euclidean(2), quadratic),
                    new double[] {1.0, 1.0}, stop, new Trace(true));
            assertEquals(StopReason.MAX_EVALUATIONS, r.stopReason(), name);
            long evals = r.trace().rows().get(r.trace().rows().size() - 1).evaluations();
            assertTrue(evals > 5, name + " " + evals);
            assertTrue(r.cost() < 50.5, name + " made progress: " + r.cost());
        }
    }
}
