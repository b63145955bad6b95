package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ufm.check.CheckResult;
import org.ufm.check.StepGrid;

/** {@code ufm check} as a contract: verdict lines, JSON fields, the PNG, exit codes 0 / 1 / 2. */
class CheckCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"ce", "mse", "ulpm", "mixon", "sphere"})
    void everyCommandLineModelPassesAllChecks(String model) {
        MainTest.Run r = MainTest.run("check", "--model", model, "--classes", "3", "--per-class", "4", "--dim", "5");
        assertEquals(0, r.code, r.err + r.out);
        for (String c : new String[] {"gradient", "hessian", "retraction"}) {
            assertTrue(r.out.matches("(?s).*\\n" + c + " +PASS .*"), c + " in " + r.out);
        }
        assertTrue(r.out.contains("verdict     PASS"), r.out);
    }

    @Test
    void noBiasAndImbalancedModelsPassToo() {
        assertEquals(0, MainTest.run("check", "--model", "ce", "--no-bias", "--class-sizes", "6,2,1", "--dim", "2").code);
        assertEquals(0, MainTest.run("check", "--model", "sphere", "--class-sizes", "5,3", "--dim", "3", "--tau", "12",
                "--seed", "7").code);
    }

    @Test
    void jsonHasTheCurveTheSlopeAndTheVerdict() {
        MainTest.Run r = MainTest.run("check", "--model", "sphere", "--what", "hessian", "--json", "--seed", "3");
        assertEquals(0, r.code, r.err);
        String j = r.out.trim();
        assertEquals(1, j.split("\n").length);
        for (String key : new String[] {"model", "seed", "checks", "check", "verdict", "reason", "slope",
                "expectedSlope", "minimumSlope", "window", "diagnostics", "symmetry", "t", "error", "floor", "pass"}) {
            assertTrue(j.contains("\"" + key + "\":"), key + " in " + j);
        }
        assertTrue(j.contains("\"check\":\"hessian\""), j);
        assertFalse(j.contains("\"check\":\"gradient\""), j);
        assertTrue(j.endsWith("\"pass\":true}"), j);
        double slope = MainTest.number(j, "slope");
        assertTrue(slope >= 2.8 && slope <= 3.3, "slope " + slope);
        assertEquals(3.0, MainTest.number(j, "expectedSlope"));
    }

    @Test
    void sameSeedSameNumbers() {
        String a = MainTest.run("check", "--model", "ce", "--json", "--seed", "5").out;
        String b = MainTest.run("check", "--model", "ce", "--json", "--seed", "5", "--threads", "2").out;
        assertEquals(a, b);
    }

    @Test
    void plotIsAPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("check.png");
        MainTest.Run r = MainTest.run("check", "--model", "sphere", "--plot", png.toString());
        assertEquals(0, r.code, r.err);
        byte[] head = new byte[8];
        System.arraycopy(Files.readAllBytes(png), 0, head, 0, 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
        assertTrue(Files.size(png) > 10_000, "a real image, not an empty canvas: " + Files.size(png));
    }

    @Test
    void aFailedCheckGivesExitCodeOne() {
        double[] t = StepGrid.standard();
        double[] linear = new double[t.length];
        double[] quadratic = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            linear[i] = 1e-2 * t[i];
            quadratic[i] = t[i] * t[i];
        }
        double[] floor = new double[t.length];
        CheckResult bad = CheckResult.judge("gradient", 2, t, linear, floor, Map.of(), List.of());
        CheckResult good = CheckResult.judge("gradient", 2, t, quadratic, floor, Map.of(), List.of());
        assertEquals(1, CheckCommand.exitCode(List.of(good, bad)));
        assertEquals(0, CheckCommand.exitCode(List.of(good)));
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path dir) {
        String[][] cases = {
            {"check", "--what", "jacobian"},
            {"check", "--plot", "out.pdf"},
            {"check", "--model", "banana"},
            {"check", "--init-scale", "0"},
            {"check", "--seed", "x"},
            {"check", "--model", "sphere", "--dim", "1"},
            {"check", "--plot", dir.resolve("no/such/dir/p.png").toString()},
        };
        for (String[] c : cases) {
            MainTest.Run r = MainTest.run(c);
            assertEquals(2, r.code, String.join(" ", c) + ": " + r.err);
            assertEquals(1, r.err.trim().split("\n").length, r.err);
            assertTrue(r.err.startsWith("ufm check: "), r.err);
        }
    }

    @Test
    void usageListsTheCommand() {
        assertTrue(MainTest.run("help").out.contains("check   Taylor checks"));
    }
}
