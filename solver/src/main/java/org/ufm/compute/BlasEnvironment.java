package org.ufm.compute;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Puts {@link BlasConfig}'s variables into this process's C environment before OpenBLAS loads, so that every way
 * into the library runs the configuration the command line runs: one OpenBLAS thread per call, the solver's threads
 * calling it at once, the core type chosen from the CPU's flags. The command line calls {@link #beforeLoad} at the
 * start of {@code main} ({@code org.ufm.cli.Relaunch}, which relaunches the JVM where it returns
 * {@link Outcome#SETENV_FAILED} or {@link Outcome#RELAUNCH_ASKED}); {@link Gemm}'s class initialisation calls it
 * again, for the rest: Spark's executors, the JMH benchmarks, a user's own Java. Without it those ran OpenBLAS's own
 * threads behind one lock (1.75 x the time of a 2-worker sweep) and its generic kernels on CPUs it does not know.
 *
 * <p>Each variable is set only where it is unset ({@link BlasConfig#additions}); nothing is set with
 * {@link BlasConfig#OPT_OUT}{@code =1}, after an earlier setting or a relaunch ({@link BlasConfig#MARKER}), with
 * {@link BlasConfig#RELAUNCH}{@code =1} (no {@code setenv} wanted), or where a BLAS or LAPACK shared object is already
 * mapped into the process: it has read its variables, and setting them now would make {@link Gemm} and the reports
 * assume what it does not run. Called from {@link Gemm}'s class initialisation, {@code setenv} may run while another
 * thread of the embedding program reads the environment, which glibc does not order; embedders who mind set the
 * variables themselves, or {@code UFM_NO_REEXEC=1}.
 */
public final class BlasEnvironment {

    /** What {@link #beforeLoad} did. */
    public enum Outcome {
        /** Every variable was already as wanted (set by the user, the opt-out, an earlier call or a relaunch). */
        NOTHING_TO_SET,
        /** Set in this process's C environment. */
        SET,
        /** {@link BlasConfig#RELAUNCH}{@code =1}: not set here. */
        RELAUNCH_ASKED,
        /** A BLAS is already mapped into the process: not set. */
        BLAS_ALREADY_LOADED,
        /** {@code setenv} could not be called (JNA or libc not loadable): not set. */
        SETENV_FAILED
    }

    /** File names of BLAS and LAPACK shared objects: OpenBLAS, reference BLAS / LAPACK, MKL, BLIS, FlexiBLAS. */
    private static final Pattern BLAS_OBJECT = Pattern.compile(
            "(libopenblas|libblas|liblapack|libmkl_|libblis|libflexiblas|libcblas)[^/]*\\.so(\\.[0-9.]+)?");

    private BlasEnvironment() {
    }

    /** The variables this process still needs, with {@link BlasConfig#MARKER} (empty when none): {@link BlasConfig#toSet}. */
    public static Map<String, String> needed() {
        Map<String, String> here = NativeEnvironment.setHere();
        if (here.containsKey(BlasConfig.MARKER)) {
            return new HashMap<>(); // set earlier in this process (the command line's start): no second read of the CPU
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(here);
        return BlasConfig.toSet(env, BlasConfig.cpuFlags());
    }

    /** Sets {@link #needed()} here where the class comment allows; says what it did. */
    public static Outcome beforeLoad() {
        return beforeLoad(needed());
    }

    /** As {@link #beforeLoad()} for {@code vars}, the {@link #needed()} a caller already holds (to relaunch with). */
    public static Outcome beforeLoad(Map<String, String> vars) {
        if (vars.isEmpty()) {
            return Outcome.NOTHING_TO_SET;
        }
        if ("1".equals(System.getenv(BlasConfig.RELAUNCH))) {
            return Outcome.RELAUNCH_ASKED;
        }
        if (blasMapped()) {
            return Outcome.BLAS_ALREADY_LOADED;
        }
        return NativeEnvironment.set(vars) ? Outcome.SET : Outcome.SETENV_FAILED;
    }

    /** True when a file mapped into this process is a BLAS or LAPACK shared object ({@link #isBlasObject}). */
    static boolean blasMapped() {
        for (String path : BlasInUse.mappedFiles()) {
            if (isBlasObject(path)) {
                return true;
            }
        }
        return false;
    }

    /** True when the file name of {@code path} is a BLAS or LAPACK shared object (not merely a path naming one). */
    static boolean isBlasObject(String path) {
        return BLAS_OBJECT.matcher(path.substring(path.lastIndexOf('/') + 1)).matches();
    }
}
