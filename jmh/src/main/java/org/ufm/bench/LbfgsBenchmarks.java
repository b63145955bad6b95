package org.ufm.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.ufm.manifold.Euclidean;
import org.ufm.manifold.Manifold;
import org.ufm.manifold.Oblique;
import org.ufm.model.UfmModel;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.Lbfgs;
import org.ufm.solver.Objective;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * L-BFGS with its strong Wolfe line search for a fixed {@value #ITERATIONS} iterations from the seeded start,
 * CE (K=100, d=128, n=20 or 100 per class, all lambdas 5e-4): the time per run, and as auxiliary counters
 * the evaluations (f and gradient together) per iteration, the figure issue 16 asks to be about 1. * {@link LbfgsOverheadBenchmarks} measures the solver's own cost per iteration without the evaluations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class LbfgsBenchmarks {

    /** Iterations per run. */
    public static final int ITERATIONS = 60;

    /** Samples per class (N = 100 n). */
    @Param({"20", "100"})
    public int perClass;

    private Chunks chunks;
    private Problem problem;
    private double[] x0;

    /**
     * Evaluations and iterations of the runs: evaluations per iteration = evaluations / iterations. JMH sums every
     * counter over the measurement iterations, so a ratio cannot be one (an earlier evaluationsPerIteration counter
     * printed 3 x the ratio in a run of 3 measurement iterations).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        /** Objective-and-gradient evaluations. */
        public long evaluations;
        /** Solver iterations. */
        public long iterations;

        @Setup(Level.Iteration)
        public void clear() {
            evaluations = 0;
            iterations = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        chunks = new Chunks(2);
        UfmModel m = BenchProblem.build("ce", 100, 128, perClass, true, chunks);
        problem = new Problem(m.manifold(), m);
        x0 = BenchProblem.start(m, 1L, 1.0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        chunks.close();
    }

    @Benchmark
    public double lbfgsRun(Counts counts) {
        Trace trace = new Trace(true);
        Result r = new Lbfgs(Lbfgs.DEFAULT_MEMORY).minimize(problem, x0.clone(),
                StoppingCriterion.standard(0.0, ITERATIONS, 0.0, 600), trace);
        IterationRecord last = trace.rows().get(trace.rows().size() - 1);
        counts.evaluations += last.evaluations();
        counts.iterations += r.iterations();
        return r.cost();
    }
}
