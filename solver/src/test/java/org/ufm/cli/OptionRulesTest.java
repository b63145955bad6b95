package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.solver.Solvers;
import org.ufm.testing.ChildJvm;

/** Issue 17 item 7: an option that would have no effect is refused with one line, not silently ignored. */
class OptionRulesTest {

    private static Args args(String... argv) {
        return ModelOptions.parse(Arrays.asList(argv), SolveCommand.VALUES, SolveCommand.FLAGS);
    }

    @Test
    void everySolverOptionAppliesOnlyToItsSolver() {
        for (String solver : Solvers.names()) {
            String step = OptionRules.solverViolation(args("--step", "0.1"), solver);
            String memory = OptionRules.solverViolation(args("--memory", "5"), solver);
            String rule = OptionRules.solverViolation(args("--cg-rule", "fr"), solver);
            assertEquals("gd".equals(solver), step == null, solver + ": " + step);
            assertEquals("lbfgs".equals(solver), memory == null, solver + ": " + memory);
            assertEquals("cg".equals(solver), rule == null, solver + ": " + rule);
        }
        assertEquals("--step applies only to --solver gd (lbfgs does not use it)",
                OptionRules.solverViolation(args("--step", "0.1"), "lbfgs"));
        assertNull(OptionRules.solverViolation(args(), "gd"));
    }

    @Test
    void lambdaBNeedsABias() {
        UsageException e = assertThrows(UsageException.class,
                () -> new ModelOptions(args("--lambda-b", "0.1", "--no-bias")));
        assertEquals("--lambda-b does not apply with --no-bias (there is no bias to penalise)", e.getMessage());
        new ModelOptions(args("--lambda-b", "0.1"));
        new ModelOptions(args("--no-bias"));
    }

    @Test
    void negativeTolerancesAreRefused() {
        assertEquals(1e-3, OptionRules.tolerance(args("--gap-tol", "1e-3"), "gap-tol", 1), 0.0);
        assertEquals(0.0, OptionRules.tolerance(args("--gap-tol", "0"), "gap-tol", 1), 0.0);
        assertEquals(7.0, OptionRules.tolerance(args(), "gap-tol", 7), 0.0);
        UsageException e = assertThrows(UsageException.class,
                () -> OptionRules.tolerance(args("--gap-tol", "-1"), "gap-tol", 1));
        assertEquals("--gap-tol must be >= 0, got -1", e.getMessage());
    }

    @Test
    void theCommandLineRefusesEachIgnoredOptionFromTheIssue() {
        String[][] cases = {
            {"--lambda-b", "0.1", "--no-bias"},
            {"--solver", "lbfgs", "--step", "0.1"},
            {"--solver", "tr", "--step", "0.1"},
            {"--solver", "bb", "--step", "0.1"},
            {"--solver", "cg", "--step", "0.1"},
            {"--solver", "gd", "--memory", "3"},
            {"--solver", "lbfgs", "--cg-rule", "fr"},
            {"--gap-tol", "-1"},
            {"--gap-stop", "-1"},
            {"--tol", "-1e-9"},
            {"--threads", "0"},
            {"--threads", "100000"},
        };
        for (String[] c : cases) {
            String[] argv = new String[c.length + 2];
            argv[0] = "solve";
            argv[1] = "--no-hessian";
            System.arraycopy(c, 0, argv, 2, c.length);
            MainTest.Run r = MainTest.run(argv);
            assertEquals(2, r.code, String.join(" ", c) + ": " + r.err);
            assertEquals(1, r.err.trim().split("\n").length, r.err);
            assertEquals("", r.out);
        }
        MainTest.Run saddle = MainTest.run("saddle", "--tol", "-1");
        assertEquals(2, saddle.code, saddle.err);
        // a thread count beyond Chunks.MAX_THREADS is refused at once, not after starting threads until the OS refuses
        MainTest.Run threads = MainTest.run("solve", "--threads", "100000");
        assertTrue(threads.err.contains("--threads must be in 1..256, got 100000"), threads.err);
        MainTest.Run workers = MainTest.run("sweep", "spec.json", "--out", "out", "--workers", "100000");
        assertEquals(2, workers.code, workers.err);
        assertTrue(workers.err.contains("--workers must be in 1..256"), workers.err);
    }

    /** On a machine with more processors than Chunks.MAX_THREADS the default is the limit, not a refusal. */
    @Test
    void theDefaultThreadCountStaysWithinTheLimitOnAnyMachine(@TempDir Path dir) throws Exception {
        ChildJvm.Run run = ChildJvm.run(dir, Map.of(org.ufm.compute.BlasConfig.OPT_OUT, "1"),
                List.of("-XX:ActiveProcessorCount=300"), Main.class, "solve", "--classes", "3", "--per-class", "2",
                "--dim", "2", "--no-hessian", "--no-metrics", "--json");
        assertEquals(0, run.code(), run.err());
        String out = run.out();
        assertTrue(out.contains("\"threads\":" + org.ufm.compute.Chunks.MAX_THREADS), out);
    }
}
