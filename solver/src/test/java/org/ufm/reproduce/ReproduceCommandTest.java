package org.ufm.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.cli.Main;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.solver.Solvers;

/**
 * {@code ufm reproduce all --quick} end to end through {@link Main#run}: every experiment writes its CSV,
 * PNG and summary, and the CSVs' key numbers agree with the closed forms and SPEC.md.
 */
class ReproduceCommandTest {

    @TempDir
    static Path out;

    static String stdout;
    static String stderr;
    static int code;

    /** A CSV file: header and numeric rows. */
    static final class Csv {
        final List<String> header;
        final List<double[]> rows = new ArrayList<>();

        Csv(Path p) throws IOException {
            List<String> lines = Files.readAllLines(p);
            header = Arrays.asList(lines.get(0).split(","));
            for (String l : lines.subList(1, lines.size())) {
                rows.add(Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
        }

        double get(int row, String column) {
            int c = header.indexOf(column);
            assertTrue(c >= 0, "column " + column + " in " + header);
            return rows.get(row).length > c ? rows.get(row)[c] : Double.NaN;
        }

        double[] column(String column) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = get(i, column);
            }
            return v;
        }
    }

    @BeforeAll
    static void runAllQuick() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        code = Main.run(new String[] {"reproduce", "all", "--quick", "--out", out.toString()},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        stdout = o.toString(StandardCharsets.UTF_8);
        stderr = e.toString(StandardCharsets.UTF_8);
    }

    static Csv csv(String experiment, String file) throws IOException {
        return new Csv(out.resolve(experiment).resolve(file));
    }

    @Test
    void everyExperimentWritesCsvPngAndSummary() throws IOException {
        assertEquals(0, code, stderr);
        for (String name : Experiments.names()) {
            Path dir = out.resolve(name);
            assertTrue(Files.isRegularFile(dir.resolve("summary.md")), name);
            String md = Files.readString(dir.resolve("summary.md"));
            assertTrue(md.startsWith("# " + name), md);
            assertTrue(md.contains("|"), "summary of " + name + " has a table");
            List<Path> pngs;
            List<Path> csvs;
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> files = s.collect(Collectors.toList());
                pngs = files.stream().filter(p -> p.toString().endsWith(".png")).collect(Collectors.toList());
                csvs = files.stream().filter(p -> p.toString().endsWith(".csv")).collect(Collectors.toList());
            }
            assertFalse(pngs.isEmpty(), name + " has a plot");
            assertFalse(csvs.isEmpty(), name + " has data");
            for (Path p : pngs) {
                BufferedImage img = ImageIO.read(p.toFile());
                assertNotNull(img, p + " is a PNG");
                assertEquals(PlotRenderer.WIDTH, img.getWidth());
            }
            assertTrue(stdout.contains(name + ":"), stdout);
        }
        // Progress went to stderr as plain lines (not a terminal), ending at 100 %.
        assertTrue(stderr.contains("zhu-etf:") && stderr.contains("(100%)"), stderr);
        assertFalse(stderr.contains("\r"), "no carriage returns when stderr is not a terminal");
    }

    @Test
    void thresholdSolverValuesMatchTheClosedFormAndSpecTable() throws IOException {
        Csv t = csv("zhu-threshold", "threshold.csv");
        assertTrue(t.rows.size() >= 5);
        double threshold = 1.0 / (4 * Math.sqrt(5));
        boolean below = false;
        boolean above = false;
        for (int i = 0; i < t.rows.size(); i++) {
            double lambda = t.get(i, "lambda");
            assertEquals(1.0, t.get(i, "converged"), "lambda " + lambda);
            assertEquals(t.get(i, "f_closed_form"), t.get(i, "f_solver"), 1e-12, "lambda " + lambda);
            assertEquals(t.get(i, "WF_closed_form"), t.get(i, "WF_solver"), 1e-6, "lambda " + lambda);
            assertEquals(t.get(i, "HF_closed_form"), t.get(i, "HF_solver"), 1e-6, "lambda " + lambda);
            if (lambda < threshold) {
                below = true;
                assertTrue(t.get(i, "WF_solver") > 0.1, "a non-zero ETF below the threshold");
            } else {
                above = true;
                assertEquals(Math.log(4), t.get(i, "f_solver"), 1e-12, "f* = log K beyond the threshold");
            }
        }
        assertTrue(below && above, "the grid straddles the threshold");
        // SPEC.md 3.1 threshold table (K = 4, n = 5): 0.10 -> 1.370567650306, ||W|| 1.61; 0.11 -> 1.385908172851, 0.65.
        for (int i = 0; i < t.rows.size(); i++) {
            if (t.get(i, "lambda") == 0.10) {
                assertEquals(1.370567650306, t.get(i, "f_solver"), 1e-12);
                assertEquals(1.61, t.get(i, "WF_solver"), 0.005);
            }
            if (t.get(i, "lambda") == 0.11) {
                assertEquals(1.385908172851, t.get(i, "f_solver"), 1e-12);
                assertEquals(0.65, t.get(i, "WF_solver"), 0.005);
            }
        }
    }

    @Test
    void zhuGapDecreasesToZeroAndOriginIsTheSpecSaddle() throws IOException {
        double fstar = CrossEntropyClosedForm.of(4, 5, 5e-4, 5e-4).fstar;
        for (String solver : Solvers.names()) {
            Csv tr = csv("zhu-etf", "trace-K4-n5-d8-" + solver + ".csv");
            double[] gap = tr.column("gap");
            assertTrue(gap[gap.length - 1] < 1e-2 * gap[0], solver + ": the gap falls by 100x at least");
            assertEquals(fstar, tr.get(tr.rows.size() - 1, "objective") - gap[gap.length - 1], 1e-15);
        }
        Csv armijo = csv("zhu-etf", "trace-K4-n5-d8-armijo.csv");
        assertTrue(Math.abs(armijo.get(armijo.rows.size() - 1, "gap")) < 1e-12, "Armijo reaches f*");
        assertTrue(armijo.get(armijo.rows.size() - 1, "nc1") < 1e-8, "NC1 -> 0");
        Csv starts = csv("zhu-etf", "random-starts.csv");
        for (int i = 0; i < starts.rows.size(); i++) {
            if (starts.get(i, "solver_index") == Solvers.names().indexOf("armijo")) {
                assertEquals(1.0, starts.get(i, "converged"));
                assertTrue(Math.abs(starts.get(i, "final_gap")) < 1e-14, "every random start reaches f*");
            }
        }
        Csv saddle = csv("zhu-etf", "origin-saddle.csv");
        assertEquals(ZhuEtf.SPEC_ORIGIN_MIN_EIG, saddle.get(0, "min_eigenvalue"), 1e-13);
        assertEquals(24, saddle.get(0, "negative_count"));
        assertTrue(saddle.get(0, "max_spectrum_diff") < 1e-12, "whole spectrum as SPEC.md 4.1 predicts");
        Csv esc = csv("zhu-etf", "escape.csv");
        int armijoIndex = Solvers.names().indexOf("armijo");
        for (int i = 0; i < esc.rows.size(); i++) {
            if (esc.get(i, "solver_index") == armijoIndex) {
                if (esc.get(i, "start_perturbed") == 0) {
                    assertEquals(Math.log(4) - fstar, esc.get(i, "final_gap"), 1e-12, "stuck at the saddle");
                } else {
                    assertTrue(Math.abs(esc.get(i, "final_gap")) < 1e-12, "escapes to the global optimum");
                }
            }
        }
    }

    @Test
    void yarasIterationsGrowWithTauAndTau40Converges() throws IOException {
        Csv t = csv("yaras-tau", "iterations-vs-tau.csv");
        for (int d : YarasTau.DIMS) {
            double[] it = new double[YarasTau.TAUS.length];
            for (int i = 0; i < t.rows.size(); i++) {
                if (t.get(i, "d") == d) {
                    int k = Arrays.binarySearch(YarasTau.TAUS, t.get(i, "tau"));
                    it[k] = t.get(i, "median_iterations");
                }
            }
            for (double v : it) {
                assertTrue(Double.isFinite(v) && v > 0, "d = " + d + ": every tau reaches 1e-6, tau = 40 included");
            }
            // tau = 1, 2, 5 are all ~50; from tau = 5 on the count grows.
            assertTrue(it[2] < it[3] && it[3] < it[4] && it[4] < it[5], "d = " + d + ": " + Arrays.toString(it));
            assertTrue(it[5] > 2 * it[0], "d = " + d);
            // SPEC.md 6.2's golden medians at tau = 10 and 20 (other seeds, same protocol): within 25 %.
            for (int k = 3; k <= 4; k++) {
                int j = Arrays.binarySearch(YarasTau.DIMS, d);
                assertEquals(YarasTau.SPEC[k][j], it[k], 0.25 * YarasTau.SPEC[k][j], "tau = " + YarasTau.TAUS[k] + ", d = " + d);
            }
        }
        Csv dim = csv("yaras-dim", "iterations-vs-d.csv");
        for (String c : dim.header) {
            for (double v : dim.column(c)) {
                assertTrue(Double.isFinite(v) && v > 0, c);
            }
        }
        Csv sphere = csv("yaras-dim", "trace-sphere-d8.csv");
        double[] gap = sphere.column("gap");
        assertTrue(gap[gap.length - 1] < 1e-6 * gap[0]);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        for (String[] args : new String[][] {{"reproduce"}, {"reproduce", "nope"}, {"reproduce", "zhu-etf", "--bogus"},
            {"reproduce", "zhu-etf", "--seed", "x"}}) {
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            int c = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8));
            String err = e.toString(StandardCharsets.UTF_8);
            assertEquals(2, c, Arrays.toString(args));
            assertEquals(1, err.trim().split("\n").length, err);
            if (args.length <= 2) {
                for (String name : Experiments.names()) {
                    assertTrue(err.contains(name), err);
                }
            }
        }
    }
}
