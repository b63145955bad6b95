package org.ufm.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides the OpenBLAS environment a run needs, which OpenBLAS reads only once, when it is loaded:
 * {@code OPENBLAS_NUM_THREADS=1} (the solver's own threads call it concurrently; its own thread pool would
 * oversubscribe the cores) and {@code OPENBLAS_CORETYPE} from the CPU's flags (all of avx512f, avx512bw,
 * avx512dq, avx512vl: {@code SkylakeX}; avx2 and fma: {@code Haswell}; otherwise left to OpenBLAS), so that
 * an OpenBLAS that does not know the CPU still runs the vector kernels it has. A variable the user set is
 * kept; {@link #OPT_OUT}{@code =1} or the {@link #MARKER} of an earlier relaunch mean "change nothing".
 */
public final class BlasConfig {

    /**
     * Set with the variables, in this process or the relaunched one (value: the variables ufm set, comma-separated):
     * the reports' "set by ufm"; stops a second setting or relaunch.
     */
    public static final String MARKER = "UFM_BLAS_SET";
    /** {@code UFM_NO_REEXEC=1}: run in this process with the environment as it is. */
    public static final String OPT_OUT = "UFM_NO_REEXEC";
    /**
     * {@code UFM_RELAUNCH=1}: no {@code setenv} in this process; the command line relaunches the JVM with the variables
     * instead, the library (which cannot relaunch) leaves them unset.
     */
    public static final String RELAUNCH = "UFM_RELAUNCH";
    /** OpenBLAS's thread count variable. */
    public static final String THREADS = "OPENBLAS_NUM_THREADS";
    /** OpenBLAS's core type override (DYNAMIC_ARCH builds such as Debian's). */
    public static final String CORETYPE = "OPENBLAS_CORETYPE";

    private static final Set<String> AVX512 = Collections.unmodifiableSet(new HashSet<>(
            Arrays.asList("avx512f", "avx512bw", "avx512dq", "avx512vl")));

    private BlasConfig() {
    }

    /**
     * Whether the solver's threads may call the BLAS at once: exactly when it is not native (the pure-Java BLAS is
     * thread-safe) or {@code OPENBLAS_NUM_THREADS} (null: unset) is 1; {@link Gemm} serialises the calls otherwise.
     */
    public static boolean concurrentCalls(String implementation, String openBlasThreads) {
        return !implementation.contains("JNI") || "1".equals(openBlasThreads);
    }

    /** OpenBLAS core type for these /proc/cpuinfo flags: SkylakeX, Haswell, or null (let OpenBLAS choose). */
    public static String coreTypeFor(Set<String> cpuFlags) {
        if (cpuFlags.containsAll(AVX512)) {
            return "SkylakeX";
        }
        if (cpuFlags.contains("avx2") && cpuFlags.contains("fma")) {
            return "Haswell";
        }
        return null;
    }

    /**
     * The variables to add to {@code env} before OpenBLAS loads, in order; empty when nothing is to change
     * (every variable already set by the user, the opt-out set, or already relaunched).
     */
    public static Map<String, String> additions(Map<String, String> env, Set<String> cpuFlags) {
        Map<String, String> add = new LinkedHashMap<>();
        if (env.containsKey(MARKER) || "1".equals(env.get(OPT_OUT))) {
            return add;
        }
        if (!env.containsKey(THREADS)) {
            add.put(THREADS, "1");
        }
        String core = coreTypeFor(cpuFlags);
        if (!env.containsKey(CORETYPE) && core != null) {
            add.put(CORETYPE, core);
        }
        return add;
    }

    /**
     * What to put into the C environment before OpenBLAS loads: {@link #additions} and, when there are any,
     * {@link #MARKER} naming them (so that reports say "set by ufm" and a relaunched process changes nothing);
     * empty when nothing is to change.
     */
    public static Map<String, String> toSet(Map<String, String> env, Set<String> cpuFlags) {
        Map<String, String> vars = additions(env, cpuFlags);
        if (!vars.isEmpty()) {
            vars.put(MARKER, String.join(",", vars.keySet()));
        }
        return vars;
    }

    /** The flags of the first processor in a /proc/cpuinfo text (empty when there is no flags line). */
    public static Set<String> flags(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
            }
        }
        return Collections.emptySet();
    }

    /** This machine's CPU flags from /proc/cpuinfo (empty where it cannot be read, e.g. not Linux). */
    public static Set<String> cpuFlags() {
        try {
            return flags(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return Collections.emptySet();
        }
    }
}
