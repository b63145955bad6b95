package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 1, in a real process: SIGINT (Ctrl-C) during a solve ends the JVM within 2 s of the signal,
 * with exit code 130, the result printed and the trace flushed.
 */
class SignalProcessTest {

    @TempDir
    Path dir;

    @Test
    void sigintPrintsTheResultAndExitsWithin2Seconds() throws Exception {
        assumeFalse(sigintIgnoredHere(), "SIGINT is ignored by this JVM (a background job of a non-interactive "
                + "shell); a child would inherit that and never see the signal");
        Path trace = dir.resolve("t.csv");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "solve", "--model", "ce", "--classes", "10", "--per-class", "10", "--dim", "8", "--solver", "gd",
                "--step", "1e-6", "--tol", "0", "--max-iter", "2000000000", "--threads", "1", "--trace", trace.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (rows(trace) < 100 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive() && rows(trace) >= 100, "the solve is running and tracing");
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            long t0 = System.nanoTime();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the JVM ends after SIGINT");
            double seconds = (System.nanoTime() - t0) * 1e-9;
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(130, p.exitValue(), stdout + Files.readString(err, StandardCharsets.UTF_8));
            assertTrue(seconds < 2.0, "exited " + seconds + " s after SIGINT");
            assertTrue(stdout.contains("INTERRUPTED after") && stdout.contains("objective"), stdout);
            List<String> lines = Files.readAllLines(trace);
            assertTrue(lines.size() >= 100, "the trace was flushed: " + lines.size() + " lines");
            assertTrue(Files.readString(err).contains("interrupted; the distance to the optimum and the second-order "
                    + "certificate were skipped"));
        } finally {
            p.destroyForcibly();
        }
    }

    private static long rows(Path trace) throws Exception {
        if (!Files.exists(trace)) {
            return 0;
        }
        try (var s = Files.lines(trace)) {
            return s.count();
        }
    }

    /** True when SIGINT is ignored by this process (bit 2 of SigIgn in /proc/self/status). */
    private static boolean sigintIgnoredHere() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseLong(line.substring(7).trim(), 16);
                return (mask & 2L) != 0;
            }
        }
        return false;
    }
}
