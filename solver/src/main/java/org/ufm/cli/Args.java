package org.ufm.cli;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ufm.compute.Chunks;

/**
 * Parses {@code --name value} options and {@code --flag} switches against a declared set; anything
 * undeclared, a missing value, or a value of the wrong type is a {@link UsageException}.
 */
public final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new LinkedHashSet<>();

    /**
     * @param args        the arguments after the command name
     * @param valueOpts   options that take a value (without the leading dashes)
     * @param flagOpts    options that take no value
     */
    public Args(List<String> args, Set<String> valueOpts, Set<String> flagOpts) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "' (options start with --)");
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagOpts.contains(name)) {
                if (inline != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                flags.add(name);
            } else if (valueOpts.contains(name)) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    v = args.get(++i);
                }
                if (values.containsKey(name)) {
                    throw new UsageException("option --" + name + " given twice");
                }
                values.put(name, v);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
    }

    /** True when the flag was given. */
    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** True when the option was given a value. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The raw value, or {@code dflt}. */
    public String string(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    /** An integer value, or {@code dflt}. */
    public int integer(String name, int dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs an integer, got '" + v + "'");
        }
    }

    /**
     * A thread count (--threads, --workers): an integer in 1..{@value Chunks#MAX_THREADS}, by default the machine's
     * processors ({@link Chunks#defaultThreads}). Results never depend on it, so more threads than that only cost
     * memory and start-up.
     */
    public int threads(String name) {
        int t = integer(name, Chunks.defaultThreads());
        if (t < 1 || t > Chunks.MAX_THREADS) {
            throw new UsageException("--" + name + " must be in 1.." + Chunks.MAX_THREADS + ", got " + t);
        }
        return t;
    }

    /** A long value, or {@code dflt}. */
    public long longValue(String name, long dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs an integer, got '" + v + "'");
        }
    }

    /** A finite number, or {@code dflt}. */
    public double number(String name, double dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        double x;
        try {
            x = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a number, got '" + v + "'");
        }
        if (!Double.isFinite(x)) {
            throw new UsageException("option --" + name + " needs a finite number, got '" + v + "'");
        }
        return x;
    }

    /** A comma-separated list of positive integers, or null when absent. */
    public int[] integers(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        String[] parts = v.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException("option --" + name + " needs comma-separated integers, got '" + v + "'");
            }
        }
        return out;
    }
}
