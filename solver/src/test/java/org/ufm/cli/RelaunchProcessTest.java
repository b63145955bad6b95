package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.compute.BlasConfig;
import org.ufm.testing.ChildJvm;
import org.ufm.testing.ChildJvm.Run;

/**
 * In real processes: {@code ufm solve} started without OpenBLAS's variables sets them (in its own process by
 * {@code setenv}, or with {@code UFM_RELAUNCH=1} by relaunching itself), OpenBLAS loads the kernel they name, and the
 * JSON reports both; variables the user set are kept and reported as the user's.
 */
class RelaunchProcessTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheVariablesTheJsonReportsTheCoreTypeChosenFromTheCpu() throws Exception {
        coreTypeChosenFromTheCpu(Map.of("OPENBLAS_VERBOSE", "2"));
    }

    @Test
    void theRelaunchSetsTheSameVariablesAsTheProcessItself() throws Exception {
        coreTypeChosenFromTheCpu(Map.of("OPENBLAS_VERBOSE", "2", BlasConfig.RELAUNCH, "1"));
        String here = blasObject(solve(Map.of()).out());
        String relaunched = blasObject(solve(Map.of(BlasConfig.RELAUNCH, "1")).out());
        assertEquals(here, relaunched);
    }

    private void coreTypeChosenFromTheCpu(Map<String, String> env) throws Exception {
        String expected = BlasConfig.coreTypeFor(BlasConfig.cpuFlags());
        Run run = solve(env);
        assertEquals(0, run.code(), run.err());
        String blas = blasObject(run.out());
        // and the solver's threads call OpenBLAS at once: the variable set in this process is the one Gemm reads
        assertTrue(blas.contains("\"openblasThreads\":\"1\",\"openblasThreadsSetBy\":\"ufm\","
                + "\"concurrentCalls\":true"), blas);
        if (expected == null) {
            assertTrue(blas.contains("\"coreType\":null"), blas);
        } else {
            assertTrue(blas.contains("\"coreType\":\"" + expected + "\",\"coreTypeSetBy\":\"ufm\""), blas);
            if (blas.contains("openblas")) {
                // the kernel OpenBLAS reports it loaded (openblas_get_corename) is the one asked for
                assertTrue(blas.contains("\"kernel\":\"" + expected + "\""), blas);
            }
            // OpenBLAS (DYNAMIC_ARCH) names the kernel it loaded on stderr when OPENBLAS_VERBOSE=2
            Matcher core = Pattern.compile("Core: (\\w+)").matcher(run.err());
            if (core.find()) {
                assertEquals(expected, core.group(1), run.err());
            }
        }
        assertEquals(-1, run.err().indexOf("Exception"), run.err());
    }

    @Test
    void sweepCellsCallOpenBlasAtOnceLikeSolve() throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"model\": \"ce\", \"classes\": 4, \"per-class\": 5, \"dim\": 8, "
                + "\"no-hessian\": true, \"grid\": {\"seed\": [1, 2]}}");
        Path out = dir.resolve("sweep");
        Run run = start(Map.of(), "sweep", spec.toString(), "--out", out.toString(), "--workers", "2", "--json");
        assertEquals(0, run.code(), run.err());
        // the summary names the BLAS the cells ran, as solve's JSON does
        assertTrue(blasObject(run.out()).contains("\"openblasThreadsSetBy\":\"ufm\",\"concurrentCalls\":true"),
                run.out());
        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        assertEquals(2, lines.size());
        for (String line : lines) {
            // before, sweep was not among the commands that set the variables: OpenBLAS's own threads, calls
            // serialised. Now both the command line (Relaunch.BLAS_COMMANDS, pinned by RelaunchTest) and the library
            // (Gemm's BlasEnvironment) set them; this checks the result, either alone passes it
            assertTrue(blasObject(line).contains("\"openblasThreads\":\"1\",\"openblasThreadsSetBy\":\"ufm\","
                    + "\"concurrentCalls\":true"), line);
        }
    }

    @Test
    void variablesTheUserSetAreKept() throws Exception {
        Run run = solve(Map.of("OPENBLAS_NUM_THREADS", "2", "OPENBLAS_CORETYPE", "Haswell"));
        assertEquals(0, run.code(), run.err());
        String blas = blasObject(run.out());
        assertTrue(blas.contains("\"coreType\":\"Haswell\",\"coreTypeSetBy\":\"user\","
                + "\"openblasThreads\":\"2\",\"openblasThreadsSetBy\":\"user\",\"concurrentCalls\":false"), blas);
    }

    @Test
    void theOptOutRunsWithTheEnvironmentAsItIs() throws Exception {
        Run run = solve(Map.of(BlasConfig.OPT_OUT, "1"));
        assertEquals(0, run.code(), run.err());
        assertTrue(blasObject(run.out()).contains("\"coreType\":null,\"coreTypeSetBy\":null,\"openblasThreads\":null"),
                run.out());
    }

    @Test
    void badInputInTheRelaunchedProcessStillExitsWith2AndOneLine() throws Exception {
        Run run = start(Map.of(), "solve", "--model", "ce", "--classes", "-3");
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void sigtermToTheFirstJvmReachesTheRelaunchedOneWhichPrintsItsLastIterate() throws Exception {
        Path trace = dir.resolve("t.csv");
        Path out = dir.resolve("term-out.txt");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "solve", "--model", "ce", "--classes", "10", "--per-class", "10", "--dim", "8", "--solver", "gd",
                "--step", "1e-6", "--tol", "0", "--max-iter", "2000000000", "--threads", "1", "--trace",
                trace.toString()).redirectOutput(out.toFile()).redirectError(dir.resolve("term-err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("OPENBLAS_") || k.equals(BlasConfig.MARKER)
                || k.equals(BlasConfig.OPT_OUT));
        pb.environment().put(BlasConfig.RELAUNCH, "1");
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((!Files.exists(trace) || Files.size(trace) < 4096) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            List<ProcessHandle> children = p.children().collect(Collectors.toList());
            assertEquals(1, children.size(), "relaunched once");
            p.destroy(); // SIGTERM to the first JVM only
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the first JVM ends");
            assertEquals(143, p.exitValue());
            assertTrue(children.get(0).onExit().get(10, TimeUnit.SECONDS) != null && !children.get(0).isAlive());
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(stdout.contains("INTERRUPTED after") && stdout.contains("objective"), stdout);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private Run solve(Map<String, String> env) throws Exception {
        return start(env, "solve", "--model", "ce", "--classes", "4", "--per-class", "5", "--dim", "8", "--json");
    }

    private static String blasObject(String json) {
        Matcher m = Pattern.compile("\"blas\":\\{[^}]*\\}").matcher(json);
        assertTrue(m.find(), json);
        return m.group();
    }

    private Run start(Map<String, String> env, String... args) throws Exception {
        return ChildJvm.run(dir, env, Main.class, args);
    }
}
