package org.ufm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.certificate.Certificate;
import org.ufm.compute.Chunks;
import org.ufm.metric.Margins;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.StopReason;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/** Imbalanced classes (SPEC.md 1f) for every Euclidean model: no closed form, but checkable structure. */
class ImbalancedTest {

    private static final Chunks ONE = new Chunks(1);
    private static final Labels SIZES = Labels.ofClassSizes(new int[] {8, 8, 2, 2});

    private static Result solve(UfmModel m, double scale, int maxIter) {
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(1), scale, x0);
        return GradientDescent.armijo().minimize(new Problem(m.manifold(), m), x0,
                StoppingCriterion.standard(1e-10, maxIter, 0, 60), new Trace());
    }

    private static double rowNorm(double[][] w, int k) {
        double s = 0;
        for (double v : w[k]) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * CE and MSE with weight decay: the optimum is null, the solver's critical point passes the sigma_max
     * test (a global certificate by the nuclear-norm lifting, SPEC 3.1), and minority classifiers are shorter.
     */
    @Test
    void ceAndMseMinorityClassifiersAreShorterAndTheSigmaTestHolds() {
        for (EuclideanUfm m : new EuclideanUfm[] {
            EuclideanUfm.crossEntropy(SIZES, 8, 5e-3, 5e-3, 5e-3, true, ONE),
            EuclideanUfm.meanSquared(SIZES, 8, 5e-3, 5e-3, 0.0, true, ONE)}) {
            assertNull(Certificate.optimum(m), m.name());
            Result r = solve(m, 1.0, 200_000);
            assertEquals(StopReason.CONVERGED, r.stopReason(), m.name());
            Certificate c = Certificate.of(m, r.x(), r.cost(), r.gradNorm(), 1e-9, 1e-9);
            assertTrue(c.sigmaMax <= c.sigmaBound * (1 + Certificate.SIGMA_SLACK), m.name() + ": " + c.sigmaMax);
            double[][] w = m.classifierRows(r.x());
            assertEquals(rowNorm(w, 0), rowNorm(w, 1), 1e-6, m.name() + ": equal majority norms");
            assertTrue(rowNorm(w, 2) < 0.9 * rowNorm(w, 0), m.name() + ": minority " + rowNorm(w, 2) + " vs " + rowNorm(w, 0));
        }
    }

    @Test
    void ulpmSeparatesImbalancedData() {
        EuclideanUfm m = EuclideanUfm.ulpm(SIZES, 8, ONE);
        assertNull(Certificate.optimum(m));
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(1), 0.1, x0);
        int[] y = SIZES.toArray();
        Result a = GradientDescent.fixedStep(0.5).minimize(new Problem(m.manifold(), m), x0,
                StoppingCriterion.maxIterations(500), new Trace());
        Result b = GradientDescent.fixedStep(0.5).minimize(new Problem(m.manifold(), m), a.x(),
                StoppingCriterion.maxIterations(2000), new Trace());
        double ga = Margins.normalized(m.classifierRows(a.x()), m.featureColumns(a.x()), y);
        double gb = Margins.normalized(m.classifierRows(b.x()), m.featureColumns(b.x()), y);
        assertTrue(ga > 0 && gb > ga, ga + " then " + gb);
        assertTrue(b.cost() < a.cost());
    }

    @Test
    void mixonInterpolatesImbalancedData() {
        EuclideanUfm m = EuclideanUfm.mixon(SIZES, 3, 1.0, ONE);
        assertEquals(0.0, Certificate.optimum(m), 0.0);
        Result r = solve(m, 0.1, 500_000);
        assertTrue(r.cost() < 1e-15, "R = " + r.cost());
    }
}
