package org.ufm.reproduce;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A test-only ExperimentContext: CSV with plain java.io, plots and summaries only recorded. */
final class RecordingContext implements ExperimentContext {

    final Path dir;
    final boolean quick;
    final long seed;
    final List<PlotSpec> plots = new ArrayList<>();
    final StringBuilder summary = new StringBuilder();
    long progressSteps;

    RecordingContext(Path dir, boolean quick, long seed) {
        this.dir = dir;
        this.quick = quick;
        this.seed = seed;
    }

    @Override
    public Path outDir() {
        return dir;
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
        return new Progress() {
            @Override
            public void step(long steps) {
                progressSteps += steps;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Path csv(String file, List<String> header, List<double[]> rows) throws IOException {
        Path p = dir.resolve(file);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8))) {
            w.println(String.join(",", header));
            for (double[] r : rows) {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", r[i]));
                }
                w.println(s);
            }
        }
        return p;
    }

    @Override
    public Path plot(PlotSpec spec) {
        plots.add(spec);
        return dir.resolve(spec.file());
    }

    @Override
    public void summary(String markdown) {
        summary.append(markdown);
    }
}
