package org.ufm.npy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a script under /usr/bin/python3 when it has NumPy (Debian's python3-numpy); tests skip that part otherwise. */
public final class PythonNumpy {

    private static Boolean available;

    private PythonNumpy() {
    }

    /** True when /usr/bin/python3 imports numpy. */
    public static synchronized boolean available() {
        if (available == null) {
            try {
                available = Files.isExecutable(Path.of("/usr/bin/python3")) && run("import numpy", Path.of(".")).isEmpty();
            } catch (IOException | RuntimeException e) {
                available = false;
            }
        }
        return available;
    }

    /** Runs the script in {@code dir}; returns its stdout; a non-zero exit is an IllegalStateException with stderr. */
    public static String run(String script, Path dir) throws IOException {
        Path f = Files.createTempFile("ufm-numpy", ".py");
        try {
            Files.writeString(f, script);
            Process p = new ProcessBuilder("/usr/bin/python3", f.toString()).directory(dir.toFile())
                    .redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("python timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("python failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
