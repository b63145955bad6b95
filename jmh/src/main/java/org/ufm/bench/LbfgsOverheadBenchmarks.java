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
import org.ufm.manifold.Euclidean;
import org.ufm.manifold.Manifold;
import org.ufm.manifold.Oblique;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.Lbfgs;
import org.ufm.solver.Objective;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * The L-BFGS solver's own cost per iteration (direction, memory update, the line search's vector work),
 * without the evaluations, at the n2000 and n10000 sizes (K=100, d=128, n=20 and 100: R^270100 and R^1292900 as
 * for CE, OB(128, 2100) and OB(128, 10100) as for the sphere, 2 threads), on a diagonal quadratic
 * f(x) = sum a_i x_i^2 / 2 (a_i from 1 to 100) whose evaluation is
 * one pass: {@code overheadRun} is {@value Overhead#ITERATIONS} iterations, the memory of {@link Lbfgs#DEFAULT_MEMORY} pairs full after
 * as many iterations; {@code overheadEvaluation} is one evaluation; overhead per iteration =
 * (run - evaluations x evaluation) / iterations, with the evaluations counted by {@link LbfgsBenchmarks.Counts}.
 * Uses only public API, so the same source measures an older jar.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class LbfgsOverheadBenchmarks {

    /** Solver overhead per iteration on a cheap objective (see the class comment). */
    @State(Scope.Benchmark)
    public static class Overhead {
        /** Iterations per run. */
        public static final int ITERATIONS = 30;

        /** "ce": R^(100 x 128 + N x 128 + 100); "sphere": OB(128, 100 + N). */
        @Param({"ce", "sphere"})
        public String space;

        /** "n2000": N = 2000 samples (K=100, n=20); "n10000": N = 10^4 (n=100). */
        @Param({"n2000", "n10000"})
        public String size;

        Chunks chunks;
        Problem problem;
        double[] x0;
        double[] grad;

        @Setup(Level.Trial)
        public void setUp() {
            chunks = new Chunks(2);
            int samples = size.equals("n10000") ? 10_000 : 2000;
            Manifold m = space.equals("ce") ? new Euclidean(100 * 128 + samples * 128 + 100, chunks)
                    : new Oblique(128, 100 + samples, chunks);
            int n = m.ambientDimension();
            double[] a = new double[n];
            Random r = new Random(3);
            for (int i = 0; i < n; i++) {
                a[i] = Math.pow(10.0, 2.0 * r.nextDouble());
            }
            problem = new Problem(m, new Objective() {
                @Override
                public int ambientDimension() {
                    return n;
                }

                @Override
                public double value(double[] x) {
                    double f = 0.0;
                    for (int i = 0; i < n; i++) {
                        f += a[i] * x[i] * x[i];
                    }
                    return 0.5 * f;
                }

                @Override
                public double valueAndGradient(double[] x, double[] g) {
                    double f = 0.0;
                    for (int i = 0; i < n; i++) {
                        double gi = a[i] * x[i];
                        g[i] = gi;
                        f += gi * x[i];
                    }
                    return 0.5 * f;
                }

                @Override
                public void hessianTimes(double[] x, double[] v, double[] out) {
                    for (int i = 0; i < n; i++) {
                        out[i] = a[i] * v[i];
                    }
                }
            });
            x0 = new double[n];
            m.randomPoint(new Random(5), 1.0, x0);
            grad = new double[n];
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            chunks.close();
        }
    }

    /** {@value Overhead#ITERATIONS} L-BFGS iterations on the quadratic (evaluations and iterations counted). */
    @Benchmark
    public double overheadRun(Overhead o, LbfgsBenchmarks.Counts counts) {
        Trace trace = new Trace(true);
        Result r = new Lbfgs(Lbfgs.DEFAULT_MEMORY).minimize(o.problem, o.x0.clone(),
                StoppingCriterion.standard(0.0, Overhead.ITERATIONS, 0.0, 600), trace);
        IterationRecord last = trace.rows().get(trace.rows().size() - 1);
        counts.evaluations += last.evaluations();
        counts.iterations += r.iterations();
        return r.cost();
    }

    /** One evaluation of the quadratic with its Riemannian gradient, to subtract from overheadRun. */
    @Benchmark
    public double overheadEvaluation(Overhead o) {
        return o.problem.costAndGradient(o.x0, o.grad);
    }
}
