package org.ufm.compute;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts {@link BlasConfig}'s variables into this process's C environment just before netlib loads OpenBLAS, so that
 * every way into the library runs the configuration the command line runs: one OpenBLAS thread per call, the
 * solver's threads calling it at once, the core type chosen from the CPU's flags. The command line sets them
 * earlier, at the start of {@code main} ({@code org.ufm.cli.Relaunch}); this covers the rest: {@code sweep}'s
 * workers, Spark's executors, the JMH benchmarks, a user's own Java. Without it those ran OpenBLAS's own threads
 * behind one lock (1.75 x the time of a 2-worker sweep) and its generic kernels on CPUs it does not know.
 *
 * <p>Nothing is set where {@link BlasConfig#toSet} has nothing to add (a variable set by the user is kept;
 * {@link BlasConfig#OPT_OUT}{@code =1}; already set here or by a relaunch), with {@link BlasConfig#RELAUNCH}{@code =1}
 * (the user asked for no {@code setenv}), or where a BLAS is already mapped into the process: it has read its
 * variables, and setting them now would make {@link Gemm} and the reports assume what it does not run.
 * {@code setenv} runs inside {@link Gemm}'s class initialisation, where another thread of the embedding program
 * could be reading the environment; glibc does not order the two. Embedders who mind set the variables themselves,
 * or {@code UFM_NO_REEXEC=1}.
 */
final class BlasEnvironment {

    private BlasEnvironment() {
    }

    /** Sets the variables (see the class comment); returns those set, empty when none. */
    static Map<String, String> beforeLoad() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(NativeEnvironment.setHere());
        if ("1".equals(env.get(BlasConfig.RELAUNCH))) {
            return Collections.emptyMap();
        }
        Map<String, String> vars = BlasConfig.toSet(env, BlasConfig.cpuFlags());
        if (vars.isEmpty() || BlasInUse.mappedBlasLibrary() != null || !NativeEnvironment.set(vars)) {
            return Collections.emptyMap();
        }
        return vars;
    }
}
