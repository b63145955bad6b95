package org.ufm.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ufm.kernel.SoftmaxKernels;

/**
 * Why the kernels carry their own exp: the cross-entropy gradient of one block of K x 1000 logit columns
 * with {@link SoftmaxKernels#crossEntropyGradient} (its exp vectorised by HotSpot) against the same
 * computation with {@code Math.exp} per entry (the kernel before 2026-11-23), one thread, ns per column.
 *
 * <pre>java -jar jmh/target/benchmarks.jar ExpKernelBenchmarks</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExpKernelBenchmarks {

    /** Classes per column. */
    @Param({"10", "100", "1000"})
    public int k;

    private static final int COLUMNS = 1000;
    private double[] z;
    private double[] g;
    private int[] y;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        z = new double[k * COLUMNS];
        g = new double[k * COLUMNS];
        y = new int[COLUMNS];
        for (int i = 0; i < z.length; i++) {
            z[i] = 3 * r.nextGaussian();
        }
        for (int c = 0; c < COLUMNS; c++) {
            y[c] = r.nextInt(k);
        }
    }

    /** The kernel the solver uses. */
    @Benchmark
    public double kernelWithOwnExp() {
        double s = 0.0;
        for (int c = 0; c < COLUMNS; c++) {
            s += SoftmaxKernels.crossEntropyGradient(z, c * k, k, y[c], 1.0, g, c * k);
        }
        return s;
    }

    /** The same column computation with Math.exp (HotSpot's scalar intrinsic) per entry. */
    @Benchmark
    public double sameWithMathExp() {
        double s = 0.0;
        for (int c = 0; c < COLUMNS; c++) {
            s += mathExpColumn(z, c * k, k, y[c], g, c * k);
        }
        return s;
    }

    private static double mathExpColumn(double[] z, int off, int len, int y, double[] g, int goff) {
        int m = SoftmaxKernels.argMax(z, off, len);
        double zm = z[off + m];
        double s = 0.0;
        for (int i = 0; i < len; i++) {
            double e = i == m ? 0.0 : Math.exp(z[off + i] - zm);
            g[goff + i] = e;
            s += e;
        }
        g[goff + m] = 1.0;
        double inv = 1.0 / (1.0 + s);
        double ey = g[goff + y];
        for (int i = 0; i < len; i++) {
            g[goff + i] *= inv;
        }
        g[goff + y] = -(y == m ? s : 1.0 + (s - ey)) * inv;
        double l1 = Math.log1p(s);
        return y == m ? l1 : (zm - z[off + y]) + l1;
    }
}
