package org.ufm.variant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.ufm.model.Labels;

/**
 * Everything a variant needs to build its model: the labels, the feature dimension d and the values of the
 * variant's own options (every number option present, defaults filled in; the flags that are set).
 * Made by {@link Variant#spec}, which validates the values.
 *
 * @param labels  the labels (K classes, N samples)
 * @param dim     the feature dimension d &gt;= 1
 * @param numbers the number options by name
 * @param flags   the flags that are set
 */
public record ModelSpec(Labels labels, int dim, Map<String, Double> numbers, Set<String> flags) {

    /** Copies the maps (unmodifiable). */
    public ModelSpec {
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        flags = Collections.unmodifiableSet(new LinkedHashSet<>(flags));
    }

    /** The value of a number option; IllegalArgumentException if the variant has no such option. */
    public double number(String name) {
        Double v = numbers.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no option --" + name + " in this model specification");
        }
        return v;
    }

    /** Whether a flag is set. */
    public boolean flag(String name) {
        return flags.contains(name);
    }
}
