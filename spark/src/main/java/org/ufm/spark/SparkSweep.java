package org.ufm.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.ufm.cli.Args;
import org.ufm.cli.SolveJson;
import org.ufm.cli.UsageException;
import org.ufm.sweep.CellRow;
import org.ufm.sweep.ResultsFile;
import org.ufm.sweep.StopOnShutdown;
import org.ufm.sweep.SweepInputException;
import org.ufm.sweep.SweepOutputs;
import org.ufm.sweep.SweepSpec;

/**
 * Entry point of {@code ufm-spark.jar}: {@code SPEC.json --out DIR [--master URL] [--partitions p] [--wave n]
 * [--json]}. Same spec, results file, resume, summary and plots as {@code ufm sweep}; the cells run on Spark
 * ({@code --master local[2]} embedded, or the cluster's master under spark-submit) and the results are also
 * written as DIR/results.parquet. Exit codes as ufm's: 0, 2 bad input (one line), 1 internal error, 130 stopped.
 */
public final class SparkSweep {

    private SparkSweep() {
    }

    /** Runs and exits with the code. */
    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err, true);
        System.out.flush();
        System.exit(code);
    }

    /** Runs; returns the exit code. {@code hook}: stop cleanly on Ctrl-C. */
    public static int run(List<String> argv, PrintStream out, PrintStream err, boolean hook) {
        try {
            return sweep(argv, out, err, hook);
        } catch (UsageException | SweepInputException e) {
            err.println("ufm-spark: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("ufm-spark: internal error: " + e);
            if (System.getenv("UFM_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static int sweep(List<String> argv, PrintStream out, PrintStream err, boolean hook) {
        if (argv.isEmpty() || argv.get(0).startsWith("--")) {
            throw new UsageException("give the spec file first: SPEC.json --out DIR [--master local[2]] "
                    + "[--partitions p] [--wave n] [--json]");
        }
        Args a = new Args(argv.subList(1, argv.size()),
                new LinkedHashSet<>(Arrays.asList("out", "master", "partitions", "wave")),
                new LinkedHashSet<>(Arrays.asList("json")));
        if (!a.has("out")) {
            throw new UsageException("--out DIR is required (the results go there, and a rerun resumes from it)");
        }
        SparkConf conf = new SparkConf();
        if (!a.has("master") && !conf.contains("spark.master")) {
            throw new UsageException("no Spark master: give --master local[2] (embedded) or run under spark-submit");
        }
        SweepSpec spec = SweepSpec.read(Paths.get(argv.get(0)), SolveJson.OPTIONS);
        Path dir = Paths.get(a.string("out", null));
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        SparkSession.Builder b = SparkSession.builder().appName("ufm sweep").config(conf)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4");
        if (a.has("master")) {
            b = b.master(a.string("master", null));
        }
        StopOnShutdown shutdown = new StopOnShutdown("ufm-spark-shutdown", hook);
        try (ResultsFile results = ResultsFile.open(dir); SparkSession spark = b.getOrCreate()) {
            int parallelism = spark.sparkContext().defaultParallelism();
            int partitions = a.integer("partitions", parallelism);
            int wave = a.integer("wave", Math.max(64, 16 * partitions));
            if (partitions < 1 || wave < 1) {
                throw new UsageException("--partitions and --wave must be >= 1");
            }
            SparkEngine engine = new SparkEngine(spark, partitions, wave);
            shutdown.onSignal(engine::stop);
            int total = spec.cells().size();
            int before = results.doneAmong(spec.cells());
            err.printf(Locale.ROOT, "ufm-spark: %d cells, %d already done, %d to run on %s (%d partitions, waves of %d)%n",
                    total, before, total - before, spark.sparkContext().master(), partitions, wave);
            long t0 = System.nanoTime();
            int ran = engine.run(spec.cells(), results);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            engine.writeParquet(results, dir);
            List<Path> files;
            try {
                files = SweepOutputs.write(dir, spec, results.lines());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            List<CellRow> rows = SweepOutputs.rows(spec, results.lines());
            int failed = SweepOutputs.notConverged(rows);
            boolean stopped = rows.size() < total;
            if (a.flag("json")) {
                out.printf(Locale.ROOT, "{\"cells\":%d,\"done\":%d,\"ranNow\":%d,\"skipped\":%d,\"failed\":%d,"
                                + "\"stopped\":%b,\"seconds\":%s,\"cellsPerSecond\":%s,\"master\":\"%s\",\"partitions\":%d}%n",
                        total, rows.size(), ran, before, failed, stopped, seconds,
                        ran == 0 ? "null" : Double.toString(ran / seconds), spark.sparkContext().master(), partitions);
            } else {
                out.printf(Locale.ROOT, "ufm-spark: %d of %d cells done (%d now, %d skipped), %d did not converge; "
                        + "%.2f s, %.2f cells/s%n", rows.size(), total, ran, before, failed, seconds, ran / seconds);
                out.println("results  " + results.path());
                out.println("wrote    " + dir.resolve(SparkEngine.PARQUET));
                for (Path f : files) {
                    out.println("wrote    " + f);
                }
            }
            return stopped ? 130 : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            shutdown.close();
        }
    }
}
