package org.ufm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Run-time mirror of the kernel contracts that KeY does not close (the exp/log1p helpers, listed as
 * expected-open in proofs-check, see proofs-check/README.md), and of the parts dropped from the closed
 * soft-max contracts (softmax: the returned log-sum-exp is not NaN and at least every z;
 * crossEntropyGradient: loss >= 0, g_k <= scale for k != y, g_y never positive): the same pre- and
 * postconditions at full strength, asserted on many random and adversarial inputs (huge logits,
 * tau = 100 like scalings, lengths 1..64). Also mirrors the properties that cannot even be stated in
 * KeY's JML (unit norm, orthogonality, sums: they need a floating-point sum over the column).
 */
class KernelContractMirrorTest {

    private static final double EPS = Math.ulp(1.0);
    private static final int TRIALS = 4000;

    /** Columns of length len, embedded at a random offset of a larger array, with adversarial mixes. */
    private static double[] column(Random r, int off, int len, int kind) {
        double[] a = new double[off + len + r.nextInt(3)];
        for (int i = 0; i < a.length; i++) {
            a[i] = Double.NaN; // outside the column: must never be read
        }
        for (int i = 0; i < len; i++) {
            double v;
            switch (kind % 6) {
                case 0: v = r.nextGaussian(); break;
                case 1: v = 1e4 * r.nextGaussian(); break;            // huge logits
                case 2: v = 100.0 * (2 * r.nextDouble() - 1); break;  // tau = 100 scaling of a unit column
                case 3: v = (r.nextInt(3) - 1) * 1e4; break;          // many exact ties at +-1e4 and 0
                case 4: v = r.nextBoolean() ? 1e300 : -1e300; break;   // differences overflow to +-inf
                default: v = r.nextDouble() * Double.MIN_NORMAL; break; // subnormal and tiny
            }
            a[off + i] = v;
        }
        return a;
    }

    private static boolean finite(double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v);
    }

    /**
     * SoftmaxKernels.expNonPositive (the kernels' own exp, not Math.exp): requires x <= 0; ensures
     * 0 <= result <= 1 (KeY has no exp axioms). Infinite, huge, subnormal and zero arguments included.
     */
    @Test
    void expOfNonPositiveArgumentLiesInUnitInterval() {
        Random r = new Random(1);
        double[] special = {0.0, -0.0, -Double.MIN_VALUE, -Double.MIN_NORMAL, -1e-300, -1.0, -700, -708.39,
            -708.4, -745.1, -745.2, -746, -1e4, -2e4, -1e300, -Double.MAX_VALUE, Double.NEGATIVE_INFINITY};
        for (double x : special) {
            double e = SoftmaxKernels.expNonPositive(x);
            assertTrue(0.0 <= e && e <= 1.0, "exp(" + x + ") = " + e);
        }
        for (int t = 0; t < 100_000; t++) {
            double x = -Math.abs(r.nextGaussian()) * Math.pow(10, r.nextInt(8) - 3);
            double e = SoftmaxKernels.expNonPositive(x);
            assertTrue(0.0 <= e && e <= 1.0, "exp(" + x + ") = " + e);
        }
    }

    /**
     * SoftmaxKernels.expShifted (the array form of the kernels' exp): for every entry with finite
     * z_k <= zm and a finite zm, out_k in [0, 1], equal bit for bit to expNonPositive(z_k - zm), and
     * nothing outside out[ooff..ooff+len) written. Columns with differences that overflow to -inf
     * (z = -1e308, zm = 1e308), subnormal entries and exact ties included.
     */
    @Test
    void expShiftedMeetsItsContractOnExtremeFiniteColumns() {
        Random r = new Random(7);
        for (int t = 0; t < TRIALS; t++) {
            int len = 1 + r.nextInt(40);
            int off = r.nextInt(3);
            double[] z = column(r, off, len, t);
            if (t % 7 == 0) {
                z[off + r.nextInt(len)] = -Double.MAX_VALUE;
                z[off] = Double.MAX_VALUE;
            }
            double zm = z[off + SoftmaxKernels.argMax(z, off, len)];
            double[] out = new double[len + 2];
            out[0] = 42.0;
            out[len + 1] = 43.0;
            SoftmaxKernels.expShifted(z, off, len, zm, out, 1);
            assertEquals(42.0, out[0]);
            assertEquals(43.0, out[len + 1]);
            for (int k = 0; k < len; k++) {
                double e = out[1 + k];
                assertTrue(0.0 <= e && e <= 1.0, "exp(" + z[off + k] + " - " + zm + ") = " + e);
                assertEquals(Double.doubleToRawLongBits(SoftmaxKernels.expNonPositive(z[off + k] - zm)),
                    Double.doubleToRawLongBits(e));
            }
        }
    }

    /**
     * Why expShifted's value case asks for finite entries: for z = zm = +inf the shifted argument is
     * inf - inf = NaN and the "exp" is NaN, outside [0, 1]; a contract without that condition would be false.
     */
    @Test
    void expShiftedOfAnInfiniteMaximumIsNaNHenceTheFinitenessPrecondition() {
        double[] out = new double[1];
        SoftmaxKernels.expShifted(new double[] {Double.POSITIVE_INFINITY}, 0, 1, Double.POSITIVE_INFINITY, out, 0);
        assertTrue(Double.isNaN(out[0]), "exp(inf - inf) = " + out[0]);
    }

    /**
     * SoftmaxKernels.log1pNonNegative: requires s >= 0; ensures result >= 0, and result == 0 for s == 0
     * (KeY's JDK model has no log1p; logSumExp's one-entry equality rests on the second part).
     */
    @Test
    void log1pOfNonNegativeArgumentIsNonNegative() {
        assertEquals(0.0, SoftmaxKernels.log1pNonNegative(0.0));
        assertEquals(0.0, SoftmaxKernels.log1pNonNegative(-0.0), 0.0);
        Random r = new Random(2);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, EPS, 1.0, 63.0, 1e300,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        for (double s : special) {
            double l = SoftmaxKernels.log1pNonNegative(s);
            assertTrue(l >= 0.0, "log1p(" + s + ") = " + l);
        }
        for (int t = 0; t < 100_000; t++) {
            double s = Math.abs(r.nextGaussian()) * Math.pow(10, r.nextInt(40) - 20);
            double l = SoftmaxKernels.log1pNonNegative(s);
            assertTrue(l >= 0.0, "log1p(" + s + ") = " + l);
        }
    }

    /**
     * Mirror of the softmax / log-sum-exp / cross-entropy contracts at their full strength (KeY proves
     * weaker softmax and cross-entropy contracts; the dropped parts are checked here), plus what KeY
     * cannot state: the probabilities sum to 1 within len ulps and the gradient sums to 0.
     */
    @Test
    void softmaxCrossEntropyContractsHoldOnAdversarialColumns() {
        Random r = new Random(3);
        for (int t = 0; t < TRIALS; t++) {
            int len = 1 + r.nextInt(64);
            int off = r.nextInt(4);
            int poff = r.nextInt(4);
            double[] z = column(r, off, len, t);
            double[] p = new double[poff + len + 1];
            int m = SoftmaxKernels.argMax(z, off, len);
            assertTrue(0 <= m && m < len);
            for (int k = 0; k < len; k++) {
                assertTrue(z[off + k] <= z[off + m]);
                if (k < m) {
                    assertTrue(z[off + k] < z[off + m], "first index on ties");
                }
            }
            double lse = SoftmaxKernels.logSumExp(z, off, len);
            double lse2 = SoftmaxKernels.softmax(z, off, len, p, poff);
            assertTrue(!Double.isNaN(lse) && lse == lse2);
            double sum = 0.0;
            for (int k = 0; k < len; k++) {
                assertTrue(z[off + k] <= lse);
                double pk = p[poff + k];
                assertTrue(0.0 <= pk && pk <= 1.0, "p = " + pk);
                sum += pk;
            }
            assertTrue(Math.abs(sum - 1.0) <= 2 * (len + 1) * EPS, "sum p = " + sum);

            int y = r.nextInt(len);
            double scale = t % 3 == 0 ? 1.0 : r.nextDouble();
            double[] g = new double[goffOf(t) + len];
            double loss = SoftmaxKernels.crossEntropyGradient(z, off, len, y, scale, g, goffOf(t));
            assertTrue(loss >= 0.0, "loss = " + loss);
            double[] scratch = new double[goffOf(t) + len + 1];
            scratch[goffOf(t) + len] = 42.0;
            assertEquals(loss, SoftmaxKernels.crossEntropy(z, off, len, y, scratch, goffOf(t)),
                "the value-only kernel gives the gradient kernel's loss, bit for bit");
            assertEquals(42.0, scratch[goffOf(t) + len], "crossEntropy writes only its scratch column");
            double gsum = 0.0;
            for (int k = 0; k < len; k++) {
                double gk = g[goffOf(t) + k];
                assertTrue(finite(gk));
                if (k != y) {
                    assertTrue(0.0 <= gk && gk <= scale);
                } else {
                    assertTrue(!(gk > 0.0));
                }
                gsum += gk;
            }
            assertTrue(Math.abs(gsum) <= 2 * (len + 1) * EPS * Math.max(scale, Double.MIN_NORMAL),
                "sum g = " + gsum);
        }
    }

    private static int goffOf(int t) {
        return t % 5;
    }

    /** Jacobian-vector product: finite for finite direction and a probability column, sums to 0. */
    @Test
    void softmaxJacobianTimesIsFiniteAndSumsToZero() {
        Random r = new Random(4);
        for (int t = 0; t < TRIALS; t++) {
            int len = 1 + r.nextInt(64);
            double[] z = column(r, 0, len, t % 4);
            double[] p = new double[len];
            SoftmaxKernels.softmax(z, 0, len, p, 0);
            double[] dz = new double[len];
            double norm = 0.0;
            for (int k = 0; k < len; k++) {
                dz[k] = r.nextGaussian();
                norm += Math.abs(dz[k]);
            }
            double[] out = new double[len + 2];
            SoftmaxKernels.softmaxJacobianTimes(p, 0, dz, 0, len, 0.5, out, 1);
            double sum = 0.0;
            for (int k = 0; k < len; k++) {
                assertTrue(finite(out[1 + k]));
                sum += out[1 + k];
            }
            assertTrue(Math.abs(sum) <= 8 * (len + 1) * EPS * norm, "sum = " + sum);
        }
    }

    private static double[] unitColumn(Random r, int len, double spread) {
        double[] x = new double[len];
        for (int k = 0; k < len; k++) {
            x[k] = spread * r.nextGaussian();
        }
        if (SphereKernels.normalize(x, 0, len) == 0.0) {
            x[0] = 1.0;
        }
        return x;
    }

    /**
     * project: x^T out = 0 within tolerance for a unit x (not stateable in KeY's JML: needs a
     * floating-point sum); out may alias u.
     */
    @Test
    void projectionIsOrthogonalToTheUnitPoint() {
        Random r = new Random(5);
        for (int t = 0; t < TRIALS; t++) {
            int len = 1 + r.nextInt(64);
            double[] x = unitColumn(r, len, t % 2 == 0 ? 1.0 : 1e-150);
            double[] u = new double[len];
            double unorm = 0.0;
            for (int k = 0; k < len; k++) {
                u[k] = (t % 3 == 0 ? 100.0 : 1.0) * r.nextGaussian();
                unorm += u[k] * u[k];
            }
            // mirror of dot's contract (open in KeY): a^T a >= 0 for a column without NaN, 0 for len 0
            assertTrue(SphereKernels.dot(u, 0, u, 0, len) >= 0.0);
            assertTrue(SphereKernels.dot(u, 0, u, 0, 0) == 0.0);
            unorm = Math.sqrt(unorm);
            double[] out = t % 2 == 0 ? u.clone() : new double[len];
            SphereKernels.project(x, 0, t % 2 == 0 ? out : u, 0, out, 0, len);
            double ip = SphereKernels.dot(x, 0, out, 0, len);
            assertTrue(Math.abs(ip) <= 4 * (len + 2) * EPS * unorm, "x^T out = " + ip);
        }
    }

    /**
     * retract and normalize: unit norm within (len + 4) ulps (not stateable in KeY's JML), no NaN,
     * entries within [-1 - eps, 1 + eps]; the degenerate x + t xi = 0 case copies x.
     */
    @Test
    void retractionAndNormalisationGiveUnitColumns() {
        Random r = new Random(6);
        for (int t = 0; t < TRIALS; t++) {
            int len = 1 + r.nextInt(64);
            double[] x = unitColumn(r, len, 1.0);
            double[] xi = new double[len];
            for (int k = 0; k < len; k++) {
                xi[k] = r.nextGaussian();
            }
            SphereKernels.project(x, 0, xi, 0, xi, 0, len);
            double step = new double[] {1e-8, 1.0, 100.0, 1e4, 1e150}[t % 5];
            double[] out = new double[len];
            SphereKernels.retract(x, 0, xi, 0, step, out, 0, len);
            double n2 = SphereKernels.normSquared(out, 0, len);
            assertTrue(Math.abs(n2 - 1.0) <= 2 * (len + 4) * EPS, "||out||^2 = " + n2);
            for (int k = 0; k < len; k++) {
                assertTrue(!Double.isNaN(out[k]) && Math.abs(out[k]) <= 1.0 + EPS);
            }
            double[] y = x.clone();
            for (int k = 0; k < len; k++) {
                // Stated domain of the unit-norm property: the squared norm must be a normal double.
                // Outside it (||x|| below ~1e-154 or above ~1e154) normalize() is not unit-norm: the
                // squares underflow or overflow (found by this test; see proofs-check/README.md).
                y[k] *= new double[] {1e-100, 1.0, 1e100}[t % 3];
            }
            double nrm = SphereKernels.normalize(y, 0, len);
            assertTrue(nrm >= 0.0 && !Double.isNaN(nrm));
            double m2 = SphereKernels.normSquared(y, 0, len);
            assertTrue(Math.abs(m2 - 1.0) <= 2 * (len + 4) * EPS, "||y||^2 = " + m2);
        }
        double[] x = {0.6, 0.8};
        double[] xi = {-0.6, -0.8};
        double[] out = new double[2];
        SphereKernels.retract(x, 0, xi, 0, 1.0, out, 0, 2);
        assertTrue(out[0] == 0.6 && out[1] == 0.8, "degenerate retraction copies x");
        double[] z = new double[3];
        assertTrue(SphereKernels.normalize(z, 0, 3) == 0.0 && z[0] == 0.0, "zero column left as is");
    }

    /** Blocks: the partition tiles [0, n) for sizes up to the overflow bound the contract of end() states. */
    @Test
    void blocksTileTheRange() {
        int[] ns = {0, 1, 2, 7, 64, 1000, 1 << 20, Integer.MAX_VALUE - 64};
        int[] sizes = {1, 2, 3, 7, 64, 1 << 16};
        for (int n : ns) {
            for (int size : sizes) {
                if (n > Integer.MAX_VALUE - size) {
                    continue; // outside the precondition of end()
                }
                int c = Blocks.count(n, size);
                long covered = 0;
                int prevEnd = 0;
                for (int i = 0; i < c && i < 100_000; i++) {
                    int s = Blocks.start(i, size);
                    int e = Blocks.end(i, size, n);
                    assertTrue(s == prevEnd && s < e && e <= n && e - s <= size);
                    covered += e - s;
                    prevEnd = e;
                }
                if (c <= 100_000) {
                    assertTrue(covered == n && prevEnd == n, "n=" + n + " size=" + size);
                }
            }
        }
    }
}
