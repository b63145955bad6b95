package org.ufm.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ufm.solver.Solvers;
import org.ufm.sweep.CellOptions;
import org.ufm.sweep.CellSolver;

/**
 * The one seam between a sweep and {@code solve}: {@link #solve} runs one solve in this process (certified by
 * the library's SolveReport inside {@link SolveCommand}) and returns the line {@code solve --json} prints, so a
 * cell's JSON has exactly solve's fields; {@link #validate} refuses bad options without solving. The sweep
 * package sees it only through {@link #OPTIONS} and {@link #cellSolver()}.
 */
public final class SolveJson {

    /** Options a sweep may not set per cell: the output form is the sweep's, the thread count its --workers'. */
    public static final Set<String> SWEEP_OWNED = new LinkedHashSet<>(Arrays.asList("json", "trace", "threads"));

    /** The solve's options and checks, as the sweep's spec parser asks for them. */
    public static final CellOptions OPTIONS = new CellOptions() {
        @Override
        public Set<String> valueOptions() {
            return SolveJson.valueOptions();
        }

        @Override
        public Set<String> flagOptions() {
            return SolveJson.flagOptions();
        }

        @Override
        public String ownedBySweep(String key) {
            if (!SWEEP_OWNED.contains(key)) {
                return null;
            }
            return "threads".equals(key) ? "the sweep sets it (each cell solves on one thread; use --workers)"
                    : "the sweep sets it";
        }

        @Override
        public void validate(List<String> arguments) {
            try {
                SolveJson.validate(arguments);
            } catch (UsageException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    };

    private SolveJson() {
    }

    /** A sweep cell's solve: {@link #solve} on the calling thread only (one thread per cell). */
    public static CellSolver cellSolver() {
        return arguments -> solve(arguments, 1);
    }

    /** The value options a sweep cell may set (model options and solve options, less {@link #SWEEP_OWNED}). */
    public static Set<String> valueOptions() {
        Set<String> s = new LinkedHashSet<>(ModelOptions.VALUES);
        s.addAll(SolveCommand.VALUES);
        s.removeAll(SWEEP_OWNED);
        return Collections.unmodifiableSet(s);
    }

    /** The flag options a sweep cell may set. */
    public static Set<String> flagOptions() {
        Set<String> s = new LinkedHashSet<>(ModelOptions.FLAGS);
        s.addAll(SolveCommand.FLAGS);
        s.removeAll(SWEEP_OWNED);
        return Collections.unmodifiableSet(s);
    }

    /**
     * Throws a {@link UsageException} for options {@code solve} would refuse: unknown, not applying to the
     * model, out of range. The solve-level ranges mirror {@link SolveCommand#run} (until issue 13's option
     * descriptions give one place to check them).
     */
    public static void validate(List<String> options) {
        Args a = ModelOptions.parse(options, SolveCommand.VALUES, SolveCommand.FLAGS);
        new ModelOptions(a);
        double step = a.number("step", Double.NaN);
        if (a.has("step") && !(step > 0)) {
            throw new UsageException("--step must be > 0, got " + step);
        }
        OptionRules.require(OptionRules.solverViolation(a, a.string("solver", SolveCommand.DEFAULT_SOLVER)));
        OptionRules.tolerance(a, "tol", SolveCommand.DEFAULT_TOL);
        OptionRules.tolerance(a, "gap-tol", SolveCommand.DEFAULT_GAP_TOL);
        OptionRules.tolerance(a, "gap-stop", 0.0);
        require(a.integer("max-iter", 0) >= 0, "--max-iter must be >= 0");
        a.longValue("seed", 1L);
        require(a.number("init-scale", 1.0) > 0, "--init-scale must be > 0");
        require(a.number("time-limit", 1.0) > 0, "--time-limit must be > 0 seconds");
        require(a.integer("metrics-every", 0) >= 0, "--metrics-every must be >= 0");
        int memory = a.integer("memory", org.ufm.solver.Lbfgs.DEFAULT_MEMORY);
        require(memory >= 1, "--memory must be >= 1");
        try {
            Solvers.create(a.string("solver", SolveCommand.DEFAULT_SOLVER), step, a.string("cg-rule", "prp+"), memory);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UsageException(message);
        }
    }

    /**
     * Solves in this process on the calling thread's pool of {@code threads} (1: the caller's thread only) and
     * returns the one line {@code solve OPTIONS --threads t --json} prints. A bad option is a
     * {@link UsageException}; an interrupt of the calling thread stops the solver with reason INTERRUPTED.
     */
    public static String solve(List<String> options, int threads) {
        List<String> argv = new ArrayList<>(options);
        argv.add("--threads");
        argv.add(Integer.toString(threads));
        argv.add("--json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = SolveCommand.run(argv, o, e);
            if (code != 0) {
                throw new IllegalStateException("solve exited with " + code + ": "
                        + err.toString(StandardCharsets.UTF_8).trim());
            }
        }
        return out.toString(StandardCharsets.UTF_8).trim();
    }
}
