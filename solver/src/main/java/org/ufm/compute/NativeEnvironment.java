package org.ufm.compute;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The C side of this process through JNA: libc's {@code setenv}, so that OpenBLAS, which reads its variables only
 * when it is loaded, sees the ones {@link BlasConfig} chooses without a second JVM; and OpenBLAS's own report of the
 * kernel it loaded ({@code openblas_get_corename}).
 *
 * <p>Java's {@link System#getenv()} is a copy taken at start-up and does not see {@code setenv}: the variables set
 * here are kept in {@link #setHere()} for the reports. {@code setenv} is called once per variable before any BLAS
 * loads ({@link BlasEnvironment}): at the start of {@code main} on the command line, while no thread of ours runs,
 * and otherwise in {@link Gemm}'s class initialisation, where threads of an embedding program may run; glibc's
 * {@code getenv} is not synchronised with it.
 */
public final class NativeEnvironment {

    private static final Map<String, String> SET_HERE = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * JNA's {@code NativeLibrary} runs {@code /sbin/ldconfig -p} in its static initialiser, a subprocess of about 30 ms,
     * to build a library search path, unless the system property {@value #JNA_PATH} is set. The libraries opened here
     * need no search (libc is the process itself, OpenBLAS an absolute path), so the command line sets the property
     * to the JVM's own {@code java.library.path} where the user has not ({@link #noLdconfig}).
     */
    static final String JNA_PATH = "jna.platform.library.path";

    private NativeEnvironment() {
    }

    /**
     * Sets {@value #JNA_PATH} where the user has not, before JNA loads: the command line's start-up saving. Not
     * called by the library, which leaves an embedding program's JNA searching as it would.
     */
    public static void noLdconfig() {
        if (System.getProperty(JNA_PATH) == null) {
            System.setProperty(JNA_PATH, System.getProperty("java.library.path", ""));
        }
    }

    /**
     * Sets each variable in this process's C environment (libc {@code setenv}, overwriting); true when every call
     * succeeded. False, with nothing recorded, where JNA or libc cannot be loaded (another OS, no writable
     * directory for JNA's native stub) or a call fails: the caller then relaunches with the variables instead.
     */
    public static boolean set(Map<String, String> vars) {
        try {
            Function setenv = NativeLibrary.getInstance("c").getFunction("setenv");
            for (Map.Entry<String, String> e : vars.entrySet()) {
                if (setenv.invokeInt(new Object[] {e.getKey(), e.getValue(), 1}) != 0) {
                    return false;
                }
            }
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
        SET_HERE.putAll(vars);
        return true;
    }

    /** The value of {@code name} in the C environment: what {@link #set} put there, else Java's start-up copy. */
    public static String getenv(String name) {
        String here = SET_HERE.get(name);
        return here != null ? here : System.getenv(name);
    }

    /** The variables {@link #set} put into this process's environment (empty when none). */
    public static Map<String, String> setHere() {
        synchronized (SET_HERE) {
            return new LinkedHashMap<>(SET_HERE);
        }
    }

    /**
     * OpenBLAS's name for the kernel set it loaded ({@code openblas_get_corename()}, e.g. "SkylakeX", "Haswell",
     * "Prescott" for the generic fallback) from the library at {@code path}, already mapped; null where the library
     * has no such function (not OpenBLAS) or JNA cannot call it.
     */
    public static String openBlasCoreName(String path) {
        try {
            return NativeLibrary.getInstance(path).getFunction("openblas_get_corename").invokeString(new Object[0],
                    false).trim();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }
}
