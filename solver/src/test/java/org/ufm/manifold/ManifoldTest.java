package org.ufm.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Projection, retraction and transport on the oblique manifold and products. */
class ManifoldTest {

    @Test
    void largeEuclideanOperationsAreBitIdenticalForAnyThreadCountAndMatchTheSequentialLoop() {
        int n = Euclidean.PARALLEL_MIN * 3 + 17;
        Random r = new Random(5);
        double[] x = new double[n];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            u[i] = r.nextGaussian();
        }
        double[] want = new double[n];
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            want[i] = x[i] + 0.3 * u[i];
            sum += x[i] * u[i];
        }
        Double inner1 = null;
        for (int threads = 1; threads <= 3; threads++) {
            try (org.ufm.compute.Chunks chunks = new org.ufm.compute.Chunks(threads)) {
                Euclidean m = new Euclidean(n, chunks);
                double[] out = new double[n];
                m.retract(x, u, 0.3, out);
                assertArrayEquals(want, out, 0.0, threads + " threads");
                double[] copy = new double[n];
                m.project(x, u, copy);
                assertArrayEquals(u, copy, 0.0);
                double inner = m.inner(x, x, u);
                assertEquals(sum, inner, 1e-9 * Math.sqrt(n), "pieces change only the rounding");
                if (inner1 == null) {
                    inner1 = inner;
                }
                assertEquals(inner1.doubleValue(), inner, 0.0, "same bits for " + threads + " threads");
            }
        }
        assertEquals(inner1.doubleValue(), new Euclidean(n).inner(x, x, u), 0.0, "and without a pool");
    }

    @Test
    void largeObliqueOperationsAreBitIdenticalForAnyThreadCountAndMatchTheColumnLoop() {
        int d = 8;
        int cols = Euclidean.PARALLEL_MIN / d * 2 + 5;
        int n = d * cols;
        Random r = new Random(6);
        Oblique sequential = new Oblique(d, cols);
        double[] x = new double[n];
        sequential.randomPoint(r, 1, x);
        double[] u = new double[n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = r.nextGaussian();
            h[i] = r.nextGaussian();
        }
        double[] wantP = new double[n];
        double[] wantR = new double[n];
        double[] wantH = new double[n];
        for (int j = 0; j < cols; j++) {
            org.ufm.kernel.SphereKernels.project(x, j * d, u, j * d, wantP, j * d, d);
            org.ufm.kernel.SphereKernels.retract(x, j * d, wantP, j * d, 0.7, wantR, j * d, d);
        }
        Oblique single = new Oblique(d, 1);
        for (int j = 0; j < cols; j++) {
            double[] xj = Arrays.copyOfRange(x, j * d, j * d + d);
            double[] hj = new double[d];
            single.ehessToRhess(xj, Arrays.copyOfRange(u, j * d, j * d + d), Arrays.copyOfRange(h, j * d, j * d + d),
                    Arrays.copyOfRange(wantP, j * d, j * d + d), hj);
            System.arraycopy(hj, 0, wantH, j * d, d);
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += wantP[i] * u[i];
        }
        Double inner1 = null;
        for (int threads = 1; threads <= 3; threads++) {
            try (org.ufm.compute.Chunks chunks = new org.ufm.compute.Chunks(threads)) {
                Oblique m = new Oblique(d, cols, chunks);
                double[] p = new double[n];
                m.project(x, u, p);
                assertArrayEquals(wantP, p, 0.0, threads + " threads: projection");
                double[] y = new double[n];
                m.retract(x, p, 0.7, y);
                assertArrayEquals(wantR, y, 0.0, threads + " threads: retraction");
                double[] hess = new double[n];
                m.ehessToRhess(x, u, h, p, hess);
                assertArrayEquals(wantH, hess, 0.0, threads + " threads: Weingarten term");
                double inner = m.inner(x, p, u);
                assertEquals(sum, inner, 1e-9 * Math.sqrt(n), "pieces change only the rounding");
                if (inner1 == null) {
                    inner1 = inner;
                }
                assertEquals(inner1.doubleValue(), inner, 0.0, "same bits for " + threads + " threads");
            }
        }
        assertEquals(inner1.doubleValue(), sequential.inner(x, wantP, u), 0.0, "and without a pool");
    }

    @Test
    void obliqueProjectionIsTangentAndIdempotentAndRetractionStaysOnTheManifold() {
        Oblique m = new Oblique(5, 7);
        Random r = new Random(1);
        double[] x = new double[m.ambientDimension()];
        m.randomPoint(r, 1, x);
        assertTrue(m.constraintViolation(x) < 1e-15);
        double[] u = new double[x.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = r.nextGaussian();
        }
        double[] p = new double[x.length];
        m.project(x, u, p);
        for (int j = 0; j < 7; j++) {
            double s = 0;
            for (int i = 0; i < 5; i++) {
                s += x[j * 5 + i] * p[j * 5 + i];
            }
            assertEquals(0.0, s, 1e-15);
        }
        double[] pp = new double[x.length];
        m.project(x, p, pp);
        assertArrayEquals(p, pp, 1e-15);
        double[] y = new double[x.length];
        m.retract(x, p, 3.0, y);
        assertTrue(m.constraintViolation(y) < 1e-15);
        double[] same = new double[x.length];
        m.retract(x, new double[x.length], 1.0, same);
        assertArrayEquals(x, same, 2 * Math.ulp(1.0), "R_x(0) = x up to the rounding of one renormalisation");
        double[] tr = new double[x.length];
        m.transport(x, y, p, tr);
        double[] back = new double[x.length];
        m.project(y, tr, back);
        assertArrayEquals(tr, back, 1e-15);
    }

    @Test
    void retractionIsSecondOrder() {
        Oblique m = new Oblique(4, 1);
        Random r = new Random(3);
        double[] x = new double[4];
        m.randomPoint(r, 1, x);
        double[] v = new double[4];
        m.randomTangent(x, r, v);
        double[] prev = null;
        double prevErr = 0;
        for (double t : new double[] {1e-1, 1e-2}) {
            double[] y = new double[4];
            m.retract(x, v, t, y);
            double[] exp = new double[4];
            for (int i = 0; i < 4; i++) {
                exp[i] = Math.cos(t) * x[i] + Math.sin(t) * v[i];
            }
            double err = 0;
            for (int i = 0; i < 4; i++) {
                err += (y[i] - exp[i]) * (y[i] - exp[i]);
            }
            err = Math.sqrt(err);
            if (prev != null) {
                assertTrue(prevErr / err > 500, "error falls like t^3: " + prevErr + " -> " + err);
            }
            prev = y;
            prevErr = err;
        }
    }

    @Test
    void productActsFactorByFactor() {
        ProductManifold m = new ProductManifold(Arrays.asList(new Euclidean(3), new Oblique(2, 2)));
        assertEquals(7, m.ambientDimension());
        assertEquals(5, m.dimension());
        double[] x = new double[7];
        m.randomPoint(new Random(2), 1, x);
        assertTrue(m.constraintViolation(x) < 1e-15);
        double[] u = {1, 2, 3, 4, 5, 6, 7};
        double[] p = new double[7];
        m.project(x, u, p);
        assertArrayEquals(new double[] {1, 2, 3}, Arrays.copyOf(p, 3), 0.0);
        assertEquals(0.0, x[3] * p[3] + x[4] * p[4], 1e-14);
    }
}
