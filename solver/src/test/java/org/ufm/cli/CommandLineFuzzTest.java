package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Issue 17: at least 200 generated malformed (and some well-formed) argument lists, fed to the command line
 * in-process. Every one ends in exactly one of: exit 2 with one line on stderr and nothing on stdout; a
 * valid result (exit 0, or 1 for a failed check, or 3 for an incomplete trace, with output on stdout; one
 * JSON object with --json); never an internal error or a stack trace. Sizes stay tiny and iterations few
 * (each solve gets --max-iter 20 --no-hessian) so the whole run takes seconds.
 */
class CommandLineFuzzTest {

    /** Examples per run (-Dufm.fuzz.examples=N to explore more). */
    static final int EXAMPLES = Integer.getInteger("ufm.fuzz.examples", 300);
    /** Fixed seed, so a failure repeats (-Dufm.fuzz.seed=S to explore other lists). */
    static final long SEED = Long.getLong("ufm.fuzz.seed", 17L);

    @TempDir
    static Path dir;

    /** Option groups: an option with a value (good or bad), a flag, or a malformed token. */
    static List<List<String>> groups() {
        List<List<String>> g = new ArrayList<>();
        String[] numbers = {"0", "1", "2", "3", "-1", "8", "0.5", "-0.0", "1e300", "1e-320", "NaN", "Infinity", "abc", "",
                " ", "2147483647", "2147483648", "9000000", "1,2"};
        for (String opt : new String[] {"classes", "per-class", "dim", "lambda-w", "lambda-h", "lambda-b", "tau",
                "mixon-c", "threads", "step", "memory", "metrics-every", "tol", "seed", "init-scale", "time-limit",
                "gap-tol", "epsilon", "max-iter"}) {
            for (String v : numbers) {
                g.add(Arrays.asList("--" + opt, v));
            }
        }
        for (String m : new String[] {"ce", "mse", "ulpm", "mixon", "sphere", "xx", ""}) {
            g.add(Arrays.asList("--model", m));
        }
        for (String s : new String[] {"gd", "armijo", "bb", "cg", "lbfgs", "tr", "zz"}) {
            g.add(Arrays.asList("--solver", s));
        }
        for (String v : new String[] {"fr", "prp+", "hs", "x"}) {
            g.add(Arrays.asList("--cg-rule", v));
        }
        for (String v : new String[] {"all", "gradient", "hessian", "retraction", "x"}) {
            g.add(Arrays.asList("--what", v));
        }
        for (String v : new String[] {"3,4", "2,2,2", "0,1", "1,,2", "a", "", "-1,3"}) {
            g.add(Arrays.asList("--class-sizes", v));
        }
        for (String v : new String[] {"/dev/full", "/nonexistent-ufm-dir/t.csv", dir.resolve("t.csv").toString(), "",
                dir.toString()}) {
            g.add(Arrays.asList("--trace", v));
        }
        for (String v : new String[] {"/nonexistent-ufm-dir/p.png", "p.txt", ""}) {
            g.add(Arrays.asList("--plot", v));
        }
        for (String f : new String[] {"--json", "--no-hessian", "--bias", "--no-bias", "--quick", "--help", "--",
                "-x", "--unknown", "--model=ce", "--json=1", "--dim=", "solve", "", "--out", "--out=" + dir}) {
            g.add(Arrays.asList(f));
        }
        return g;
    }

    static final List<String> COMMANDS = Arrays.asList("solve", "solve", "solve", "check", "saddle", "reproduce",
            "help", "version", "--version", "bogus", "", "-h");

    @Test
    void malformedCommandLinesAreRefusedInOneLineOrGiveAValidResult() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Gen<String> command = Generate.pick(COMMANDS);
        Gen<List<List<String>>> options = lists().of(Generate.pick(groups())).ofSizeBetween(0, 4);
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(command, options).checkAssert((cmd, groupList) -> {
            List<String> argv = new ArrayList<>();
            argv.add(cmd);
            if ("reproduce".equals(cmd)) {
                argv.add("nope"); // a real experiment would take seconds and write files; its refusals are the point
            }
            for (List<String> grp : groupList) {
                argv.addAll(grp);
            }
            if ("solve".equals(cmd) || "saddle".equals(cmd)) {
                argv.addAll(Arrays.asList("--max-iter", "20"));
            }
            if ("solve".equals(cmd)) {
                argv.add("--no-hessian");
            }
            MainTest.Run r = MainTest.run(argv.toArray(new String[0]));
            runs.incrementAndGet();
            String what = String.join(" ", argv) + "\n-> exit " + r.code + "\nstdout: " + r.out + "\nstderr: " + r.err;
            assertFalse(r.err.contains("internal error"), what);
            assertFalse(r.err.contains("Exception") || r.err.contains("\tat "), what);
            if (r.code == 2) {
                refused.incrementAndGet();
                assertEquals(1, r.err.trim().split("\n").length, "one line: " + what);
                assertEquals("", r.out, what);
                return;
            }
            assertTrue(r.code == 0 || r.code == 1 && "check".equals(cmd) || r.code == Main.EXIT_TRACE_INCOMPLETE, what);
            assertFalse(r.out.isBlank(), "a result is printed: " + what);
            boolean help = argv.contains("--help") || argv.contains("-h");
            if (argv.contains("--json") && !help && Arrays.asList("solve", "saddle", "check").contains(cmd)) {
                String j = r.out.trim();
                assertEquals(1, j.split("\n").length, what);
                assertTrue(j.startsWith("{") && j.endsWith("}"), what);
            }
        });
        System.out.println("fuzz: " + runs + " command lines, " + refused + " refused with exit 2");
        assertTrue(runs.get() >= 200, runs.get() + " command lines");
        assertTrue(refused.get() >= 100 && refused.get() < runs.get(), refused + " of " + runs + " refused");
    }
}
