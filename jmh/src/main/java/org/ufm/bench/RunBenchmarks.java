package org.ufm.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.ufm.compute.BlasInUse;

/**
 * Runs {@link DgemmPeak} and {@link UfmBenchmarks} in one JMH run and prints each benchmark's time
 * with its GFLOP/s (loss + gradient and solver iteration 6KdN, HVP 14KdN) and its share of the DGEMM
 * peak measured in the same run.
 *
 * <pre>java -cp jmh/target/benchmarks.jar org.ufm.bench.RunBenchmarks [sizes] [models] [threads] [benchmark-regex]</pre>
 * e.g. {@code RunBenchmarks medium,large ce,sphere 2 lossAndGradient}; defaults: all sizes, both models, 2 threads, all.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String sizes = args.length > 0 ? args[0] : "small,medium,large";
        String models = args.length > 1 ? args[1] : "ce,sphere";
        String threads = args.length > 2 ? args[2] : "2";
        String which = args.length > 3 ? args[3] : "";
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(DgemmPeak.class.getName())
                .include(UfmBenchmarks.class.getName() + "\\..*" + which)
                .param("size", sizes.split(","))
                .param("model", models.split(","))
                .param("threads", threads);
        Collection<RunResult> results = new Runner(o.build()).run();
        double peak = Double.NaN;
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("DgemmPeak.dgemm")) {
                int n = Integer.parseInt(r.getParams().getParam("n"));
                int t = Integer.parseInt(r.getParams().getParam("threads"));
                peak = t * 2.0 * n * n * n / (r.getPrimaryResult().getScore() * 1e-3) * 1e-9;
            }
        }
        System.out.println();
        // each fork sets OpenBLAS's variables as this JVM did (org.ufm.compute.Gemm), the same as `solve`
        System.out.printf(Locale.ROOT, "BLAS %s, our threads %s%n", BlasInUse.current().describe(), threads);
        System.out.printf(Locale.ROOT, "DGEMM peak (n=2048, one per thread) %.1f GFLOP/s%n", peak);
        System.out.printf(Locale.ROOT, "%-22s %-7s %-6s %12s %10s %8s%n", "benchmark", "model", "size", "ms/op", "GFLOP/s", "% peak");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            if (!name.contains("UfmBenchmarks")) {
                continue;
            }
            String bench = name.substring(name.lastIndexOf('.') + 1);
            String size = r.getParams().getParam("size");
            int[] s = UfmBenchmarks.dims(size);
            double kdn = (double) s[0] * s[1] * s[0] * s[2];
            double flops = bench.equals("lossAndGradient") || bench.equals("solverIteration") ? 6 * kdn
                    : bench.equals("hessianVectorProduct") ? 14 * kdn : Double.NaN;
            double ms = r.getPrimaryResult().getScore();
            double gf = flops / (ms * 1e-3) * 1e-9;
            System.out.printf(Locale.ROOT, "%-22s %-7s %-6s %12.4f %10s %8s%n", bench, r.getParams().getParam("model"), size, ms,
                    Double.isNaN(gf) ? "-" : String.format(Locale.ROOT, "%.1f", gf),
                    Double.isNaN(gf) ? "-" : String.format(Locale.ROOT, "%.0f", 100 * gf / peak));
        }
    }
}
