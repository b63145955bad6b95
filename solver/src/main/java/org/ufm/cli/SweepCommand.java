package org.ufm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.ufm.compute.BlasInUse;
import org.ufm.reproduce.ProgressBar;
import org.ufm.sweep.CellRow;
import org.ufm.sweep.LocalEngine;
import org.ufm.sweep.ResultsFile;
import org.ufm.sweep.StopOnShutdown;
import org.ufm.sweep.SweepInputException;
import org.ufm.sweep.SweepOutputs;
import org.ufm.sweep.SweepSpec;

/**
 * {@code ufm sweep SPEC.json --out DIR [--workers t] [--json]}: checks the spec, then solves every cell not yet
 * in DIR/results.jsonl on the local engine, with a progress bar on stderr, and writes summary.csv and the plots.
 * Ctrl-C stops the running solves (their cells run again next time) and keeps every finished line; exit 130.
 */
public final class SweepCommand {

    /** Exit code of a sweep stopped by Ctrl-C (128 + SIGINT, as shells report it). */
    public static final int STOPPED = 130;

    private SweepCommand() {
    }

    /** One line of usage for Main's help. */
    public static String usage() {
        return "  sweep   SPEC.json --out DIR [--workers t] [--json]: solve a grid of cells (README: Sweeps)";
    }

    /** Runs the command; returns the exit code. */
    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        boolean terminal = err == System.err && System.console() != null;
        try {
            return run(argv, out, err, terminal, true);
        } catch (SweepInputException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** As {@link #run(List, PrintStream, PrintStream)}; {@code hook}: stop on Ctrl-C. */
    static int run(List<String> argv, PrintStream out, PrintStream err, boolean terminal, boolean hook) {
        if (argv.isEmpty() || argv.get(0).startsWith("--")) {
            throw new UsageException("give the spec file first: sweep SPEC.json --out DIR [--workers t] [--json]");
        }
        Path specFile = Paths.get(argv.get(0));
        Args a = new Args(argv.subList(1, argv.size()), new LinkedHashSet<>(Arrays.asList("out", "workers")),
                new LinkedHashSet<>(Arrays.asList("json")));
        if (!a.has("out")) {
            throw new UsageException("--out DIR is required (the results go there, and a rerun resumes from it)");
        }
        int workers = a.threads("workers");
        SweepSpec spec = SweepSpec.read(specFile, SolveJson.OPTIONS);
        Path dir = Paths.get(a.string("out", null));
        LocalEngine engine = new LocalEngine(workers, SolveJson.cellSolver());
        StopOnShutdown shutdown = new StopOnShutdown("ufm-sweep-shutdown", hook);
        shutdown.onSignal(engine::stop);
        try (ResultsFile results = ResultsFile.open(dir)) {
            int total = spec.cells().size();
            int before = results.doneAmong(spec.cells());
            if (results.dropped() > 0) {
                err.println("sweep: dropped " + results.dropped() + " torn or repeated line(s) of " + results.path());
            }
            err.printf(Locale.ROOT, "sweep: %d cells, %d already done, %d to run on %d worker(s)%n", total, before,
                    total - before, workers);
            long t0 = System.nanoTime();
            int todo = total - before;
            AtomicInteger failedNow = new AtomicInteger();
            AtomicInteger doneNow = new AtomicInteger();
            ProgressBar bar = new ProgressBar(err, terminal, "sweep", Math.max(1, todo));
            LocalEngine.Outcome o = engine.run(spec.cells(), results, (cell, converged) -> {
                int f = converged ? failedNow.get() : failedNow.incrementAndGet();
                int d = doneNow.incrementAndGet();
                double elapsed = (System.nanoTime() - t0) * 1e-9;
                bar.step(1, String.format(Locale.ROOT, "failed %d, about %.0f s left", f,
                        elapsed / d * (todo - d)));
            });
            if (!o.stopped) {
                bar.close();
            } else {
                err.println();
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            List<Path> files = SweepOutputs.write(dir, spec, results.lines(), !o.stopped);
            List<CellRow> rows = SweepOutputs.rows(spec, results.lines());
            int done = rows.size();
            int failed = SweepOutputs.notConverged(rows);
            if (a.flag("json")) {
                out.println(new Json().put("cells", total).put("done", done).put("ranNow", o.recorded)
                        .put("skipped", before).put("failed", failed).put("stopped", o.stopped).put("seconds", seconds)
                        .put("cellsPerSecond", o.recorded == 0 ? null : o.recorded / seconds).put("workers", workers)
                        .put("blas", SolveCommand.blasJson(BlasInUse.current()))
                        .put("results", results.path().toString()));
            } else {
                out.printf(Locale.ROOT, "sweep: %d of %d cells done (%d now, %d skipped), %d did not converge; "
                        + "%.2f s, %.2f cells/s on %d worker(s)%n", done, total, o.recorded, before, failed, seconds,
                        o.recorded / seconds, workers);
                out.println("blas     " + BlasInUse.current().describe());
                out.println("results  " + results.path());
                for (Path f : files) {
                    out.println("wrote    " + f);
                }
            }
            if (o.stopped) {
                err.println("sweep: stopped; rerun the same command to solve the " + (total - done) + " cell(s) left");
                return STOPPED;
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            shutdown.close();
        }
    }
}
