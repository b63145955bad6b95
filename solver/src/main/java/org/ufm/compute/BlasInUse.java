package org.ufm.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What BLAS this process runs, for reports: netlib's implementation class, the native library actually mapped
 * into the process (read back from /proc/self/maps), and the OpenBLAS core type and thread count requested
 * through the environment with who set them ("ufm" after a relaunch by {@link BlasConfig}, "user", or unset).
 * OpenBLAS does not report the kernel it picked to a JNI caller, so the core type is the one requested.
 *
 * @param implementation dev.ludovic.netlib's BLAS class, e.g. {@code dev.ludovic.netlib.blas.JNIBLAS}
 * @param library        path of the mapped native BLAS library, or null (pure-Java BLAS, or not Linux)
 * @param coreType       {@code OPENBLAS_CORETYPE}, or null when OpenBLAS detects the CPU itself
 * @param coreTypeSetBy  "ufm", "user", or null when unset
 * @param threads        {@code OPENBLAS_NUM_THREADS}, or null when unset (OpenBLAS then uses every core)
 * @param threadsSetBy   "ufm", "user", or null when unset
 */
public record BlasInUse(String implementation, String library, String coreType, String coreTypeSetBy,
                        String threads, String threadsSetBy) {

    /** This process's BLAS (loads it through {@link Gemm} if it is not loaded yet). */
    public static BlasInUse current() {
        return of(Gemm.implementation(), mappedBlasLibrary(), System.getenv());
    }

    /** The report for a netlib class, a mapped library and an environment. */
    public static BlasInUse of(String implementation, String library, Map<String, String> env) {
        List<String> byUfm = Arrays.asList(env.getOrDefault(BlasConfig.MARKER, "").split(","));
        String core = env.get(BlasConfig.CORETYPE);
        String threads = env.get(BlasConfig.THREADS);
        return new BlasInUse(implementation, library, core, setBy(core, byUfm.contains(BlasConfig.CORETYPE)),
                threads, setBy(threads, byUfm.contains(BlasConfig.THREADS)));
    }

    private static String setBy(String value, boolean byUfm) {
        return value == null ? null : byUfm ? "ufm" : "user";
    }

    /** One line for the text report, e.g. "OpenBLAS (JNI) core type SkylakeX (set by ufm), 1 thread per call (set by ufm)". */
    public String describe() {
        String name = implementation.substring(implementation.lastIndexOf('.') + 1);
        StringBuilder sb = new StringBuilder();
        if (library != null && library.contains("openblas")) {
            sb.append("OpenBLAS (").append(name).append(") core type ");
            sb.append(coreType == null ? "detected by OpenBLAS" : coreType + " (set by " + coreTypeSetBy + ")");
            sb.append(", ").append(threads == null ? "its own threads" : threads + " thread" + ("1".equals(threads)
                    ? "" : "s") + " per call (set by " + threadsSetBy + ")");
        } else {
            sb.append(name).append(library == null ? "" : " (" + library + ")");
        }
        return sb.toString();
    }

    /** The first mapped shared library whose path names a BLAS (openblas, blas, mkl, blis), or null. */
    static String mappedBlasLibrary() {
        Path maps = Path.of("/proc/self/maps");
        try {
            String found = null;
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash);
                String file = path.substring(path.lastIndexOf('/') + 1);
                if (path.contains("openblas")) {
                    return path;
                }
                if (found == null && (file.startsWith("libblas") || file.contains("mkl") || file.contains("blis"))) {
                    found = path;
                }
            }
            return found;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
