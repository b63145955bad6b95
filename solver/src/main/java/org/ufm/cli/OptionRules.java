package org.ufm.cli;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that make an option which would have no effect an error instead of being silently ignored:
 * solver options given to a solver that does not use them and negative tolerances ({@code --lambda-b} with
 * {@code --no-bias} is refused by the variant, {@code DecayVariant}). Each rule returns the one-line message of the first violation, or null.
 */
final class OptionRules {

    /** Each solver option and the solvers that use it. */
    static final Map<String, List<String>> SOLVER_OPTIONS;

    static {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("step", Collections.singletonList("gd"));
        m.put("memory", Collections.singletonList("lbfgs"));
        m.put("cg-rule", Collections.singletonList("cg"));
        SOLVER_OPTIONS = Collections.unmodifiableMap(m);
    }

    private OptionRules() {
    }

    /** The first solver option given that {@code solver} does not use, as a message, or null. */
    static String solverViolation(Args a, String solver) {
        for (Map.Entry<String, List<String>> e : SOLVER_OPTIONS.entrySet()) {
            if (a.has(e.getKey()) && !e.getValue().contains(solver)) {
                return "--" + e.getKey() + " applies only to --solver " + String.join(" or ", e.getValue())
                        + " (" + solver + " does not use it)";
            }
        }
        return null;
    }

    /** Throws the {@link UsageException} of the first violation among {@code messages}, if any. */
    static void require(String... messages) {
        for (String m : Arrays.asList(messages)) {
            if (m != null) {
                throw new UsageException(m);
            }
        }
    }

    /** A tolerance option: a finite number >= 0 (a negative one could never be met), or {@code dflt}. */
    static double tolerance(Args a, String name, double dflt) {
        double v = a.number(name, dflt);
        if (!(v >= 0)) {
            throw new UsageException("--" + name + " must be >= 0, got " + a.string(name, ""));
        }
        return v;
    }
}
