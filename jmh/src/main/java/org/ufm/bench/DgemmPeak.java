package org.ufm.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ufm.compute.Chunks;
import org.ufm.compute.Gemm;

/**
 * The machine's DGEMM peak through {@link Gemm} in the same run as the UFM benchmarks: one
 * n x n x n DGEMM (n = 2048, 2 n^3 flops) per thread of our pool, all at once, so the flops of one
 * operation are threads * 2 n^3 whatever OpenBLAS's own thread count is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class DgemmPeak {

    /** Matrix order. */
    @Param({"2048"})
    public int n;

    /** Concurrent DGEMMs (our pool's threads). */
    @Param({"2"})
    public int threads;

    private Chunks chunks;
    private double[] a;
    private double[] b;
    private double[][] c;

    @Setup(Level.Trial)
    public void setUp() {
        chunks = new Chunks(threads);
        Random r = new Random(3L);
        a = new double[n * n];
        b = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
        }
        c = new double[threads][n * n];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        chunks.close();
    }

    @Benchmark
    public double[][] dgemm() {
        chunks.run(threads, t -> Gemm.dgemm(false, false, n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c[t], 0, n));
        return c;
    }
}
