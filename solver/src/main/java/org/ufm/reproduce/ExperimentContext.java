package org.ufm.reproduce;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What an experiment may use: its output folder, the quick flag, progress, CSV, plots, summary. */
public interface ExperimentContext {

    /** The folder the experiment writes into (exists). */
    Path outDir();

    /** True for the reduced sizes of {@code --quick}. */
    boolean quick();

    /** Seed for every random start of the experiment. */
    long seed();

    /** Starts a progress bar of {@code total} steps on the terminal. */
    Progress progress(String label, long total);

    /** Writes {@code outDir()/file} as CSV with the given header and rows (17 significant digits). */
    Path csv(String file, List<String> header, List<double[]> rows) throws IOException;

    /** Renders a plot to {@code outDir()/spec.file()} as PNG. */
    Path plot(PlotSpec spec) throws IOException;

    /** Appends markdown to {@code outDir()/summary.md}. */
    void summary(String markdown) throws IOException;

    /** A progress bar. */
    interface Progress extends AutoCloseable {
        /** Advances by {@code steps}. */
        void step(long steps);

        /** Finishes the bar. */
        @Override
        void close();
    }
}
