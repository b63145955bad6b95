package org.ufm.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ufm.compute.BlasConfig;
import org.ufm.compute.BlasEnvironment;
import org.ufm.compute.NativeEnvironment;

/**
 * Gives OpenBLAS the variables it reads only at load time ({@link BlasConfig#additions}) before it loads: in this
 * process by libc's {@code setenv} ({@link BlasEnvironment#beforeLoad}, which saves the 0.2-0.3 s of a second JVM), or,
 * where that is not possible or {@link BlasConfig#RELAUNCH}{@code =1}, by running the command in a child JVM: the
 * same command line (java binary, JVM options, jar or class path), the environment
 * plus those variables and {@link BlasConfig#MARKER}, inherited standard streams; the parent returns the
 * child's exit code. A signal that ends the parent (SIGINT, SIGTERM) reaches the child as SIGTERM through a
 * shutdown hook, which waits for the child to print its last iterate; the parent then exits 130 / 143.
 */
final class Relaunch {

    /** Commands that call BLAS; help (also {@code solve --help}), version and unknown commands run here. */
    static final Set<String> BLAS_COMMANDS = new HashSet<>(Arrays.asList(
            "solve", "check", "reproduce", "saddle", "metrics", "certify", "sweep"));

    private Relaunch() {
    }

    /** True when {@code args} run one of the {@link #BLAS_COMMANDS} for real (not its help). */
    static boolean callsBlas(String[] args) {
        return args.length > 0 && BLAS_COMMANDS.contains(args[0])
                && !Help.asked(Arrays.asList(args).subList(1, args.length));
    }

    /**
     * The child's exit code when the command was relaunched, or -1: run it in this process (with the variables set
     * here by {@code setenv}, or none needed).
     */
    static int ifNeeded(String[] args) {
        if (!callsBlas(args)) {
            return -1;
        }
        NativeEnvironment.noLdconfig();
        Map<String, String> withMarker = BlasEnvironment.needed();
        BlasEnvironment.Outcome here = BlasEnvironment.beforeLoad(withMarker);
        if (here != BlasEnvironment.Outcome.RELAUNCH_ASKED && here != BlasEnvironment.Outcome.SETENV_FAILED) {
            return -1;
        }
        List<String> same = sameCommandLine(args);
        ProcessBuilder pb = new ProcessBuilder(same != null ? same : command(args)).inheritIO();
        Map<String, String> env = pb.environment();
        env.putAll(withMarker);
        if (same == null) {
            // their options are already among the JVM's input arguments; applied twice they would print twice
            env.remove("JAVA_TOOL_OPTIONS");
            env.remove("JDK_JAVA_OPTIONS");
        }
        Process child;
        try {
            child = pb.start();
        } catch (IOException | RuntimeException e) {
            return -1; // no second JVM: run here, with OpenBLAS as the environment makes it
        }
        return waitFor(child);
    }

    /**
     * This process's own command line from /proc/self/cmdline (java, its options, -jar ufm.jar or the main
     * class, args) with the java binary as an absolute path; null where it cannot be read or does not end
     * with {@code args}. Reading it costs less start-up than the management API and keeps {@code -jar}.
     */
    static List<String> sameCommandLine(String[] args) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            String text = new String(raw, StandardCharsets.UTF_8);
            if (text.endsWith("\0")) {
                text = text.substring(0, text.length() - 1);
            }
            List<String> argv = new ArrayList<>(Arrays.asList(text.split("\0", -1)));
            if (argv.size() <= args.length
                    || !argv.subList(argv.size() - args.length, argv.size()).equals(Arrays.asList(args))) {
                return null;
            }
            String java = ProcessHandle.current().info().command().orElse(null);
            if (java != null) {
                argv.set(0, java);
            }
            return argv;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** java [this JVM's options] -cp [this class path] org.ufm.cli.Main args: where /proc is missing. */
    static List<String> command(String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private static int waitFor(Process child) {
        // SIGINT or SIGTERM to this JVM (or any other end of it) runs this hook: the child gets SIGTERM, prints
        // its last iterate as for its own signal, and this JVM exits with 128 + its signal once the child ended
        Thread hook = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(Interrupts.PRINT_WAIT_MS + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ufm-relaunch");
        Runtime.getRuntime().addShutdownHook(hook);
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the run ends
            }
        }
    }
}
