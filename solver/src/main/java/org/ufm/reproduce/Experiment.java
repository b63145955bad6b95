package org.ufm.reproduce;

import java.io.IOException;

/**
 * One reproducible experiment of {@code ufm reproduce NAME}: it computes its data, writes CSV files,
 * PNG plots and a markdown summary through its {@link ExperimentContext}, and reports progress.
 */
public interface Experiment {

    /** Command-line name, e.g. "mixon-fig1". */
    String name();

    /** One line: what the experiment reproduces (paper, figure, SPEC.md section). */
    String description();

    /** Runs the experiment (reduced sizes when {@code ctx.quick()}). */
    void run(ExperimentContext ctx) throws IOException;
}
