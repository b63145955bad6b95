package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.manifold.Euclidean;
import org.ufm.manifold.Oblique;
import org.ufm.manifold.ProductManifold;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/**
 * BB, CG (three rules), L-BFGS and trust regions against the closed forms of SPEC.md 3.1 and 3.2 on the
 * worked examples, to 1e-12 relative, and against Armijo GD's iteration count.
 */
class FastSolversTest {

    private static final Chunks ONE = new Chunks(1);

    static Result solve(UfmModel m, long seed, Solver s, double tol) {
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(seed), 1.0, x0);
        return s.minimize(new Problem(m.manifold(), m), x0, StoppingCriterion.standard(tol, 200_000, 0, 120), new Trace());
    }

    static Solver[] all() {
        return new Solver[] {new BarzilaiBorwein(), new ConjugateGradient(ConjugateGradient.Rule.FR),
            new ConjugateGradient(ConjugateGradient.Rule.PRP_PLUS), new ConjugateGradient(ConjugateGradient.Rule.HS),
            new Lbfgs(10), Lbfgs.withTransportedMemory(10), new TrustRegions()};
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void crossEntropyWorkedExampleTo1e12(long seed) {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 0, true, ONE);
        double fstar = CrossEntropyClosedForm.of(4, 5, 5e-4, 5e-4).fstar;
        Result gd = solve(m, seed, GradientDescent.armijo(), 1e-10);
        for (Solver s : all()) {
            Result r = solve(m, seed, s, 1e-10);
            String what = s.name() + " seed " + seed + ": " + r.stopReason() + " after " + r.iterations();
            assertEquals(StopReason.CONVERGED, r.stopReason(), what);
            assertEquals(fstar, r.cost(), 1e-12 * fstar, what);
            if (s instanceof Lbfgs || s instanceof TrustRegions) {
                assertTrue(r.iterations() * 3 < gd.iterations(), what + " vs armijo " + gd.iterations());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void sphereWorkedExampleTo1e12(long seed) {
        SphereUfm m = new SphereUfm(Labels.balanced(4, 5), 8, 5.0, ONE);
        double fstar = SphereClosedForm.fstar(4, 5.0);
        Result gd = solve(m, seed, GradientDescent.armijo(), 1e-10);
        for (Solver s : all()) {
            Result r = solve(m, seed, s, 1e-10);
            String what = s.name() + " seed " + seed + ": " + r.stopReason() + " after " + r.iterations();
            assertEquals(StopReason.CONVERGED, r.stopReason(), what);
            assertEquals(fstar, r.cost(), 1e-12 * fstar, what);
            assertTrue(m.manifold().constraintViolation(r.x()) < 1e-12, what);
            if (s instanceof Lbfgs || s instanceof TrustRegions) {
                assertTrue(r.iterations() * 3 < gd.iterations(), what + " vs armijo " + gd.iterations());
            }
        }
    }

    @ParameterizedTest(name = "K={0} n={1} d={2}")
    @CsvSource({"10, 20, 16", "7, 3, 12", "25, 4, 30"})
    void randomSizesBothModels(int k, int n, int d) {
        EuclideanUfm ce = EuclideanUfm.crossEntropy(Labels.balanced(k, n), d, 5e-4, 5e-4, 0, true, ONE);
        double fce = CrossEntropyClosedForm.of(k, n, 5e-4, 5e-4).fstar;
        SphereUfm sp = new SphereUfm(Labels.balanced(k, n), d, 5.0, ONE);
        double fsp = SphereClosedForm.fstar(k, 5.0);
        for (Solver s : new Solver[] {new Lbfgs(10), new TrustRegions()}) {
            Result r = solve(ce, 7, s, 1e-10);
            assertEquals(StopReason.CONVERGED, r.stopReason(), s.name() + " ce");
            assertEquals(fce, r.cost(), 1e-12 * fce, s.name() + " ce");
            r = solve(sp, 7, s, 1e-10);
            assertEquals(StopReason.CONVERGED, r.stopReason(), s.name() + " sphere");
            assertEquals(fsp, r.cost(), 1e-12 * fsp, s.name() + " sphere");
        }
    }

    /** A product manifold R^2 x S^2: minimise (a - 1)^2 + (b + 2)^2 - 3 z_3 + (z_1)^2; minimum -3 at (1, -2, e_3). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bb", "cg", "lbfgs", "tr"})
    void productManifold(String name) {
        ProductManifold pm = new ProductManifold(java.util.Arrays.asList(new Euclidean(2), new Oblique(3, 1)));
        Objective o = new Objective() {
            public int ambientDimension() {
                return 5;
            }

            public double value(double[] x) {
                return (x[0] - 1) * (x[0] - 1) + (x[1] + 2) * (x[1] + 2) - 3 * x[4] + x[2] * x[2];
            }

            public double valueAndGradient(double[] x, double[] g) {
                g[0] = 2 * (x[0] - 1);
                g[1] = 2 * (x[1] + 2);
                g[2] = 2 * x[2];
                g[3] = 0;
                g[4] = -3;
                return value(x);
            }

            public void hessianTimes(double[] x, double[] v, double[] out) {
                out[0] = 2 * v[0];
                out[1] = 2 * v[1];
                out[2] = 2 * v[2];
                out[3] = 0;
                out[4] = 0;
            }
        };
        double[] x0 = {0, 0, 0.6, 0.8, 0};
        Result r = Solvers.create(name, Double.NaN).minimize(new Problem(pm, o), x0,
                StoppingCriterion.standard(1e-10, 10_000, 0, 60), new Trace());
        assertEquals(StopReason.CONVERGED, r.stopReason(), name);
        assertEquals(-3.0, r.cost(), 1e-14, name);
    }
}
