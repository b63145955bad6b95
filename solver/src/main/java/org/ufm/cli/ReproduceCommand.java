package org.ufm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.ufm.reproduce.Experiment;
import org.ufm.reproduce.Experiments;
import org.ufm.reproduce.FileExperimentContext;

/**
 * {@code ufm reproduce NAME [--out DIR] [--quick] [--seed s]}: runs one registered experiment (or
 * {@code all}) into DIR (default {@code ./ufm-reproduce/NAME}; with {@code all}, DIR/NAME for each
 * experiment, DIR defaulting to {@code ./ufm-reproduce}),
 * with progress on stderr and the written files listed on stdout.
 */
public final class ReproduceCommand {

    /** Default seed of every random start. */
    public static final long DEFAULT_SEED = 1;

    private ReproduceCommand() {
    }

    /** Usage lines, for {@code ufm help}. */
    public static String usage() {
        return "  reproduce NAME [--out DIR] [--quick] [--seed s]\n"
                + "          reproduce a paper's figure/table (CSV, PNG, summary.md); NAME is one of:\n"
                + "          " + String.join(", ", Experiments.names()) + ", " + Experiments.ALL;
    }

    /** Runs the command on the arguments after "reproduce"; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean terminal = err == System.err && System.console() != null;
        return run(args, out, err, terminal);
    }

    /** As {@link #run(List, PrintStream, PrintStream)}, saying whether err is a terminal. */
    public static int run(List<String> args, PrintStream out, PrintStream err, boolean terminal) {
        String names = String.join(", ", Experiments.names()) + ", " + Experiments.ALL;
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            throw new UsageException("missing experiment NAME (one of: " + names + ")");
        }
        String name = args.get(0);
        List<Experiment> chosen = new ArrayList<>();
        if (Experiments.ALL.equals(name)) {
            chosen.addAll(Experiments.list());
        } else if (Experiments.byName().containsKey(name)) {
            chosen.add(Experiments.byName().get(name));
        } else {
            throw new UsageException("unknown experiment '" + name + "' (one of: " + names + ")");
        }
        Args a = new Args(args.subList(1, args.size()), new LinkedHashSet<>(Arrays.asList("out", "seed")),
                new LinkedHashSet<>(List.of("quick")));
        boolean quick = a.flag("quick");
        long seed = a.longValue("seed", DEFAULT_SEED);
        boolean all = Experiments.ALL.equals(name);
        if (a.has("out") && a.string("out", "").trim().isEmpty()) {
            throw new UsageException("--out needs a directory, got an empty path");
        }
        Path base = a.has("out") ? Paths.get(a.string("out", null))
                : all ? Paths.get("ufm-reproduce") : Paths.get("ufm-reproduce", name);
        if (Files.exists(base) && !Files.isDirectory(base)) {
            throw new UsageException("--out " + base + " exists and is not a directory");
        }
        for (Experiment e : chosen) {
            Path dir = all ? base.resolve(e.name()) : base;
            List<Path> foreign;
            try {
                foreign = OutputDirectory.foreignEntries(dir);
            } catch (IOException ex) {
                throw new UsageException(org.ufm.cli.IoErrors.message("read the directory", dir, ex));
            }
            if (!foreign.isEmpty()) {
                throw new UsageException(dir + " holds " + foreign.size() + " file(s) that ufm reproduce did not write ("
                        + foreign.get(0).getFileName() + (foreign.size() > 1 ? ", ..." : "")
                        + "); choose a new or empty directory with --out");
            }
            if (OutputDirectory.earlierRun(dir)) {
                err.println("ufm reproduce " + e.name() + ": replacing the files of an earlier run in " + dir);
            }
        }
        boolean many = chosen.size() > 1;
        long start = System.nanoTime();
        for (Experiment e : chosen) {
            Path dir = all ? base.resolve(e.name()) : base;
            try {
                OutputDirectory.claim(dir);
                Files.deleteIfExists(dir.resolve("summary.md"));
                FileExperimentContext ctx = new FileExperimentContext(dir, quick, seed, err, terminal);
                ctx.summary("# " + e.name() + "\n\n" + e.description() + "\n\n"
                        + String.format(Locale.ROOT, "Run: `ufm reproduce %s%s --seed %d`.%n", e.name(),
                        quick ? " --quick" : "", seed));
                long t0 = System.nanoTime();
                e.run(ctx);
                double secs = (System.nanoTime() - t0) * 1e-9;
                ctx.summary(String.format(Locale.ROOT, "%nWall time: %.1f s.%n", secs));
                out.println(String.format(Locale.ROOT, "%s: %.1f s, %d files in %s", e.name(), secs,
                        ctx.written().size(), dir));
                for (Path p : ctx.written()) {
                    out.println("  " + p);
                }
            } catch (IOException ex) {
                err.println("ufm reproduce " + e.name() + ": " + org.ufm.cli.IoErrors.message("write to", dir, ex));
                return 2;
            } catch (UncheckedIOException ex) {
                err.println("ufm reproduce " + e.name() + ": " + org.ufm.cli.IoErrors.message("write to", dir, ex.getCause()));
                return 2;
            }
        }
        if (many) {
            out.println(String.format(Locale.ROOT, "all %d experiments: %.1f s", chosen.size(),
                    (System.nanoTime() - start) * 1e-9));
        }
        return 0;
    }
}
