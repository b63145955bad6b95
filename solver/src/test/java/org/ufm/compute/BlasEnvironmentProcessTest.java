package org.ufm.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.testing.ChildJvm;

/**
 * In child JVMs that use the library without the command line (as sweep's workers, Spark's executors, the JMH
 * benchmarks and users' own Java do): loading BLAS through {@link Gemm} sets OpenBLAS's variables first, so the
 * solver's threads call it at once with the core type from the CPU; a variable the user set is kept; where a BLAS is
 * already mapped into the process nothing is set and the calls stay serialised.
 */
class BlasEnvironmentProcessTest {

    @TempDir
    Path dir;

    /** Child main: optionally maps OpenBLAS first (args[0] = its path), then prints this process's BLAS report. */
    public static final class Report {
        public static void main(String[] args) {
            if (args.length > 0) {
                NativeLibrary.getInstance(args[0]);
            }
            double[] c = new double[1];
            Gemm.dgemm(false, false, 1, 1, 1, 1.0, new double[] {2.0}, 0, 1, new double[] {3.0}, 0, 1, 0.0, c, 0, 1);
            BlasInUse b = BlasInUse.current();
            System.out.println(c[0] + "|" + b.threads() + "|" + b.threadsSetBy() + "|" + b.coreType() + "|"
                    + b.coreTypeSetBy() + "|" + b.concurrentCalls() + "|" + b.library());
        }
    }

    @Test
    void theLibraryAloneSetsOneThreadPerCallAndTheCoreType() throws Exception {
        String[] r = report(Map.of());
        assertEquals("6.0", r[0]);
        if (!r[6].contains("openblas")) {
            return; // no OpenBLAS here: nothing to configure, netlib's Java BLAS runs (checked below)
        }
        assertEquals("1|ufm", r[1] + "|" + r[2], "one OpenBLAS thread per call, set by the library");
        String core = BlasConfig.coreTypeFor(BlasConfig.cpuFlags());
        assertEquals(core == null ? "null|null" : core + "|ufm", r[3] + "|" + r[4]);
        assertEquals("true", r[5], "the solver's threads call OpenBLAS at once");
    }

    @Test
    void aVariableTheUserSetIsKept() throws Exception {
        String[] r = report(Map.of("OPENBLAS_NUM_THREADS", "2"));
        assumeTrue(r[6].contains("openblas"), "OpenBLAS is installed");
        assertEquals("2|user|false", r[1] + "|" + r[2] + "|" + r[5], "the user's threads: calls serialised");
    }

    @Test
    void theOptOutSetsNothing() throws Exception {
        String[] r = report(Map.of(BlasConfig.OPT_OUT, "1"));
        assumeTrue(r[6].contains("openblas"), "OpenBLAS is installed");
        assertEquals("null|null|null|false", r[1] + "|" + r[2] + "|" + r[3] + "|" + r[5]);
    }

    @Test
    void aBlasMappedBeforeGemmLoadsIsLeftAsItIs() throws Exception {
        String openBlas = report(Map.of())[6];
        assumeTrue(openBlas.contains("openblas"), "OpenBLAS is installed");
        String[] r = report(Map.of(), openBlas);
        assertEquals("6.0", r[0]);
        assertEquals("null|null|false", r[1] + "|" + r[3] + "|" + r[5],
                "OpenBLAS read its environment before Gemm: nothing is claimed, the calls stay serialised");
    }

    private String[] report(Map<String, String> env, String... args) throws Exception {
        ChildJvm.Run run = ChildJvm.run(dir, env, Report.class, args);
        assertEquals(0, run.code(), run.err());
        String text = run.out().strip();
        String[] r = text.split("\\|", -1);
        assertEquals(7, r.length, text);
        return r;
    }
}
