package org.ufm.variant;

import java.util.function.DoublePredicate;

/**
 * A model option a variant accepts: a number with its default and validity rule, or a flag (no default).
 * The command line spells it {@code --name}; the library passes it by the same name.
 *
 * @param name         the option's name, e.g. {@code lambda-w}
 * @param defaultValue the default of a number, or null for a flag
 * @param meaning      what the option sets, in a few words
 * @param valid        the rule a value must satisfy (null for a flag)
 * @param requirement  the rule in words, as in "must be &gt;= 0" (null for a flag)
 */
public record VariantOption(String name, Double defaultValue, String meaning, DoublePredicate valid,
                            String requirement) {

    /** A number that must be &gt;= 0 (NaN passes here; the model's constructor refuses it). */
    public static VariantOption nonNegative(String name, double dflt, String meaning) {
        return new VariantOption(name, dflt, meaning, v -> !(v < 0), "must be >= 0");
    }

    /** A number that must be &gt; 0 (infinity passes here; the model's constructor refuses it). */
    public static VariantOption positive(String name, double dflt, String meaning) {
        return new VariantOption(name, dflt, meaning, v -> v > 0, "must be > 0");
    }

    /** A finite number &gt; 0. */
    public static VariantOption positiveFinite(String name, double dflt, String meaning) {
        return new VariantOption(name, dflt, meaning, v -> v > 0 && !Double.isInfinite(v), "must be a finite number > 0");
    }

    /** A flag. */
    public static VariantOption flag(String name, String meaning) {
        return new VariantOption(name, null, meaning, null, null);
    }

    /** Whether this is a flag. */
    public boolean isFlag() {
        return defaultValue == null;
    }

    /** Throws IllegalArgumentException ("--name must be ..., got v") unless v satisfies the rule. */
    public void check(double v) {
        if (!valid.test(v)) {
            throw new IllegalArgumentException("--" + name + " " + requirement + ", got " + v);
        }
    }
}
