package org.ufm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;

/** The blocked engine: its block partition, and bit-identical results for any thread count over many chunks. */
class LogitsEngineTest {

    @Test
    void blockSizeIsAMultipleOf64InItsRangeAndAtMostN() {
        for (int k : new int[] {1, 2, 10, 100, 511, 1000, 10_000, 100_000}) {
            for (int n : new int[] {1, 100, 255, 256, 5000, 1_000_000}) {
                int b = LogitsEngine.blockSize(k, n);
                assertTrue(b >= 1 && b <= n, "k=" + k + " n=" + n + " b=" + b);
                if (b < n) {
                    assertEquals(0, b % 64, "k=" + k + " n=" + n);
                    assertTrue(b >= LogitsEngine.MIN_BLOCK && b <= LogitsEngine.MAX_BLOCK);
                }
            }
        }
        assertEquals(704, LogitsEngine.blockSize(100, 10_000));
        // at least 8 blocks where N allows blocks of 256, so that 2, 4 or 8 threads share the work evenly
        assertEquals(256, LogitsEngine.blockSize(100, 2000));
        assertEquals(8, (2000 + 255) / 256);
        // ...but not below 2^14 logits per block
        assertEquals(1000, LogitsEngine.blockSize(10, 1000));
        assertEquals(256, LogitsEngine.blockSize(1000, 20_000));
        assertEquals(2048, LogitsEngine.blockSize(10, 1_000_000));
    }

    /** Value, gradient and HVP of a 2000-column engine (8 blocks, 8 chunks) on 1, 2 and 3 threads. */
    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        Labels labels = Labels.balanced(500, 4);
        int d = 6;
        int size = 500 * d + d * 2000 + 500;
        Random r = new Random(11);
        double[] x = new double[size];
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextGaussian();
            v[i] = r.nextGaussian();
        }
        double[][] grads = new double[3][];
        double[][] hvps = new double[3][];
        double[] values = new double[3];
        for (int t = 1; t <= 3; t++) {
            try (Chunks c = new Chunks(t)) {
                LogitsEngine e = new LogitsEngine(labels, d, false, 1.0, CrossEntropyLoss.INSTANCE, c);
                assertEquals(8, e.chunkCount()); // blocks of 256: seven full and one of 208
                grads[t - 1] = new double[size];
                hvps[t - 1] = new double[size];
                values[t - 1] = e.valueAndGradient(x, 0, 500 * d, 500 * d + d * 2000, grads[t - 1]);
                assertEquals(values[t - 1], e.valueAndGradient(x, 0, 500 * d, 500 * d + d * 2000, null), 0.0);
                double withDecay = e.valueAndGradient(x, 0, 500 * d, 500 * d + d * 2000, new double[size], 0.37);
                assertEquals(withDecay, e.valueAndGradient(x, 0, 500 * d, 500 * d + d * 2000, null, 0.37), 0.0,
                    "value alone and value with gradient sum the fused feature decay in the same order");
                e.hessianTimes(x, v, 0, 500 * d, 500 * d + d * 2000, hvps[t - 1]);
            }
        }
        for (int t = 1; t < 3; t++) {
            assertEquals(values[0], values[t], 0.0);
            assertArrayEquals(grads[0], grads[t], 0.0);
            assertArrayEquals(hvps[0], hvps[t], 0.0);
        }
    }

    /**
     * Hessian-vector products that reuse the kept gradient and curvature give the same doubles as products that
     * recompute them, for CE (rows and columns conventions, with and without bias) and the squared loss; a change
     * of x in place, a new x and a non-finite x all invalidate the kept curvature.
     */
    @Test
    void keptCurvatureGivesTheSameProductsAsRecomputingIt() {
        Labels labels = Labels.balanced(7, 300); // 2100 columns: several blocks and chunks
        int k = 7;
        int d = 5;
        int n = 2100;
        int size = k * d + d * n + k;
        Random r = new Random(5);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = 0.5 * r.nextGaussian(); // logits of order 1: a soft-max saturated to one-hot would hide a stale curvature
        }
        ColumnLoss[] losses = {CrossEntropyLoss.INSTANCE, SquaredLoss.INSTANCE};
        for (ColumnLoss loss : losses) {
            for (boolean columns : new boolean[] {false, true}) {
                for (int bOff : new int[] {k * d + d * n, -1}) {
                    try (Chunks c = new Chunks(2)) {
                        LogitsEngine kept = new LogitsEngine(labels, d, columns, 1.7, loss, c);
                        LogitsEngine fresh = new LogitsEngine(labels, d, columns, 1.7, loss, c);
                        fresh.cacheCurvature(false);
                        double[] xs = x.clone();
                        for (int step = 0; step < 6; step++) {
                            if (step == 2) {
                                xs[k * d + 3] += 0.25; // one feature entry changed in place
                            } else if (step == 4) {
                                xs = xs.clone();
                                xs[1] -= 0.5; // a new array with another classifier entry
                            } else if (step == 5) {
                                xs[k * d] = Double.NaN;
                            }
                            double[] v = new double[size];
                            for (int i = 0; i < size; i++) {
                                v[i] = r.nextGaussian();
                            }
                            double[] a = new double[size];
                            double[] b = new double[size];
                            kept.hessianTimes(xs, v, 0, k * d, bOff, a);
                            fresh.hessianTimes(xs, v, 0, k * d, bOff, b);
                            String what = loss.name() + " columns=" + columns + " bias=" + (bOff >= 0) + " step " + step;
                            if (step == 5) {
                                assertTrue(Double.isNaN(a[k * d]) && Double.isNaN(b[k * d]), what);
                            } else {
                                assertTrue(Double.isFinite(a[0]), what);
                            }
                            for (int i = 0; i < size; i++) {
                                assertEquals(Double.doubleToLongBits(b[i]), Double.doubleToLongBits(a[i]), what + " entry " + i);
                            }
                        }
                    }
                }
            }
        }
    }
}
