package org.ufm.reproduce;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@link ExperimentContext} of the command line: files in one output folder, progress bars on
 * a text stream (redrawn in place when it is a terminal). Every written file is remembered.
 */
public final class FileExperimentContext implements ExperimentContext {

    private final Path outDir;
    private final boolean quick;
    private final long seed;
    private final PrintStream progressStream;
    private final boolean terminal;
    private final List<Path> written = new ArrayList<>();

    /** A context writing into {@code outDir} (created if missing). */
    public FileExperimentContext(Path outDir, boolean quick, long seed, PrintStream progressStream, boolean terminal)
            throws IOException {
        this.outDir = Files.createDirectories(outDir);
        this.quick = quick;
        this.seed = seed;
        this.progressStream = progressStream;
        this.terminal = terminal;
    }

    @Override
    public Path outDir() {
        return outDir;
    }

    @Override
    public boolean quick() {
        return quick;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Progress progress(String label, long total) {
        return new ProgressBar(progressStream, terminal, label, total);
    }

    @Override
    public Path csv(String file, List<String> header, List<double[]> rows) throws IOException {
        Path p = outDir.resolve(file);
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write(String.join(",", header));
            w.write('\n');
            for (double[] row : rows) {
                if (row.length != header.size()) {
                    throw new IllegalArgumentException(file + ": row of " + row.length + " values for "
                            + header.size() + " columns");
                }
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    b.append(format(row[i]));
                }
                w.write(b.append('\n').toString());
            }
        }
        remember(p);
        return p;
    }

    /** A number with 17 significant digits (exact round trip); integers without exponent; NaN as "NaN". */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.16e", v);
    }

    @Override
    public Path plot(PlotSpec spec) throws IOException {
        PlotRenderer.Rendered r = PlotRenderer.render(spec, outDir.resolve(spec.file()));
        if (!r.notes.isEmpty()) {
            StringBuilder b = new StringBuilder("\nPlot notes:\n");
            for (String n : r.notes) {
                b.append("- ").append(n).append('\n');
            }
            summary(b.toString());
        }
        remember(r.file);
        return r.file;
    }

    @Override
    public void summary(String markdown) throws IOException {
        Path p = outDir.resolve("summary.md");
        Files.writeString(p, markdown.endsWith("\n") ? markdown : markdown + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        remember(p);
    }

    /** The files written so far, in order of first write. */
    public List<Path> written() {
        return List.copyOf(written);
    }

    private void remember(Path p) {
        if (!written.contains(p)) {
            written.add(p);
        }
    }
}
