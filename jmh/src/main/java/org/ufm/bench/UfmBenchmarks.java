package org.ufm.bench;

import java.util.Collections;
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
import org.openjdk.jmh.infra.Blackhole;
import org.ufm.certificate.HessianSpectrum;
import org.ufm.compute.Chunks;
import org.ufm.manifold.Manifold;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;

/**
 * The UFM kernels at the ANCHORS.md sizes (small K=10,d=32,N=1000; medium K=100,d=128,N=10000; large
 * K=1000,d=512,N=20000) and n2000 (K=100, d=128, N=2000: the issue-16 time-to-optimum size; pass it with
 * {@code -p size=n2000}), float64, CE with weight decay and bias (problem A) and the sphere (problem B):
 * loss + gradient (6KdN flops), Hessian-vector product (14KdN flops: three logit GEMMs, four back),
 * projection and retraction of the manifold, one fixed-step gradient iteration, and the second-order
 * certificate's Lanczos.
 * {@link RunBenchmarks} turns the times into GFLOP/s next to {@link DgemmPeak} of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class UfmBenchmarks {

    /** Problem size: small, medium or large (ANCHORS.md). */
    @Param({"small", "medium", "large"})
    public String size;

    /** ce (problem A) or sphere (problem B). */
    @Param({"ce", "sphere"})
    public String model;

    /** Threads of our Chunks pool (OpenBLAS itself is best left at 1 thread: see README). */
    @Param({"2"})
    public int threads;

    private Chunks chunks;
    private UfmModel ufm;
    private Manifold manifold;
    private Problem problem;
    private double[] x;
    private double[] v;
    private double[] egrad;
    private double[] rgrad;
    private double[] out;

    /** K, d, n (per class) of a named size. */
    static int[] dims(String size) {
        switch (size) {
            case "small":
                return new int[] {10, 32, 100};
            case "n2000":
                return new int[] {100, 128, 20};
            case "medium":
                return new int[] {100, 128, 100};
            case "large":
                return new int[] {1000, 512, 20};
            default:
                throw new IllegalArgumentException("unknown size " + size);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        int[] s = dims(size);
        chunks = new Chunks(threads);
        ufm = BenchProblem.build(model, s[0], s[1], s[2], "ce".equals(model), chunks);
        manifold = ufm.manifold();
        problem = new Problem(manifold, ufm);
        x = BenchProblem.start(ufm, 1L, 0.1);
        int n = x.length;
        double[] u = new double[n];
        Random r = new Random(2L);
        for (int i = 0; i < n; i++) {
            u[i] = r.nextGaussian();
        }
        v = new double[n];
        manifold.project(x, u, v);
        egrad = new double[n];
        rgrad = new double[n];
        out = new double[n];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        chunks.close();
    }

    @Benchmark
    public double lossAndGradient() {
        return ufm.valueAndGradient(x, egrad);
    }

    @Benchmark
    public void hessianVectorProduct(Blackhole bh) {
        ufm.hessianTimes(x, v, out);
        bh.consume(out);
    }

    @Benchmark
    public void projection(Blackhole bh) {
        manifold.project(x, v, out);
        bh.consume(out);
    }

    @Benchmark
    public void retraction(Blackhole bh) {
        manifold.retract(x, v, 0.1, out);
        bh.consume(out);
    }

    /** Lanczos steps of {@link #secondOrderLanczos}: what the second-order certificate took at K=100, d=128, n=100. */
    static final int LANCZOS_STEPS = 11;

    /**
     * The second-order certificate's Lanczos, {@value #LANCZOS_STEPS} steps without the early stop, at the start
     * point (the cost does not depend on the point): {@value #LANCZOS_STEPS} + 1 Hessian-vector products (the
     * last for the Rayleigh quotient and residual) and the reorthogonalisation; compiled code, unlike the one
     * certificate a solve computes.
     */
    @Benchmark
    public double secondOrderLanczos() {
        return HessianSpectrum.lanczos(problem, x, Collections.emptyList(), LANCZOS_STEPS, 1L).value;
    }

    /** One iteration of fixed-step gradient descent: f, Euclidean and Riemannian gradient, retraction, norm. */
    @Benchmark
    public double solverIteration() {
        double f = problem.costAndGradient(x, egrad, rgrad);
        manifold.retract(x, rgrad, -1e-3, out);
        return f + manifold.norm(x, rgrad);
    }
}
