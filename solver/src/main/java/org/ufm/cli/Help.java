package org.ufm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * {@code --version} (the version of the build, from a resource Maven fills in) and per-command help
 * ({@code ufm COMMAND --help}): the command's line of {@link Main#USAGE} and every option it accepts, taken
 * from the same option sets the parser uses, so the help cannot fall out of date.
 */
final class Help {

    private Help() {
    }

    /** The build's version, e.g. "0.1.0-SNAPSHOT", or "unknown" when run from unfiltered classes. */
    static String version() {
        try (InputStream in = Help.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** True when the arguments after a command ask for its help. */
    static boolean asked(List<String> rest) {
        return rest.contains("--help") || rest.contains("-h");
    }

    /** The help of {@code command}, or null for a command without options of its own. */
    static String of(String command) {
        switch (command) {
            case "solve":
                return text("solve", "solve a UFM from a seeded random start and certify the result",
                        SolveCommand.VALUES, SolveCommand.FLAGS, true);
            case "check":
                return text("check", "Taylor checks of a model's gradient and Hessian and of its retraction",
                        CheckCommand.VALUES, CheckCommand.FLAGS, true);
            case "saddle":
                return text("saddle", "build SPEC 4's strict saddle (--model ce|sphere), show its negative curvature "
                        + "and the escape", SaddleCommand.VALUES, SaddleCommand.FLAGS, true);
            case "certify":
                return text("certify", "certify a point from a file (solve --save, or numpy.savez) without moving it",
                        CertifyCommand.VALUES, CertifyCommand.FLAGS, true);
            case "metrics":
                return text("metrics", "NC1-NC4 of features (and a classifier) from .npy files",
                        MetricsCommand.VALUES, MetricsCommand.FLAGS, false);
            case "reproduce":
                return "usage: java -jar ufm.jar reproduce NAME [options]\n" + ReproduceCommand.usage()
                        + "\noptions: --out DIR --seed s\nflags: --quick\nsee README.md for each option";
            case "sweep":
                return "usage: java -jar ufm.jar sweep SPEC.json --out DIR [options]\n" + SweepCommand.usage()
                        + "\noptions: --out DIR --workers t\nflags: --json\nthe spec's keys are solve's options; "
                        + "see README.md, Sweeps";
            default:
                return null;
        }
    }

    private static String text(String command, String what, Set<String> values, Set<String> flags, boolean model) {
        return "usage: java -jar ufm.jar " + command + " [options]\n  " + what + "\n"
                + (model ? "model options: " + dashed(ModelOptions.VALUES) + " (--model "
                + String.join("|", ModelOptions.MODELS) + ")\nmodel flags: " + dashed(ModelOptions.FLAGS) + "\n" : "")
                + "options: " + dashed(values) + "\nflags: " + dashed(flags)
                + "\nsee README.md for what each option means and its default";
    }

    private static String dashed(Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add("--" + n);
        }
        return String.join(" ", out);
    }
}
