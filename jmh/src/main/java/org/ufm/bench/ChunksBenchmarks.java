package org.ufm.bench;

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
import org.ufm.compute.Dot;
import org.ufm.compute.Pieces;

/**
 * The cost of one parallel call of {@link Chunks}: {@code emptyCall} runs the 16 {@link Pieces} with no work in them
 * (the hand-off alone), {@code dotPass} one inner product a . b over {@code n} entries piece by piece (a pass of the
 * size L-BFGS makes several of per iteration: 270,100 is K=100, n=20, d=128 as for CE). With {@code threads} = 1
 * everything runs on the caller; compare the two to see what the second thread buys. Uses only public API, so the same
 * source measures an older jar.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ChunksBenchmarks {

    /** Threads of the pool, the caller's included. */
    @Param({"1", "2"})
    public int threads;

    /** Entries of the vectors of {@code dotPass}. */
    @Param({"20000", "270100"})
    public int n;

    private Chunks chunks;
    private Pieces pieces;
    private double[] a;
    private double[] b;
    private double[] sink;

    @Setup(Level.Trial)
    public void setUp() {
        chunks = new Chunks(threads);
        pieces = new Pieces(n, chunks);
        a = new double[n];
        b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.sin(i);
            b[i] = Math.cos(i);
        }
        sink = new double[Pieces.COUNT];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        chunks.close();
    }

    /** A parallel call with nothing to do: the hand-off to the threads and back. */
    @Benchmark
    public double emptyCall() {
        pieces.forEach((from, to, p) -> sink[p] += 1.0);
        return sink[0];
    }

    /** a . b over n entries, summed piece by piece in piece order. */
    @Benchmark
    public double dotPass() {
        return pieces.sum((from, to) -> Dot.dot(a, from, b, from, to - from));
    }
}
