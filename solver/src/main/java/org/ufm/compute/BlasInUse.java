package org.ufm.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What BLAS this process runs, for reports: netlib's implementation class, the native library actually mapped
 * into the process (read back from /proc/self/maps), the kernel OpenBLAS reports it loaded
 * ({@code openblas_get_corename}, {@link NativeEnvironment}), and the OpenBLAS core type and thread count requested
 * through the environment with who set them ("ufm" when {@link BlasConfig} set them, in this process or by a
 * relaunch; "user"; or unset).
 *
 * @param implementation dev.ludovic.netlib's BLAS class, e.g. {@code dev.ludovic.netlib.blas.JNIBLAS}
 * @param library        path of the mapped native BLAS library, or null (pure-Java BLAS, or not Linux)
 * @param kernel         OpenBLAS's own name for the kernel set it runs, read back, or null (not OpenBLAS, or no
 *                       read-back)
 * @param coreType       {@code OPENBLAS_CORETYPE}, or null when OpenBLAS detects the CPU itself
 * @param coreTypeSetBy  "ufm", "user", or null when unset
 * @param threads        {@code OPENBLAS_NUM_THREADS}, or null when unset (OpenBLAS then uses every core)
 * @param threadsSetBy   "ufm", "user", or null when unset
 * @param concurrentCalls whether the solver's threads call BLAS at once (false: serialised, OpenBLAS's own threads)
 */
public record BlasInUse(String implementation, String library, String kernel, String coreType, String coreTypeSetBy,
                        String threads, String threadsSetBy, boolean concurrentCalls) {

    /**
     * This process's BLAS (loads it through {@link Gemm} if it is not loaded yet), with the environment as the C side
     * sees it: Java's start-up copy plus what {@link NativeEnvironment#set} added.
     */
    public static BlasInUse current() {
        String implementation = Gemm.implementation();
        String library = mappedBlasLibrary();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(NativeEnvironment.setHere());
        String kernel = library != null && library.contains("openblas") ? NativeEnvironment.openBlasCoreName(library)
                : null;
        return of(implementation, library, kernel, env);
    }

    /**
     * The report for a netlib class, a mapped library, the kernel read back (or null) and an environment; calls
     * concurrent by {@link BlasConfig#concurrentCalls}, the rule {@link Gemm} applies.
     */
    public static BlasInUse of(String implementation, String library, String kernel, Map<String, String> env) {
        List<String> byUfm = Arrays.asList(env.getOrDefault(BlasConfig.MARKER, "").split(","));
        String core = env.get(BlasConfig.CORETYPE);
        String threads = env.get(BlasConfig.THREADS);
        return new BlasInUse(implementation, library, kernel, core, setBy(core, byUfm.contains(BlasConfig.CORETYPE)),
                threads, setBy(threads, byUfm.contains(BlasConfig.THREADS)),
                BlasConfig.concurrentCalls(implementation, threads));
    }

    private static String setBy(String value, boolean byUfm) {
        return value == null ? null : byUfm ? "ufm" : "user";
    }

    /**
     * One line for the text report, e.g. "OpenBLAS (JNIBLAS) kernel SkylakeX (core type SkylakeX set by ufm), 1 thread
     * per call (set by ufm)".
     */
    public String describe() {
        String name = implementation.substring(implementation.lastIndexOf('.') + 1);
        StringBuilder sb = new StringBuilder();
        if (library != null && library.contains("openblas")) {
            sb.append("OpenBLAS (").append(name).append(") kernel ").append(kernel == null ? "not reported" : kernel);
            sb.append(coreType == null ? " (detected by OpenBLAS)" : " (core type " + coreType + " set by "
                    + coreTypeSetBy + ")");
            sb.append(", ").append(threads == null ? "its own threads" : threads + " thread" + ("1".equals(threads)
                    ? "" : "s") + " per call (set by " + threadsSetBy + ")");
        } else {
            sb.append(name).append(library == null ? "" : " (" + library + ")");
        }
        return sb.toString();
    }

    /**
     * The mapped OpenBLAS library (file libopenblas*), else the first mapped library in an openblas directory, else the
     * first whose file names a BLAS (libblas, mkl, blis), or null.
     */
    static String mappedBlasLibrary() {
        // OpenBLAS itself first (Debian maps it as libopenblasp-r0.3.21.so); its libblas.so.3 / liblapack.so.3
        // wrappers in the same directory, whichever the loading order mapped first, only when it is absent
        String inOpenBlasDir = null;
        String found = null;
        for (String path : mappedFiles()) {
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (file.startsWith("libopenblas")) {
                return path;
            }
            if (inOpenBlasDir == null && path.contains("openblas")) {
                inOpenBlasDir = path;
            }
            if (found == null && (file.startsWith("libblas") || file.contains("mkl") || file.contains("blis"))) {
                found = path;
            }
        }
        return inOpenBlasDir != null ? inOpenBlasDir : found;
    }

    /** The paths of the files mapped into this process, one per line of /proc/self/maps; empty where unreadable. */
    static List<String> mappedFiles() {
        List<String> paths = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0) {
                    paths.add(line.substring(slash));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new ArrayList<>();
        }
        return paths;
    }
}
