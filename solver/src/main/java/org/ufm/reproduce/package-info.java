/**
 * {@code ufm reproduce NAME [--out DIR] [--quick] [--seed s]}: the papers' figures and tables from one
 * command. Each {@link org.ufm.reproduce.Experiment} computes its data and writes, through its
 * {@link org.ufm.reproduce.ExperimentContext} ({@link org.ufm.reproduce.FileExperimentContext} on the
 * command line), CSV files (17 significant digits), PNG plots ({@link org.ufm.reproduce.PlotSpec},
 * rendered headless by XChart; non-positive points dropped on log axes, with a note in the summary) and
 * a markdown {@code summary.md} with SPEC.md's numbers side by side. To add an experiment, implement
 * {@code Experiment} and add one line to {@link org.ufm.reproduce.Experiments#list()}; keep its
 * {@code --quick} sizes to a few seconds, since {@code reproduce all --quick} must stay under 2 minutes
 * and runs in the unit tests.
 */
package org.ufm.reproduce;
