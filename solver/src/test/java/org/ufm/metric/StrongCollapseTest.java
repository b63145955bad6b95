package org.ufm.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.reproduce.MixonRun;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/** Mixon et al.'s strong neural collapse, the subspace S and its projection (SPEC.md 1b, 3.3, 6.1). */
class StrongCollapseTest {

    private static final Chunks ONE = new Chunks(1);
    private static final StrongCollapse SC = new StrongCollapse(3, 3, 15);

    private static double[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void strongPointInterpolatesAndHasZeroErrors() {
        EuclideanUfm m = MixonRun.model(ONE);
        for (long seed = 1; seed <= 3; seed++) {
            double[] x = SC.strongPoint(new Random(seed));
            double[] g = new double[x.length];
            double r = m.valueAndGradient(x, g);
            assertTrue(r < 1e-28, "residual loss " + r);
            assertTrue(Math.sqrt(dot(g, g)) < 1e-13);
            assertTrue(SC.gramDistance(x) < 1e-14);
            assertTrue(SC.featureDistance(x) < 1e-15);
            assertTrue(SC.biasDistance(x) < 1e-16);
            assertTrue(SC.relativeDistanceToS(x) < 1e-15);
        }
        // a different sqrt(n): C = 4, n = 5, p = 6
        StrongCollapse sc = new StrongCollapse(4, 5, 6);
        EuclideanUfm m2 = EuclideanUfm.mixon(org.ufm.model.Labels.ofClassSizes(new int[] {5, 5, 5, 5}), 6, 0.7, ONE);
        double[] x = sc.strongPoint(new Random(9));
        assertTrue(m2.value(x) < 1e-28 && sc.gramDistance(x) < 1e-14);
    }

    @Test
    void projectionIsIdempotentOrthogonalAndLandsInS() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] x = gaussian(SC.size(), seed);
            double[] y = gaussian(SC.size(), seed + 100);
            double[] px = SC.projectOntoS(x);
            double[] ppx = SC.projectOntoS(px);
            for (int i = 0; i < x.length; i++) {
                assertEquals(px[i], ppx[i], 1e-14);
            }
            double[] rx = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                rx[i] = x[i] - px[i];
            }
            double[] py = SC.projectOntoS(y);
            assertEquals(0.0, dot(rx, py), 1e-12, "x - Pi x is orthogonal to S");
            assertTrue(SC.featureDistance(px) < 1e-15, "H = (W (x) 1)^T / sqrt n on S");
            for (int j = 0; j < 15; j++) {
                assertEquals(0.0, px[3 * j] + px[3 * j + 1] + px[3 * j + 2], 1e-14, "1^T W = 0 on S");
            }
            assertTrue(SC.relativeDistanceToS(px) < 1e-15);
            assertTrue(SC.relativeDistanceToS(x) > 0.5);
        }
    }

    @Test
    void gradientDescentLeavesSInvariant() {
        EuclideanUfm m = MixonRun.model(ONE);
        double[] x0 = SC.projectOntoS(MixonRun.initialPoint(m, 4, 0.1));
        Result r = GradientDescent.fixedStep(0.05).minimize(new Problem(m.manifold(), m), x0,
                StoppingCriterion.maxIterations(2000), new Trace());
        assertTrue(SC.relativeDistanceToS(r.x()) < 1e-12, "distance " + SC.relativeDistanceToS(r.x()));
        assertTrue(r.cost() < 1e-8, "converges on S to an interpolating point, R = " + r.cost());
    }

    /** SPEC 6.1 reduced: 2 seeds, 20 000 iterations; every error shrinks at least 5x per 10x in eps. */
    @Test
    void errorsShrinkWithTheInitialScale() {
        int[] grid = {0, 20_000};
        double[] eps = {1.0, 0.1, 0.01};
        double[][] err = new double[eps.length][3];
        for (int e = 0; e < eps.length; e++) {
            for (long seed = 1; seed <= 2; seed++) {
                MixonRun run = MixonRun.run(eps[e], seed, grid);
                assertTrue(run.loss[1] < 1e-6, "eps " + eps[e] + " converged: R = " + run.loss[1]);
                err[e][0] += run.gram[1] / 2;
                err[e][1] += run.features[1] / 2;
                err[e][2] += run.bias[1] / 2;
            }
        }
        for (int e = 1; e < eps.length; e++) {
            for (int q = 0; q < 3; q++) {
                assertTrue(err[e][q] < err[e - 1][q] / 5, "error " + q + " at eps " + eps[e] + ": " + err[e][q]
                        + " vs " + err[e - 1][q]);
            }
        }
    }
}
