package org.ufm.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The relaunch decision: CPU flags to OpenBLAS core type, and which variables a run adds to its environment. */
class BlasConfigTest {

    private static final Set<String> SKYLAKEX = flags("fpu sse2 avx fma avx2 avx512f avx512dq avx512bw avx512vl");
    private static final Set<String> HASWELL = flags("fpu sse2 avx fma avx2");

    private static Set<String> flags(String s) {
        return new HashSet<>(Arrays.asList(s.split(" ")));
    }

    @Test
    void coreTypeFollowsTheVectorFlags() {
        assertEquals("SkylakeX", BlasConfig.coreTypeFor(SKYLAKEX));
        assertEquals("Haswell", BlasConfig.coreTypeFor(HASWELL));
        // AMD EPYC, family 25 model 17 (Zen 4; its vector flags as /proc/cpuinfo lists them): OpenBLAS 0.3.21 picks
        // Cooperlake there by itself, whose DGEMM is SkylakeX's (52.5 and 52.8 GFLOP/s on one thread, 2048^3)
        assertEquals("SkylakeX", BlasConfig.coreTypeFor(flags("fma avx avx2 avx512f avx512dq avx512ifma avx512cd "
                + "avx512bw avx512vl avx512_bf16 avx512vbmi avx512_vbmi2 avx512_vnni avx512_bitalg avx512_vpopcntdq")));
        // avx512f alone (Xeon Phi: no bw/dq/vl) cannot run the SkylakeX kernels, but has AVX2 and FMA
        assertEquals("Haswell", BlasConfig.coreTypeFor(flags("avx fma avx2 avx512f avx512cd")));
        assertNull(BlasConfig.coreTypeFor(flags("sse2 avx avx2")), "AVX2 without FMA: let OpenBLAS choose");
        assertNull(BlasConfig.coreTypeFor(flags("sse2 sse4_2 avx")));
        assertNull(BlasConfig.coreTypeFor(new HashSet<>()));
    }

    @Test
    void anEmptyEnvironmentGetsOneThreadAndTheCoreType() {
        Map<String, String> add = BlasConfig.additions(new HashMap<>(), SKYLAKEX);
        assertEquals(List.of("OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE"), List.copyOf(add.keySet()));
        assertEquals("1", add.get("OPENBLAS_NUM_THREADS"));
        assertEquals("SkylakeX", add.get("OPENBLAS_CORETYPE"));
        assertEquals(Map.of("OPENBLAS_NUM_THREADS", "1"), BlasConfig.additions(new HashMap<>(), flags("sse2")));
    }

    @Test
    void whatTheUserSetIsKept() {
        assertEquals(Map.of("OPENBLAS_CORETYPE", "Haswell"),
                BlasConfig.additions(Map.of("OPENBLAS_NUM_THREADS", "2"), HASWELL));
        assertEquals(Map.of("OPENBLAS_NUM_THREADS", "1"),
                BlasConfig.additions(Map.of("OPENBLAS_CORETYPE", "Zen"), SKYLAKEX));
        assertTrue(BlasConfig.additions(Map.of("OPENBLAS_CORETYPE", "Zen", "OPENBLAS_NUM_THREADS", "4"), SKYLAKEX)
                .isEmpty(), "both set: no relaunch");
    }

    @Test
    void theMarkerAndTheOptOutStopARelaunch() {
        assertTrue(BlasConfig.additions(Map.of(BlasConfig.MARKER, "OPENBLAS_NUM_THREADS"), SKYLAKEX).isEmpty(),
                "a relaunched process never relaunches again");
        assertTrue(BlasConfig.additions(Map.of(BlasConfig.MARKER, ""), SKYLAKEX).isEmpty());
        assertTrue(BlasConfig.additions(Map.of(BlasConfig.OPT_OUT, "1"), SKYLAKEX).isEmpty());
        assertEquals(2, BlasConfig.additions(Map.of(BlasConfig.OPT_OUT, "0"), SKYLAKEX).size());
    }

    @Test
    void whatIsSetNamesItselfInTheMarker() {
        Map<String, String> set = BlasConfig.toSet(Map.of("OPENBLAS_NUM_THREADS", "2"), SKYLAKEX);
        assertEquals(List.of("OPENBLAS_CORETYPE", BlasConfig.MARKER), List.copyOf(set.keySet()));
        assertEquals("OPENBLAS_CORETYPE", set.get(BlasConfig.MARKER), "the user's thread count is not claimed");
        assertEquals("OPENBLAS_NUM_THREADS,OPENBLAS_CORETYPE", BlasConfig.toSet(Map.of(), SKYLAKEX).get(BlasConfig.MARKER));
        assertTrue(BlasConfig.toSet(Map.of(BlasConfig.MARKER, "OPENBLAS_NUM_THREADS"), SKYLAKEX).isEmpty(),
                "nothing to add: no marker either");
    }

    @Test
    void readsTheFlagsLineOfCpuinfo() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 207\n"
                + "flags\t\t: fpu vme avx2 fma avx512f avx512dq avx512bw avx512vl\nbugs\t\t: spectre_v1\n"
                + "processor\t: 1\nflags\t\t: fpu\n";
        Set<String> f = BlasConfig.flags(cpuinfo);
        assertEquals("SkylakeX", BlasConfig.coreTypeFor(f));
        assertEquals(8, f.size());
        assertTrue(BlasConfig.flags("processor : 0\n").isEmpty());
    }

    @Test
    void theReportSaysWhoSetEachVariable() {
        BlasInUse b = BlasInUse.of("dev.ludovic.netlib.blas.JNIBLAS", "/usr/lib/openblas-pthread/libopenblasp.so",
                "SkylakeX", Map.of("OPENBLAS_CORETYPE", "SkylakeX", "OPENBLAS_NUM_THREADS", "1",
                        BlasConfig.MARKER, "OPENBLAS_NUM_THREADS"));
        assertEquals("user", b.coreTypeSetBy());
        assertEquals("ufm", b.threadsSetBy());
        assertTrue(b.concurrentCalls(), "one OpenBLAS thread per call: the solver's threads call it at once");
        assertEquals("OpenBLAS (JNIBLAS) kernel SkylakeX (core type SkylakeX set by user), 1 thread per call (set by ufm)",
                b.describe());
        BlasInUse unset = BlasInUse.of("dev.ludovic.netlib.blas.JNIBLAS", "/x/openblas/libblas.so.3", "Cooperlake",
                Map.of());
        assertNull(unset.coreType());
        assertNull(unset.threadsSetBy());
        assertFalse(unset.concurrentCalls(), "OpenBLAS's own threads: calls are serialised");
        assertEquals("OpenBLAS (JNIBLAS) kernel Cooperlake (detected by OpenBLAS), its own threads", unset.describe());
        assertEquals("F2jBLAS", BlasInUse.of("dev.ludovic.netlib.blas.F2jBLAS", null, null, Map.of()).describe());
    }
}
