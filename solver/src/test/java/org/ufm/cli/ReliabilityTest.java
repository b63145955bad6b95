package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: the command line under hostile input (each test names its item). */
class ReliabilityTest {

    @TempDir
    Path dir;

    static MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    static void assertOneLineRefusal(MainTest.Run r, String fragment) {
        assertEquals(2, r.code, r.out + r.err);
        assertEquals(1, r.err.trim().split("\n").length, "one line: " + r.err);
        assertTrue(r.err.contains(fragment), r.err);
        assertTrue(r.out.isEmpty(), r.out);
    }

    @Test
    void item3FullDiskKeepsTheResultAndExitsWithCode3() {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs Linux's /dev/full");
        MainTest.Run r = run("solve", "--trace", "/dev/full", "--json", "--no-hessian");
        assertEquals(Main.EXIT_TRACE_INCOMPLETE, r.code, r.err);
        assertTrue(r.out.contains("\"stopReason\":\"CONVERGED\""), r.out);
        assertEquals(1, r.err.trim().split("\n").length, r.err);
        assertTrue(r.err.contains("cannot write the trace file /dev/full: No space left on device; the trace is "
                + "incomplete, the result printed is complete"), r.err);
    }

    @Test
    void item11IoErrorsSayWhyNotThePathTwice() throws Exception {
        Path missing = dir.resolve("no-such-dir").resolve("t.csv");
        assertOneLineRefusal(run("solve", "--trace", missing.toString()),
                "cannot write the trace file " + missing + ": no such directory " + missing.getParent());
        assertOneLineRefusal(run("solve", "--trace", dir.toString()),
                "cannot write the trace file " + dir + ": Is a directory");
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        assertOneLineRefusal(run("solve", "--trace", file.resolve("t.csv").toString()), "Not a directory");
        Path plot = dir.resolve("no-such-dir").resolve("p.png");
        assertOneLineRefusal(run("check", "--plot", plot.toString()),
                "cannot write the plot file " + plot + ": no such directory " + plot.getParent());
        assertEquals("Read-only file system", IoErrors.reason(Path.of("/x"),
                new java.nio.file.FileSystemException("/x", null, "Read-only file system")));
        assertEquals("Permission denied", IoErrors.reason(dir.resolve("p.png"),
                new java.io.FileNotFoundException(dir.resolve("p.png") + " (Permission denied)")));
        if (Files.isDirectory(Path.of("/proc"))) {
            assertOneLineRefusal(run("solve", "--trace", "/proc/x.csv"),
                    "cannot write the trace file /proc/x.csv: no such file, and /proc does not allow creating it");
        }
    }

    @Test
    void item4HugeClassCountsAreRefusedNotAnInternalError() {
        for (String k : new String[] {"9000000", "16777216"}) {
            assertOneLineRefusal(run("solve", "--model", "ce", "--classes", k, "--per-class", "1", "--dim", "1",
                    "--no-bias", "--solver", "gd", "--step", "0.1", "--max-iter", "1", "--no-hessian", "--threads", "1"),
                    "GiB of logit blocks");
        }
    }

    @Test
    void item8NonFiniteStartsHaveNoMetricsAndAreNamedAsSuch() {
        MainTest.Run r = run("solve", "--init-scale", "1e300", "--json", "--no-hessian");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"stopReason\":\"NOT_FINITE\""), r.out);
        assertTrue(r.out.contains("\"metrics\":null,\"metricsNote\":\"undefined: not finite at this point"), r.out);
        assertTrue(r.out.contains("\"distanceToOptimum\":null"), r.out);
        MainTest.Run text = run("solve", "--init-scale", "1e300", "--no-hessian");
        assertTrue(text.out.contains("metrics     undefined: not finite at this point"), text.out);
        assertOneLineRefusal(run("check", "--init-scale", "1e300"), "the start is not finite (f = NaN at --init-scale 1.0E300)");
        assertOneLineRefusal(run("saddle", "--model", "sphere", "--tau", "1e300"),
                "the Hessian at the saddle is not finite (lambda_min = NaN)");
    }

    @Test
    void item9TheWordsFitTheCase() {
        MainTest.Run r = run("solve", "--lambda-w", "0", "--no-hessian", "--max-iter", "50");
        assertTrue(r.out.contains("optimum     none: with lambda_W = 0 the infimum is approached by rescaling"), r.out);
        assertTrue(r.out.contains("lambda_W=0.0,") && !r.out.contains("d too small"), r.out);
        MainTest.Run origin = run("solve", "--init-scale", "1e-320", "--no-hessian");
        assertTrue(origin.out.contains("W = H = 0 is a strict saddle below the threshold (SPEC 4.1)"), origin.out);
        assertTrue(!origin.out.contains("the minimiser above the threshold"), origin.out);
        MainTest.Run negZero = run("solve", "--lambda-w", "-0.0", "--no-hessian", "--max-iter", "5");
        assertTrue(negZero.out.contains("lambda_W=0.0,") && !negZero.out.contains("-0.0"), negZero.out);
        MainTest.Run saddle = run("saddle", "--lambda-w", "1", "--lambda-h", "1");
        assertEquals(0, saddle.code, saddle.err);
        assertTrue(saddle.out.contains("negative    0 eigenvalues below -1.0E-8 (predicted 0)"), saddle.out);
    }

    @Test
    void item13TheSphereWithDimensionOneHasNothingToOptimise() {
        for (String command : new String[] {"solve", "check"}) {
            assertOneLineRefusal(run(command, "--model", "sphere", "--dim", "1"),
                    "the sphere model with --dim 1 has no free direction (every column is a point of S^0, +-1): "
                            + "there is nothing to optimise; use --dim >= 2");
        }
        MainTest.Run two = run("solve", "--model", "sphere", "--dim", "2", "--no-hessian", "--json");
        assertEquals(0, two.code, two.err);
    }
}
