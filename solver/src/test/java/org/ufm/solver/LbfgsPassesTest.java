package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.compute.Pieces;

/**
 * The fused L-BFGS passes over single-precision pairs against plain double loops on the widened values, the
 * two-loop recursion against the dense BFGS inverse update of the same rounded pairs, the compact representation
 * against the two-loop recursion, and every pass bit-identical for 1, 2 and 3 threads.
 */
class LbfgsPassesTest {

    private static double[] gaussian(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static float[] gaussianFloat(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static double[] widen(float[] v) {
        double[] w = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            w[i] = v[i];
        }
        return w;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0.0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    private static double norm(double[] u) {
        return Math.sqrt(dot(u, u));
    }

    /** Runs the four passes on fixed data; returns eta, s, y (widened) and the sums, concatenated. */
    private static double[] passes(int n, Chunks chunks) {
        Random r = new Random(11);
        double[] u = gaussian(r, n);
        float[] fu = gaussianFloat(r, n);
        float[] fv = gaussianFloat(r, n);
        double[] g0 = gaussian(r, n);
        double[] g1 = gaussian(r, n);
        double[] eta = new double[n];
        float[] s = new float[n];
        float[] y = new float[n];
        LbfgsPasses p = new LbfgsPasses(new Pieces(n, chunks));
        double d1 = p.scaledCopyDot(-0.5, u, eta, fv);
        double d2 = p.axpyDot(0.25, fv, -2.0, eta, fu);
        double d3 = p.axpyDot(-0.75, fu, 1.0, eta, u);
        double d4 = p.scaledCopyDot(0.5, eta, eta, eta);
        double[] sums = p.pair(0.3, eta, s, g1, g0, y);
        double[] out = new double[3 * n + 7];
        System.arraycopy(eta, 0, out, 0, n);
        System.arraycopy(widen(s), 0, out, n, n);
        System.arraycopy(widen(y), 0, out, 2 * n, n);
        out[3 * n] = d1;
        out[3 * n + 1] = d2;
        out[3 * n + 2] = d3;
        out[3 * n + 3] = d4;
        System.arraycopy(sums, 0, out, 3 * n + 4, 3);
        return out;
    }

    @Test
    void passesMatchPlainLoops() {
        int n = 1003;
        Random r = new Random(11);
        double[] u = gaussian(r, n);
        double[] fu = widen(gaussianFloat(r, n));
        double[] fv = widen(gaussianFloat(r, n));
        double[] g0 = gaussian(r, n);
        double[] g1 = gaussian(r, n);
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            eta[i] = -0.5 * u[i];
        }
        double d1 = dot(fv, eta);
        for (int i = 0; i < n; i++) {
            eta[i] = -2.0 * (eta[i] + 0.25 * fv[i]);
        }
        double d2 = dot(fu, eta);
        for (int i = 0; i < n; i++) {
            eta[i] += -0.75 * fu[i];
        }
        double d3 = dot(u, eta);
        for (int i = 0; i < n; i++) {
            eta[i] *= 0.5;
        }
        double d4 = dot(eta, eta);
        double[] s = new double[n];
        double[] y = new double[n];
        double[] sExact = new double[n];
        double[] yExact = new double[n];
        for (int i = 0; i < n; i++) {
            sExact[i] = 0.3 * eta[i];
            yExact[i] = g1[i] - g0[i];
            s[i] = (float) sExact[i];
            y[i] = (float) yExact[i];
        }
        double[] got = passes(n, null);
        assertArrayEquals(eta, Arrays.copyOfRange(got, 0, n), 1e-15);
        // the stored pair is the double value rounded to float: exactly that, not within float precision of it
        assertArrayEquals(s, Arrays.copyOfRange(got, n, 2 * n), 1e-15);
        assertArrayEquals(y, Arrays.copyOfRange(got, 2 * n, 3 * n), 0.0);
        assertEquals(d1, got[3 * n], 1e-12 * Math.sqrt(n));
        assertEquals(d2, got[3 * n + 1], 1e-12 * Math.sqrt(n));
        assertEquals(d3, got[3 * n + 2], 1e-12 * Math.sqrt(n));
        assertEquals(d4, got[3 * n + 3], 1e-12 * Math.sqrt(n));
        // s.y, s.s, y.y belong to the rounded pair: within double rounding of its products, and far (a relative
        // 2^-24 per entry, about 1e-8 here) from the products of the pair before rounding
        double tol = 1e-12 * n;
        double[] want = {dot(s, y), dot(s, s), dot(y, y)};
        double[] unrounded = {dot(sExact, yExact), dot(sExact, sExact), dot(yExact, yExact)};
        for (int k = 0; k < 3; k++) {
            assertEquals(want[k], got[3 * n + 4 + k], tol, "sum " + k);
            assertTrue(Math.abs(unrounded[k] - got[3 * n + 4 + k]) > 10 * tol,
                    "sum " + k + " is not that of the pair before rounding");
        }
    }

    @Test
    void passesAreBitIdenticalForAnyThreadCount() {
        int n = 100_003;
        double[] one = passes(n, null);
        for (int threads = 1; threads <= 3; threads++) {
            try (Chunks chunks = new Chunks(threads)) {
                assertArrayEquals(one, passes(n, chunks), 0.0, threads + " threads");
            }
        }
    }

    /** -H g with H the BFGS inverse update of H_0 = gamma I by the given pairs (widened), oldest first. */
    private static double[] denseBfgsDirection(double[][] s, double[][] y, int memory, int stored, int newest, double[] g) {
        int n = g.length;
        double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            h[i][i] = gamma;
        }
        for (int c = stored - 1; c >= 0; c--) {
            int i = Math.floorMod(newest - c, memory);
            double rho = 1.0 / dot(s[i], y[i]);
            double[][] a = new double[n][n];
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    a[p][q] = (p == q ? 1.0 : 0.0) - rho * s[i][p] * y[i][q];
                }
            }
            double[][] next = new double[n][n];
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    double v = rho * s[i][p] * s[i][q];
                    for (int k = 0; k < n; k++) {
                        for (int l = 0; l < n; l++) {
                            v += a[p][k] * h[k][l] * a[q][l];
                        }
                    }
                    next[p][q] = v;
                }
            }
            h = next;
        }
        double[] want = new double[n];
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                want[p] -= h[p][q] * g[q];
            }
        }
        return want;
    }

    /**
     * The fused two-loop recursion over float pairs gives -H g, H the dense BFGS inverse update of H_0 = gamma I by
     * the same rounded pairs (widened exactly to double), for a ring that has wrapped. Both sides then do double
     * arithmetic on the same numbers, so they agree to double rounding: 1e-12 relative (n = 12, 4 pairs). The
     * test is not blind to float-sized errors: with rho and gamma taken from the pairs before rounding (the bug
     * the pair pass avoids) the direction misses by about 1e-8 relative, and dropping the oldest pair misses by
     * order one; both must fail the same tolerance.
     */
    @Test
    void twoLoopIsTheBfgsInverseUpdateOfTheRoundedPairs() {
        int n = 12;
        int memory = 5;
        int stored = 4;
        int newest = 1;
        Random r = new Random(5);
        double[][] sExact = new double[memory][];
        double[][] yExact = new double[memory][];
        float[][] s = new float[memory][n];
        float[][] y = new float[memory][n];
        double[][] sw = new double[memory][];
        double[][] yw = new double[memory][];
        double[] rho = new double[memory];
        double[] yy = new double[memory];
        double[] rhoExact = new double[memory];
        double[] yyExact = new double[memory];
        for (int i = 0; i < memory; i++) {
            sExact[i] = gaussian(r, n);
            yExact[i] = new double[n];
            for (int j = 0; j < n; j++) {
                yExact[i][j] = (1.0 + j) * sExact[i][j] + 0.1 * r.nextGaussian();
                s[i][j] = (float) sExact[i][j];
                y[i][j] = (float) yExact[i][j];
            }
            sw[i] = widen(s[i]);
            yw[i] = widen(y[i]);
            rho[i] = 1.0 / dot(sw[i], yw[i]);
            yy[i] = dot(yw[i], yw[i]);
            rhoExact[i] = 1.0 / dot(sExact[i], yExact[i]);
            yyExact[i] = dot(yExact[i], yExact[i]);
        }
        double[] g = gaussian(r, n);
        double[] want = denseBfgsDirection(sw, yw, memory, stored, newest, g);
        double scale = norm(want);
        double tol = 1e-12 * scale;
        LbfgsPasses passes = new LbfgsPasses(new Pieces(n, null));
        double[] eta = new double[n];
        double slope = Lbfgs.twoLoop(passes, memory, stored, newest, s, y, rho, yy, new double[memory], g, eta);
        assertArrayEquals(want, eta, tol);
        assertEquals(dot(g, want), slope, 1e-12 * scale * norm(g));

        double[] inconsistent = new double[n];
        Lbfgs.twoLoop(passes, memory, stored, newest, s, y, rhoExact, yyExact, new double[memory], g, inconsistent);
        assertTrue(maxDiff(want, inconsistent) > 100 * tol, "rho, gamma of the unrounded pairs: " + maxDiff(want, inconsistent));
        double[] short1 = new double[n];
        Lbfgs.twoLoop(passes, memory, stored - 1, newest, s, y, rho, yy, new double[memory], g, short1);
        assertTrue(maxDiff(want, short1) > 100 * tol, "the oldest pair dropped");
    }

    private static double distance(double[] a, double[] b) {
        double m = 0.0;
        for (int i = 0; i < a.length; i++) {
            m += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(m);
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0.0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /**
     * The compact representation gives the two-loop recursion's direction along a run of 15 quasi-Newton steps on
     * a quadratic with a memory of 5 (so the ring wraps), its new columns of S^T Y and Y^T Y taken from the
     * differences of consecutive S^T g, Y^T g; also bit-identical for 1, 2 and 3 threads.
     */
    @Test
    void compactRepresentationMatchesTheTwoLoopRecursion() {
        int n = 70_001;
        double[][] runs = new double[3][];
        double[] worst = {0.0};
        double[] fewest = {Double.POSITIVE_INFINITY};
        for (int threads = 1; threads <= 3; threads++) {
            try (Chunks chunks = new Chunks(threads)) {
                runs[threads - 1] = compactRun(n, new Pieces(n, chunks), worst, fewest);
            }
        }
        assertArrayEquals(runs[0], runs[1], 0.0);
        assertArrayEquals(runs[0], runs[2], 0.0);
    }

    /** Tolerance of the compact direction against the two-loop one, |eta - eta_2loop| / |eta_2loop|; see compactRun. */
    static final double COMPACT_TOLERANCE = 1e-6;

    /**
     * The two directions use the same float pairs and the same rho, gamma; they differ in the compact form's new
     * off-diagonal products s_i.y_new, y_i.y_new, taken as differences of S^T g' and S^T g where y_new is g' - g
     * rounded to float: an error of at most 2^-24 |s_i| |y_new| in each (Cauchy-Schwarz on the rounding errors),
     * where the two-loop recursion takes the products of the stored pairs to double rounding. Relative to R's
     * diagonal s_j.y_j that is 2^-24 / cos(s_j, y_j) <= 3e-7 (cos >= 0.2 on this quadratic of condition 100);
     * {@value #COMPACT_TOLERANCE} on the relative 2-norm error leaves room for its propagation through k = 5
     * triangular solves. Measured: at most 4e-10 over the run (the rounding errors are of both signs and cancel in
     * the sums). The check is not blind: the two-loop direction with the oldest pair dropped (a ring-order or
     * stale-column bug) is at least 3.8e-4 away at every step, and must be more than 100 times the tolerance.
     */
    private static double[] compactRun(int n, Pieces pieces, double[] worst, double[] fewest) {
        int memory = 5;
        Random r = new Random(9);
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = 1.0 + 99.0 * r.nextDouble();
        }
        double[] g = gaussian(r, n);
        float[][] s = new float[memory][n];
        float[][] y = new float[memory][n];
        double[] rho = new double[memory];
        double[] yy = new double[memory];
        LbfgsPasses passes = new LbfgsPasses(pieces);
        CompactLbfgs compact = new CompactLbfgs(memory, pieces);
        double[] eta = new double[n];
        double[] check = new double[n];
        double[] gNext = new double[n];
        int stored = 0;
        int newest = -1;
        double[] last = null;
        for (int k = 0; k < 15; k++) {
            double slope;
            if (stored == 0) {
                slope = passes.scaledCopyDot(-1.0, g, eta, g);
            } else {
                double gamma = 1.0 / (rho[newest] * yy[newest]);
                slope = compact.direction(stored, newest, s, y, gamma, g, eta);
                double want = Lbfgs.twoLoop(passes, memory, stored, newest, s, y, rho, yy, new double[memory], g, check);
                double err = distance(check, eta) / norm(check);
                worst[0] = Math.max(worst[0], err);
                assertTrue(err <= COMPACT_TOLERANCE, "step " + k + ": relative error " + err);
                assertEquals(want, slope, COMPACT_TOLERANCE * Math.abs(want), "step " + k);
                if (stored >= 2) {
                    Lbfgs.twoLoop(passes, memory, stored - 1, newest, s, y, rho, yy, new double[memory], g, check);
                    double fewer = distance(check, eta) / norm(check);
                    fewest[0] = Math.min(fewest[0], fewer);
                    assertTrue(fewer > 100 * COMPACT_TOLERANCE, "step " + k + ": one pair fewer is " + fewer + " away");
                }
            }
            // a step of length 0.5 along eta on f = sum diag x^2 / 2: g' = g + 0.5 diag eta
            for (int i = 0; i < n; i++) {
                gNext[i] = g[i] + 0.5 * diag[i] * eta[i];
            }
            int slot = (newest + 1) % memory;
            double[] sums = passes.pair(0.5, eta, s[slot], gNext, g, y[slot]);
            rho[slot] = 1.0 / sums[0];
            yy[slot] = sums[2];
            newest = slot;
            stored = Math.min(stored + 1, memory);
            compact.added(slot, sums[0], sums[2]);
            System.arraycopy(gNext, 0, g, 0, n);
            last = eta.clone();
        }
        return last;
    }
}
