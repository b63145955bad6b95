package org.ufm.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.NativeLibrary;
import java.lang.ref.Reference;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.testing.ChildJvm;

/**
 * In child JVMs that use the library without the command line (as sweep's workers, Spark's executors, the JMH
 * benchmarks and users' own Java do): loading BLAS through {@link Gemm} sets OpenBLAS's variables first, so the
 * solver's threads call it at once with the core type from the CPU; a variable the user set is kept; the opt-out and
 * the relaunch switch set nothing; where a BLAS is already loaded into the process nothing is set and the calls stay
 * serialised, while a data file whose path merely names OpenBLAS does not count as one.
 */
class BlasEnvironmentProcessTest {

    @TempDir
    Path dir;

    /**
     * Child main: optionally loads a shared object first (args[0] = its path) or maps a data file (args[0] = "map:"
     * and its path), then prints this process's BLAS report.
     */
    public static final class Report {
        public static void main(String[] args) throws Exception {
            MappedByteBuffer mapped = null;
            if (args.length > 0 && args[0].startsWith("map:")) {
                try (FileChannel ch = FileChannel.open(Path.of(args[0].substring(4)))) {
                    mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                }
            } else if (args.length > 0) {
                NativeLibrary.getInstance(args[0]);
            }
            double[] c = new double[1];
            Gemm.dgemm(false, false, 1, 1, 1, 1.0, new double[] {2.0}, 0, 1, new double[] {3.0}, 0, 1, 0.0, c, 0, 1);
            BlasInUse b = BlasInUse.current();
            System.out.println(c[0] + "|" + b.threads() + "|" + b.threadsSetBy() + "|" + b.coreType() + "|"
                    + b.coreTypeSetBy() + "|" + b.concurrentCalls() + "|" + b.library());
            Reference.reachabilityFence(mapped); // mapped until BLAS has loaded
        }
    }

    @Test
    void theLibraryAloneSetsOneThreadPerCallAndTheCoreType() throws Exception {
        String[] r = report(Map.of());
        assertEquals("6.0", r[0]);
        assumeTrue(r[6].contains("openblas"), "OpenBLAS is installed");
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
    void theRelaunchSwitchSetsNothingInTheLibrary() throws Exception {
        String[] r = report(Map.of(BlasConfig.RELAUNCH, "1"));
        assumeTrue(r[6].contains("openblas"), "OpenBLAS is installed");
        assertEquals("null|null|false", r[1] + "|" + r[3] + "|" + r[5], "no setenv wanted, and the library cannot relaunch");
    }

    @Test
    void aMappedFileWhosePathNamesOpenBlasIsNotABlas() throws Exception {
        Path notes = Files.createDirectories(dir.resolve("openblas-notes"));
        Path data = Files.write(notes.resolve("libopenblas-published.bin"), new byte[4096]);
        String[] r = report(Map.of(), "map:" + data);
        assumeTrue(r[6].contains("openblas"), "OpenBLAS is installed");
        assertEquals("1|ufm|true", r[1] + "|" + r[2] + "|" + r[5], "a data file is not a loaded BLAS");
    }

    @Test
    void onlySharedObjectsOfABlasCountAsLoaded() {
        for (String yes : new String[] {"/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so",
                "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3", "/usr/lib/x86_64-linux-gnu/liblapack.so.3",
                "/opt/intel/oneapi/mkl/lib/libmkl_rt.so.2", "/usr/lib/libblis.so.4", "/usr/lib/libflexiblas.so.3",
                "/usr/lib/libopenblas.so"}) {
            assertTrue(BlasEnvironment.isBlasObject(yes), yes);
        }
        for (String no : new String[] {"/tmp/openblas-notes/data.bin", "/tmp/d/published.bin", "/tmp/d/x.mkl",
                "/usr/lib/openblas-pthread/notes.txt", "/usr/lib/x86_64-linux-gnu/libc.so.6",
                "/tmp/libopenblas-published.bin"}) {
            assertFalse(BlasEnvironment.isBlasObject(no), no);
        }
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
