package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.compute.Pieces;

/**
 * The fused L-BFGS passes against plain loops, the two-loop recursion against the dense BFGS inverse update,
 * and every pass bit-identical for 1, 2 and 3 threads.
 */
class LbfgsPassesTest {

    private static double[] gaussian(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0.0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    /** Three blocks of [0, n): [0, n/5), [n/5, n - 7), [n - 7, n) (the shape of W, H, b). */
    private static VariableBlocks threeBlocks(int n) {
        return new VariableBlocks(new int[] {0, n / 5, n - 7}, n);
    }

    private static VariableBlocks oneBlock(int n) {
        return new VariableBlocks(new int[] {0}, n);
    }

    /** Runs the passes on fixed data; returns eta, s, y and the sums, concatenated. */
    private static double[] passes(int n, Chunks chunks) {
        Random r = new Random(11);
        double[] u = gaussian(r, n);
        double[] v = gaussian(r, n);
        double[] g0 = gaussian(r, n);
        double[] g1 = gaussian(r, n);
        double[] eta = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        LbfgsPasses p = new LbfgsPasses(new Pieces(n, chunks), threeBlocks(n));
        double d1 = p.scaledCopyDot(-0.5, u, eta, v);
        double d2 = p.axpyDot(0.25, v, -2.0, eta, u);
        double d3 = p.axpyDot(0.125, u, new double[] {-1.5, 3.0, 0.5}, eta, v);
        double[] sums = p.pair(0.3, eta, s, g1, g0, y);
        double[] out = new double[3 * n + 3 + 9];
        System.arraycopy(eta, 0, out, 0, n);
        System.arraycopy(s, 0, out, n, n);
        System.arraycopy(y, 0, out, 2 * n, n);
        out[3 * n] = d1;
        out[3 * n + 1] = d2;
        out[3 * n + 2] = d3;
        System.arraycopy(sums, 0, out, 3 * n + 3, 9);
        return out;
    }

    @Test
    void passesMatchPlainLoops() {
        int n = 1003;
        Random r = new Random(11);
        double[] u = gaussian(r, n);
        double[] v = gaussian(r, n);
        double[] g0 = gaussian(r, n);
        double[] g1 = gaussian(r, n);
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            eta[i] = -0.5 * u[i];
        }
        double d1 = dot(v, eta);
        for (int i = 0; i < n; i++) {
            eta[i] = -2.0 * (eta[i] + 0.25 * v[i]);
        }
        double d2 = dot(u, eta);
        double[] c = {-1.5, 3.0, 0.5};
        VariableBlocks blocks = threeBlocks(n);
        for (int i = 0; i < n; i++) {
            eta[i] = c[blocks.first(i)] * (eta[i] + 0.125 * u[i]);
        }
        double d3 = dot(v, eta);
        double[] s = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 0.3 * eta[i];
            y[i] = g1[i] - g0[i];
        }
        double[] got = passes(n, null);
        assertArrayEquals(eta, java.util.Arrays.copyOfRange(got, 0, n), 1e-15);
        assertArrayEquals(s, java.util.Arrays.copyOfRange(got, n, 2 * n), 1e-15);
        assertArrayEquals(y, java.util.Arrays.copyOfRange(got, 2 * n, 3 * n), 0.0);
        assertEquals(d1, got[3 * n], 1e-12 * Math.sqrt(n));
        assertEquals(d2, got[3 * n + 1], 1e-12 * Math.sqrt(n));
        assertEquals(d3, got[3 * n + 2], 1e-12 * Math.sqrt(n));
        assertEquals(dot(s, y), got[3 * n + 3], 1e-12 * n);
        assertEquals(dot(s, s), got[3 * n + 4], 1e-12 * n);
        assertEquals(dot(y, y), got[3 * n + 5], 1e-12 * n);
        for (int b = 0; b < 3; b++) {
            double sy = 0.0;
            double yy = 0.0;
            for (int i = blocks.start(b); i < blocks.end(b); i++) {
                sy += s[i] * y[i];
                yy += y[i] * y[i];
            }
            assertEquals(sy, got[3 * n + 6 + 2 * b], 1e-12 * n, "s.y on block " + b);
            assertEquals(yy, got[3 * n + 7 + 2 * b], 1e-12 * n, "y.y on block " + b);
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

    /**
     * The fused two-loop recursion gives -H g, H the BFGS inverse update applied to H_0 = gamma_b I on two blocks
     * with the stored pairs oldest first (H <- (I - rho s y^T) H (I - rho y s^T) + rho s s^T), for a ring that has
     * wrapped.
     */
    @Test
    void twoLoopIsTheBfgsInverseUpdate() {
        int n = 12;
        int memory = 5;
        int stored = 4;
        int newest = 1;
        Random r = new Random(5);
        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        double[] yy = new double[memory];
        for (int i = 0; i < memory; i++) {
            s[i] = gaussian(r, n);
            y[i] = s[i].clone();
            for (int j = 0; j < n; j++) {
                y[i][j] = (1.0 + j) * s[i][j] + 0.1 * r.nextGaussian();
            }
            rho[i] = 1.0 / dot(s[i], y[i]);
            yy[i] = dot(y[i], y[i]);
        }
        double[] g = gaussian(r, n);
        double gamma = 1.0 / (rho[newest] * yy[newest]);
        VariableBlocks blocks = new VariableBlocks(new int[] {0, 5}, n);
        double[] minusGamma = {-0.7 * gamma, -1.9 * gamma};
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            h[i][i] = -minusGamma[blocks.first(i)];
        }
        for (int c = stored - 1; c >= 0; c--) {
            int i = Math.floorMod(newest - c, memory);
            double[][] a = new double[n][n];
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    a[p][q] = (p == q ? 1.0 : 0.0) - rho[i] * s[i][p] * y[i][q];
                }
            }
            double[][] next = new double[n][n];
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    double v = rho[i] * s[i][p] * s[i][q];
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
        double[] eta = new double[n];
        double slope = Lbfgs.twoLoop(new LbfgsPasses(new Pieces(n, null), blocks), memory, stored, newest, s, y, rho,
                minusGamma, new double[memory], g, eta);
        double scale = Math.sqrt(dot(want, want));
        assertArrayEquals(want, eta, 1e-12 * scale);
        assertEquals(dot(g, want), slope, 1e-12 * scale * Math.sqrt(dot(g, g)));
        // not blind to a ring-order mistake: without the oldest pair the direction is far outside the tolerance
        double[] fewer = new double[n];
        Lbfgs.twoLoop(new LbfgsPasses(new Pieces(n, null), blocks), memory, stored - 1, newest, s, y, rho,
                minusGamma, new double[memory], g, fewer);
        assertTrue(distance(want, fewer) > 1e4 * 1e-12 * scale, "the oldest pair dropped");
    }

    private static double distance(double[] a, double[] b) {
        double m = 0.0;
        for (int i = 0; i < a.length; i++) {
            m += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(m);
    }

    /**
     * The compact representation gives the two-loop recursion's direction along a run of 15 quasi-Newton steps on
     * a quadratic with a memory of 5 and of 7 (so the ring wraps, and the pairs go through {@link PairDots} in a group
     * of five alone and with two more after it), its new columns of S^T Y and Y^T Y taken from the
     * differences of consecutive S^T g, Y^T g, with one initial scale for the whole space and with one per block of
     * three; also bit-identical for 1, 2 and 3 threads.
     */
    @Test
    void compactRepresentationMatchesTheTwoLoopRecursion() {
        int n = 70_001;
        for (int memory : new int[] {5, 7}) {
            for (VariableBlocks blocks : new VariableBlocks[] {oneBlock(n), threeBlocks(n)}) {
                double[][] runs = new double[3][];
                for (int threads = 1; threads <= 3; threads++) {
                    try (Chunks chunks = new Chunks(threads)) {
                        runs[threads - 1] = compactRun(n, new Pieces(n, chunks), blocks, memory);
                    }
                }
                assertArrayEquals(runs[0], runs[1], 0.0);
                assertArrayEquals(runs[0], runs[2], 0.0);
            }
        }
    }

    private static double[] compactRun(int n, Pieces pieces, VariableBlocks blocks, int memory) {
        int nb = blocks.count();
        Random r = new Random(9);
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = 1.0 + 99.0 * r.nextDouble();
        }
        double[] g = gaussian(r, n);
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        for (int i = 0; i < n; i++) {
            // block b's curvature about 10^b times block 0's, so one scale for all blocks would not do
            diag[i] *= Math.pow(10.0, blocks.first(i));
        }
        double[] rho = new double[memory];
        double[][] gamma = new double[memory][nb];
        LbfgsPasses passes = new LbfgsPasses(pieces, blocks);
        CompactLbfgs compact = new CompactLbfgs(memory, pieces, blocks);
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
                double[] minusGamma = new double[nb];
                for (int b = 0; b < nb; b++) {
                    minusGamma[b] = -gamma[newest][b];
                }
                slope = compact.direction(stored, newest, s, y, gamma[newest], g, eta);
                double want = Lbfgs.twoLoop(passes, memory, stored, newest, s, y, rho, minusGamma, new double[memory], g,
                        check);
                double scale = Math.sqrt(dot(check, check));
                assertArrayEquals(check, eta, 1e-10 * scale, "step " + k);
                assertEquals(want, slope, 1e-10 * Math.abs(want), "step " + k);
                if (stored >= 2) {
                    // not blind to a stale column or a ring-order mistake: one pair fewer is far outside the tolerance
                    Lbfgs.twoLoop(passes, memory, stored - 1, newest, s, y, rho, minusGamma, new double[memory], g,
                            check);
                    assertTrue(distance(check, eta) > 1e4 * 1e-10 * scale, "step " + k + ": one pair fewer");
                }
            }
            // a step of length 0.5 along eta on f = sum diag x^2 / 2: g' = g + 0.5 diag eta
            for (int i = 0; i < n; i++) {
                gNext[i] = g[i] + 0.5 * diag[i] * eta[i];
            }
            int slot = (newest + 1) % memory;
            double[] sums = passes.pair(0.5, eta, s[slot], gNext, g, y[slot]);
            rho[slot] = 1.0 / sums[0];
            double[] blockYy = new double[nb];
            for (int b = 0; b < nb; b++) {
                blockYy[b] = sums[4 + 2 * b];
                gamma[slot][b] = sums[3 + 2 * b] / blockYy[b];
            }
            newest = slot;
            stored = Math.min(stored + 1, memory);
            compact.added(slot, sums[0], blockYy);
            System.arraycopy(gNext, 0, g, 0, n);
            last = eta.clone();
        }
        return last;
    }
}
