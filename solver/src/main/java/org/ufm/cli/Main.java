package org.ufm.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code ufm.jar}: {@code solve}, {@code check} (and later commands). Exit codes: 0 success, 2 bad
 * input (one line on stderr, never a stack trace), 1 an internal error, 3 the result was printed but the
 * trace file could not be written whole (disk full), 130 / 143 stopped by SIGINT (Ctrl-C) / SIGTERM after
 * printing the last iterate's result.
 */
public final class Main {

    /** Exit code: the result was printed, but writing the trace file failed (it is incomplete). */
    public static final int EXIT_TRACE_INCOMPLETE = 3;

    private Main() {
    }

    static final String USAGE = String.join("\n",
            "usage: java -jar ufm.jar <command> [options]",
            "commands:",
            "  solve   solve a UFM and certify the result (see README.md for every option)",
            "  check   Taylor checks of a model's gradient and Hessian and of its retraction",
            "          [--what gradient|hessian|retraction|all] [--seed s] [--json] [--plot FILE.png]",
            ReproduceCommand.usage(),
            MetricsCommand.usage(),
            CertifyCommand.usage(),
            SweepCommand.usage(),
            "  saddle  build SPEC 4's strict saddle (--model ce|sphere), show its negative curvature and the escape",
            "  help    print this message; help COMMAND (or COMMAND --help) lists the command's options",
            "  version print the version (also --version)");

    /**
     * Runs a command and exits with its code; a command that calls BLAS first relaunches itself once when
     * OpenBLAS's variables are unset ({@link Relaunch}, {@link org.ufm.compute.BlasConfig}).
     */
    public static void main(String[] args) {
        int relaunched = Relaunch.ifNeeded(args);
        if (relaunched >= 0) {
            System.exit(relaunched);
        }
        NativeLoad.inBackground(args);
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("ufm: missing command (try: java -jar ufm.jar help)");
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (Help.asked(rest) && Help.of(args[0]) != null) {
            out.println(Help.of(args[0]));
            return 0;
        }
        try {
            switch (args[0]) {
                case "solve":
                    return SolveCommand.run(rest, out, err);
                case "check":
                    return CheckCommand.run(rest, out, err);
                case "reproduce":
                    return ReproduceCommand.run(rest, out, err);
                case "sweep":
                    return SweepCommand.run(rest, out, err);
                case "saddle":
                    return SaddleCommand.run(rest, out, err);
                case "metrics":
                    return MetricsCommand.run(rest, out, err);
                case "certify":
                    return CertifyCommand.run(rest, out, err);
                case "help":
                case "--help":
                case "-h":
                    if (rest.size() == 1 && Help.of(rest.get(0)) != null) {
                        out.println(Help.of(rest.get(0)));
                    } else {
                        out.println(USAGE);
                    }
                    return 0;
                case "version":
                case "--version":
                    out.println("ufm " + Help.version());
                    return 0;
                default:
                    err.println("ufm: unknown command '" + args[0] + "' (try: java -jar ufm.jar help)");
                    return 2;
            }
        } catch (UsageException e) {
            err.println("ufm " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("ufm " + args[0] + ": out of memory; run java with a larger -Xmx or solve a smaller problem");
            return 2;
        } catch (RuntimeException e) {
            err.println("ufm " + args[0] + ": internal error: " + e);
            if (System.getenv("UFM_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }
}
