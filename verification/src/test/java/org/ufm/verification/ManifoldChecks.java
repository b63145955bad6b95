package org.ufm.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ufm.manifold.Euclidean;
import org.ufm.manifold.Manifold;
import org.ufm.manifold.Oblique;
import org.ufm.manifold.ProductManifold;

/** Retraction and projection on Euclidean, Oblique and Product manifolds. */
final class ManifoldChecks {

    private ManifoldChecks() {
    }

    /**
     * For a random point x and ambient u, v: R_x(t P u) is on the manifold; u - P u is orthogonal to the
     * tangent vector P v; P is idempotent with trace = dimension (an orthogonal projector of the right
     * rank); x + h P u leaves the manifold only to O(h^2) (P u is tangent) and R_x(h P u) = x + h P u + O(h^2); R_x(0) = x up to one renormalisation: a point is unit only to the
     * rounding of ||x||^2 over d terms, so each entry may move by (2 + d) ulps, not 2 (observed: 4 ulps at d = 4).
     */
    static void check(ModelFactory f, int d, int m, double t, long seed) {
        List<Manifold> real = List.of(new Euclidean(d * m), new Oblique(d, m),
                new ProductManifold(List.of(new Oblique(d, m), new Euclidean(d), Oblique.sphere(d))));
        Random rnd = new Random(seed);
        for (Manifold base : real) {
            Manifold mf = f.manifold(base);
            int n = mf.ambientDimension();
            double[] x = new double[n];
            base.randomPoint(rnd, 1.0, x);
            double[] u = gaussian(n, rnd);
            double[] v = gaussian(n, rnd);
            double[] pu = new double[n];
            double[] pv = new double[n];
            mf.project(x, u, pu);
            mf.project(x, v, pv);
            double un = Dense.norm(u);
            double[] ppu = new double[n];
            mf.project(x, pu, ppu);
            assertTrue(Dense.maxDiff(pu, ppu) <= 8 * Checks.EPS * un, base + ": projection not idempotent, "
                    + Dense.maxDiff(pu, ppu));
            double[] normal = new double[n];
            for (int i = 0; i < n; i++) {
                normal[i] = u[i] - pu[i];
            }
            double orth = Math.abs(Checks.dot(normal, pv));
            assertTrue(orth <= 64 * Checks.EPS * un * Dense.norm(v), base + ": <u - Pu, Pv> = " + orth);
            double trace = 0;
            double[] e = new double[n];
            double[] pe = new double[n];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(e, 0.0);
                e[i] = 1.0;
                mf.project(x, e, pe);
                trace += pe[i];
            }
            assertTrue(Math.abs(trace - base.dimension()) <= 1e-12 * n, base + ": trace of the projection " + trace
                    + " is not the dimension " + base.dimension());
            double h = 1e-4;
            double[] line = new double[n];
            double xi2 = Checks.dot(pu, pu);
            for (int i = 0; i < n; i++) {
                line[i] = x[i] + h * pu[i];
            }
            assertTrue(base.constraintViolation(line) <= h * h * xi2 + 8 * Checks.EPS, base
                    + ": P u is not tangent, x + h P u leaves the manifold by " + base.constraintViolation(line));
            double[] step = new double[n];
            mf.retract(x, pu, h, step);
            assertTrue(Dense.maxDiff(step, line) <= h * h * xi2 + 8 * Checks.EPS, base
                    + ": retraction is not first order, |R_x(h xi) - x - h xi| = " + Dense.maxDiff(step, line));
            double[] y = new double[n];
            mf.retract(x, pu, t, y);
            assertTrue(base.constraintViolation(y) <= 4 * Checks.EPS, base + ": retraction leaves the manifold by "
                    + base.constraintViolation(y));
            double[] z = new double[n];
            mf.retract(x, new double[n], 1.0, z);
            for (int i = 0; i < n; i++) {
                assertTrue(Math.abs(z[i] - x[i]) <= (2 + d) * Math.ulp(x[i]), base + ": R_x(0) moved entry " + i + " from "
                        + x[i] + " to " + z[i]);
            }
        }
    }

    private static double[] gaussian(int n, Random rnd) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
        }
        return a;
    }
}
