package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.manifold.Euclidean;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/** The strong Wolfe line search: the accepted steps satisfy both conditions, and L-BFGS spends about one evaluation per iteration. */
class WolfeLineSearchTest {

    private static final Chunks ONE = new Chunks(1);

    /** Rosenbrock in 2 variables, f = (1 - a)^2 + 100 (b - a^2)^2: curved valleys make t = 1 fail often. */
    private static final Objective ROSENBROCK = new Objective() {
        @Override
        public int ambientDimension() {
            return 2;
        }

        @Override
        public double value(double[] x) {
            return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
        }

        @Override
        public double valueAndGradient(double[] x, double[] g) {
            double r = x[1] - x[0] * x[0];
            g[0] = -2 * (1 - x[0]) - 400 * x[0] * r;
            g[1] = 200 * r;
            return value(x);
        }

        @Override
        public void hessianTimes(double[] x, double[] v, double[] out) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void acceptedStepsSatisfyTheStrongWolfeConditions() {
        Problem p = new Problem(new Euclidean(2), ROSENBROCK);
        Random r = new Random(3);
        WolfeLineSearch w = new WolfeLineSearch();
        int accepted = 0;
        for (int trial = 0; trial < 200; trial++) {
            double[] x = {2 * r.nextGaussian(), 2 * r.nextGaussian()};
            double[] g = new double[2];
            double f0 = p.costAndGradient(x, g);
            // steepest descent with a random length, and a random descent direction
            double[] eta = {-g[0] * Math.exp(3 * r.nextGaussian()), -g[1] * Math.exp(3 * r.nextGaussian())};
            double slope = g[0] * eta[0] + g[1] * eta[1];
            double[] next = new double[2];
            double[] ng = new double[2];
            if (!w.search(p, x, f0, eta, slope, 1.0, next, ng)) {
                continue;
            }
            accepted++;
            assertEquals(x[0] + w.t * eta[0], next[0], 1e-12 * (1 + Math.abs(next[0])));
            assertEquals(ROSENBROCK.value(next), w.cost, 0.0);
            assertTrue(w.cost <= f0 + WolfeLineSearch.C1 * w.t * slope + 64 * Math.ulp(1.0) * Math.max(1, Math.abs(f0)),
                    "sufficient decrease at trial " + trial);
            assertTrue(Math.abs(ng[0] * eta[0] + ng[1] * eta[1]) <= -WolfeLineSearch.C2 * slope, "curvature at trial " + trial);
            assertTrue(w.evaluations <= WolfeLineSearch.MAX_TRIALS);
        }
        assertTrue(accepted >= 190, "accepted " + accepted + " of 200");
    }

    @Test
    void cubicInterpolationFindsTheMinimiserOfACubicAndStaysInside() {
        // phi(t) = (t - 0.3)^2 (t + 1): minimiser 0.3 inside [0, 1]
        double c = WolfeLineSearch.interpolate(0, 0.09, -0.51, 1, 0.98, 3.29);
        assertEquals(0.3, c, 1e-12);
        double s = WolfeLineSearch.interpolate(0, 0, -1, 1, 5, Double.NaN);
        assertEquals(0.5, s, 0.0);
    }

    @Test
    void extrapolationJumpsToTheMinimiserOfAQuadraticWithinItsGrowthLimits() {
        // phi(t) = (t - 7)^2: phi'(t) = 2 (t - 7); from phi'(0) = -14 and phi'(1) = -12 the secant's zero is 7
        assertEquals(7.0, WolfeLineSearch.extrapolate(0, -14, 1, -12), 1e-12);
        // phi(t) = (t - 1000)^2 seen from t = 1: the zero is 1000, clamped at 100 t
        assertEquals(WolfeLineSearch.MAX_GROWTH, WolfeLineSearch.extrapolate(0, -2000, 1, -1998), 0.0);
        // phi' not growing (concave along the line): the largest growth
        assertEquals(WolfeLineSearch.MAX_GROWTH * 3, WolfeLineSearch.extrapolate(1, -1, 3, -2), 0.0);
        // a zero just beyond b: at least doubled
        assertEquals(WolfeLineSearch.MIN_GROWTH * 4, WolfeLineSearch.extrapolate(2, -10, 4, -0.1), 0.0);
    }

    /** L-BFGS to a gradient norm of 1e-10 on CE and sphere problems: at most 1.25 evaluations per iteration. */
    @Test
    void lbfgsSpendsAboutOneEvaluationPerIteration() {
        List<UfmModel> models = List.of(EuclideanUfm.crossEntropy(Labels.balanced(10, 10), 16, 5e-4, 5e-4, 5e-4, true, ONE),
                new SphereUfm(Labels.balanced(10, 10), 16, 5.0, ONE));
        for (UfmModel m : models) {
            double[] x0 = new double[m.ambientDimension()];
            m.initialPoint(new Random(1), 1.0, x0);
            Trace trace = new Trace(true);
            Result r = new Lbfgs(10).minimize(new Problem(m.manifold(), m), x0, StoppingCriterion.standard(1e-10, 10_000, 0, 60), trace);
            assertEquals(StopReason.CONVERGED, r.stopReason(), m.name());
            long evals = trace.rows().get(trace.rows().size() - 1).evaluations();
            assertTrue(evals <= 1.25 * r.iterations(), m.name() + ": " + evals + " evaluations in " + r.iterations() + " iterations");
        }
        EuclideanUfm ce = (EuclideanUfm) models.get(0);
        double[] x0 = new double[ce.ambientDimension()];
        ce.initialPoint(new Random(1), 1.0, x0);
        Result r = new Lbfgs(10).minimize(new Problem(ce.manifold(), ce), x0, StoppingCriterion.standard(1e-10, 10_000, 0, 60), new Trace());
        double fstar = CrossEntropyClosedForm.optimum(ce);
        assertEquals(fstar, r.cost(), 1e-12 * fstar);
    }
}
