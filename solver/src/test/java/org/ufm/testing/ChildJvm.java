package org.ufm.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a child JVM on this JVM's class path, with OpenBLAS's and ufm's variables removed from the
 * environment and then {@code env} added, so that each test says exactly what the child's environment holds. The
 * child's output goes to files, not pipes: a child that fills one pipe while the test reads the other never blocks.
 */
public final class ChildJvm {

    /** What the child did: its exit code and its two output streams. */
    public record Run(int code, String out, String err) {
    }

    private ChildJvm() {
    }

    /** Runs {@code main} with {@code args} (outputs kept in files under {@code dir}); fails the test after 120 s. */
    public static Run run(Path dir, Map<String, String> env, Class<?> main, String... args) throws Exception {
        return run(dir, env, List.of(), main, args);
    }

    /** As {@link #run(Path, Map, Class, String...)} with {@code jvmOptions} (such as -Xmx48m) before the class path. */
    public static Run run(Path dir, Map<String, String> env, List<String> jvmOptions, Class<?> main, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("OPENBLAS_") || k.startsWith("UFM_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ends");
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
