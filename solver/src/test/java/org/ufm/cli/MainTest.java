package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a contract: JSON fields, exit codes, one-line errors. */
class MainTest {

    static final class Run {
        final int code;
        final String out;
        final String err;

        Run(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "4", "5"})
    void defaultCrossEntropySolveConvergesFromAnySeed(String seed) {
        Run r = run("solve", "--model", "ce", "--classes", "4", "--per-class", "5", "--dim", "8", "--json", "--seed", seed);
        assertEquals(0, r.code, r.err);
        assertEquals(1, r.out.trim().split("\n").length, "exactly one JSON line");
        String j = r.out.trim();
        assertTrue(j.startsWith("{") && j.endsWith("}"));
        for (String key : new String[] {"model", "classes", "perClass", "dim", "objective", "optimum", "gap", "gradNorm",
                "iterations", "stopReason", "seconds", "metrics", "nc1", "nc2", "nc3", "nc4", "certificate", "firstOrder", "global"}) {
            assertTrue(j.contains("\"" + key + "\":"), key);
        }
        assertTrue(j.contains("\"stopReason\":\"CONVERGED\""), j);
        assertTrue(j.contains("\"global\":true"), j);
        double gap = number(j, "gap");
        double opt = number(j, "optimum");
        assertTrue(Math.abs(gap) <= 1e-9 * opt, "gap " + gap);
        assertEquals(0.0261435631182366, opt, 1e-15);
    }

    @Test
    void aboveTheThresholdTheMetricsAreUndefinedNotComputedFromNoise() {
        Run r = run("solve", "--lambda-w", "0.2", "--lambda-h", "0.2", "--json", "--no-hessian");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"metrics\":null") && r.out.contains("metricsNote"), r.out);
        assertEquals(Math.log(4), number(r.out, "objective"), 1e-12);
        assertTrue(r.out.contains("\"global\":true"), r.out);
        Run t = run("solve", "--lambda-w", "0.2", "--lambda-h", "0.2", "--no-hessian");
        assertTrue(t.out.contains("metrics     undefined"), t.out);
    }

    /**
     * Stopped on the way to the origin, the minimiser above the threshold, the metrics are computed (W and H are not
     * numerically zero) and say what they are: the point's direction, not a collapse. Just below the threshold, no
     * note. At K = 4, n = 5 both thresholds sit at lambda = 1/(K sqrt n) = 0.1118 (CE: sqrt(lambda_W lambda_H); MSE:
     * u = K sqrt(n lambda_W lambda_H) = 1): lambda = 0.12 is above, 0.10 below.
     */
    @Test
    void metricsOnTheWayToTheOriginSayTheMinimiserIsTheOrigin() {
        String note = "\"metricsNote\":\"" + PointReportFormat.DIRECTION_NOTE + "\"";
        for (String model : new String[] {"ce", "mse"}) {
            Run r = run("solve", "--model", model, "--lambda-w", "0.12", "--lambda-h", "0.12", "--max-iter", "3",
                    "--no-hessian", "--json");
            assertEquals(0, r.code, r.err);
            assertTrue(r.out.contains("\"nc1\":") && r.out.contains(note), model + ": " + r.out);
            Run t = run("solve", "--model", model, "--lambda-w", "0.12", "--lambda-h", "0.12", "--max-iter", "3",
                    "--no-hessian");
            assertEquals(0, t.code, t.err);
            assertTrue(t.out.contains("(" + PointReportFormat.DIRECTION_NOTE + ")"), model + ": " + t.out);
            Run below = run("solve", "--model", model, "--lambda-w", "0.10", "--lambda-h", "0.10", "--max-iter", "3",
                    "--no-hessian", "--json");
            assertEquals(0, below.code, below.err);
            assertTrue(below.out.contains("\"nc1\":") && !below.out.contains("metricsNote"), model + ": " + below.out);
        }
    }

    @Test
    void sphereJsonHasNoGlobalClaimBelowKMinusOne() {
        Run r = run("solve", "--model", "sphere", "--classes", "4", "--per-class", "5", "--dim", "2", "--json");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"optimum\":null"), r.out);
        assertTrue(r.out.contains("\"global\":false"), r.out);
    }

    @Test
    void readableSummaryShowsTheCertificate() {
        Run r = run("solve", "--model", "sphere", "--classes", "3", "--per-class", "2", "--dim", "4", "--tau", "2");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("certificate first order: yes; global: yes"), r.out);
    }

    @Test
    void traceFileHasARowPerIteration(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("t.csv");
        Run r = run("solve", "--classes", "3", "--per-class", "2", "--dim", "3", "--max-iter", "7", "--json",
                "--trace", csv.toString(), "--tol", "0");
        assertEquals(0, r.code, r.err);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("iteration,cost,gradNorm,step,seconds,evaluations", lines.get(0));
        assertEquals(1 + 8, lines.size(), "header and iterations 0..7");
        assertTrue(r.out.contains("\"stopReason\":\"MAX_ITERATIONS\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "solve --classes 1", "solve --dim 0", "solve --per-class 0", "solve --lambda-w -1",
        "solve --model sphere --tau 0", "solve --model sphere --tau -2", "solve --frobnicate",
        "solve --classes", "solve --classes four", "solve --model nope", "solve --solver nope",
        "solve --lambda-h NaN", "solve --classes 100000 --per-class 100000 --dim 100000", "frobnicate",
        "solve --model ce --tau 3", "solve --bias --no-bias", "solve --class-sizes 3,0,2",
        "solve --model ulpm --lambda-w 1e-3", "solve --model ulpm --bias", "solve --model ulpm --tau 2",
        "solve --model mixon --no-bias", "solve --model mixon --lambda-b 0", "solve --model mixon --mixon-c 0",
        "solve --model mixon --mixon-c -1", "solve --model ce --mixon-c 2", "solve --model mse --tau 1",
        "solve --model sphere --no-bias", "solve --model mse --lambda-b -1", "solve --model mixon --init-scale 0"})
    void badInputIsOneLineOnStderrAndExitTwo(String line) {
        Run r = run(line.split(" "));
        assertEquals(2, r.code, line + " -> " + r.err);
        assertEquals(1, r.err.trim().split("\n").length, "one line: " + r.err);
        assertFalse(r.err.contains("Exception") || r.err.contains("\tat "), r.err);
        assertEquals("", r.out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void mseSolveReachesItsClosedForm(String bias) {
        // --lambda-b with --no-bias is refused (issue 17 item 7)
        Run r = bias.equals("true") ? run("solve", "--model", "mse", "--lambda-b", "0", "--json", "--tol", "1e-10", "--bias")
                : run("solve", "--model", "mse", "--json", "--tol", "1e-10", "--no-bias");
        assertEquals(0, r.code, r.err);
        double opt = number(r.out, "optimum");
        assertEquals(bias.equals("true") ? 0.00334660196624969 : 0.00446213595499958, opt, 1e-15);
        assertTrue(Math.abs(number(r.out, "gap")) <= 1e-9 * opt, r.out);
        assertTrue(r.out.contains("\"model\":\"mse\"") && r.out.contains("\"global\":true"), r.out);
    }

    @Test
    void ulpmJsonHasMarginsAndNoOptimum() {
        Run r = run("solve", "--model", "ulpm", "--solver", "gd", "--step", "0.5", "--init-scale", "0.1",
                "--max-iter", "3000", "--json");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"optimum\":null") && r.out.contains("\"global\":false"), r.out);
        double gamma = number(r.out, "normalizedMargin");
        double limit = number(r.out, "marginLimit");
        assertEquals(0.0745356, limit, 1e-7);
        assertTrue(gamma > 0.8 * limit && gamma < limit, r.out);
        assertTrue(number(r.out, "margin") > 0, r.out);
        assertFalse(r.out.contains("lambdaW"), r.out);
    }

    @Test
    void ulpmWithImbalancedClassesHasNoMarginLimit() {
        Run r = run("solve", "--model", "ulpm", "--class-sizes", "5,2,3", "--max-iter", "200", "--json");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"marginLimit\":null") && r.out.contains("\"optimum\":null"), r.out);
    }

    @Test
    void mixonJsonHasStrongCollapseDistances() {
        Run r = run("solve", "--model", "mixon", "--classes", "3", "--per-class", "3", "--dim", "15", "--solver", "gd",
                "--step", "0.05", "--init-scale", "0.01", "--max-iter", "20000", "--json");
        assertEquals(0, r.code, r.err);
        assertEquals(0.0, number(r.out, "optimum"), 0.0);
        assertTrue(number(r.out, "objective") < 1e-8, r.out);
        assertTrue(number(r.out, "gram") < 1e-3, r.out);
        assertTrue(number(r.out, "features") < 2e-2, r.out);
        assertTrue(number(r.out, "bias") < 5e-3, r.out);
        assertTrue(number(r.out, "distanceToS") < 2e-2, r.out);
        assertTrue(r.out.contains("\"mixonC\":1.0"), r.out);
    }

    @Test
    void mixonWithImbalancedClassesHasNoDistancesButOptimumZero() {
        Run r = run("solve", "--model", "mixon", "--class-sizes", "4,1,2", "--dim", "4", "--json");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"strongNcDistances\":null") && r.out.contains("\"distanceToS\":null"), r.out);
        assertEquals(0.0, number(r.out, "optimum"), 0.0);
    }

    @Test
    void everyModelAcceptsClassSizesAndImbalancedCeMseHaveNoOptimum() {
        for (String model : new String[] {"ce", "mse"}) {
            Run r = run("solve", "--model", model, "--class-sizes", "6,2,3", "--json");
            assertEquals(0, r.code, r.err);
            assertTrue(r.out.contains("\"optimum\":null") && r.out.contains("\"classSizes\":[6,2,3]"), r.out);
            assertTrue(r.out.contains("\"stopReason\":\"CONVERGED\""), r.out);
        }
        Run r = run("solve", "--model", "sphere", "--class-sizes", "6,2,3", "--json");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"optimum\":null"), r.out);
    }

    @Test
    void readableSummaryOfTheNewModels() {
        Run u = run("solve", "--model", "ulpm", "--max-iter", "100");
        assertEquals(0, u.code, u.err);
        assertTrue(u.out.contains("margin      q_min") && u.out.contains("never attained"), u.out);
        Run m = run("solve", "--model", "mixon", "--max-iter", "100");
        assertEquals(0, m.code, m.err);
        assertTrue(m.out.contains("strong NC") && m.out.contains("distance to S"), m.out);
        assertTrue(m.out.contains("f* = 0: the gap is absolute") && !m.out.contains("Infinity"), m.out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tr", "lbfgs", "bb", "cg"})
    void solveJsonCarriesTheSecondOrderCertificate(String solver) {
        Run r = run("solve", "--solver", solver, "--model", "sphere", "--classes", "4", "--per-class", "5", "--dim", "8", "--json");
        assertEquals(0, r.code, r.err);
        String j = r.out.trim();
        assertTrue(j.contains("\"secondOrder\":true"), j);
        assertTrue(number(j, "minHessianEigenvalue") >= -1e-8, j);
        assertTrue(number(j, "distanceToOptimum") < 1e-5, j);
        assertTrue(j.contains("\"solver\":\"" + solver + "\""), j);
        assertTrue(Math.abs(number(j, "relativeGap")) <= 1e-12, j);
    }

    @Test
    void saddleCommandReportsSpec41AndTheEscape() {
        Run r = run("saddle", "--model", "ce", "--classes", "4", "--per-class", "5", "--dim", "8", "--lambda-b", "0", "--json");
        assertEquals(0, r.code, r.err);
        String j = r.out.trim();
        assertEquals(-0.111303398874989, number(j, "predictedMinEigenvalue"), 1e-15);
        assertEquals(-0.111303398874989, number(j, "measuredCurvature"), 1e-14);
        assertEquals(-0.111303398874989, number(j, "minHessianEigenvalue"), 1e-14);
        assertEquals(24, (int) number(j, "negativeEigenvalues"));
        assertTrue(j.contains("\"critical\":true"), j);
        assertTrue(Math.abs(number(j, "relativeGap")) <= 1e-12, j);
    }

    @Test
    void saddleCommandOnTheSphere() {
        Run r = run("saddle", "--model", "sphere", "--classes", "4", "--per-class", "5", "--dim", "4", "--tau", "3",
                "--solver", "tr");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("(critical)"), r.out);
        assertTrue(r.out.contains("escape      tr"), r.out);
    }

    @Test
    void badSaddleInputIsOneLine() {
        Run r = run("saddle", "--model", "sphere", "--dim", "1");
        assertEquals(2, r.code);
        assertEquals(1, r.err.trim().split("\n").length, r.err);
        r = run("solve", "--solver", "cg", "--cg-rule", "xx");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("unknown CG rule"), r.err);
    }

    @Test
    void metricsEveryKFillsEveryKthCsvRowAndTheJson(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("t.csv");
        Run r = run("solve", "--solver", "lbfgs", "--classes", "3", "--per-class", "2", "--dim", "4", "--trace", csv.toString(),
                "--metrics-every", "5", "--json");
        assertEquals(0, r.code, r.err);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("iteration,cost,gradNorm,step,seconds,evaluations,nc1,nc2,nc3,nc4", lines.get(0));
        int sampled = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(10, cells.length, line);
            boolean due = Integer.parseInt(cells[0]) % 5 == 0;
            assertEquals(due, !cells[6].isEmpty(), line);
            if (due) {
                sampled++;
                assertTrue(Double.parseDouble(cells[6]) >= 0, line);
            }
        }
        int iterations = (int) number(r.out, "iterations");
        assertEquals(iterations / 5 + 1, sampled);
        Matcher m = Pattern.compile("\\{\"iteration\":").matcher(r.out.substring(r.out.indexOf("metricsTrace")));
        int inJson = 0;
        while (m.find()) {
            inJson++;
        }
        assertEquals(sampled, inJson);
    }
}
