package org.ufm.cli;

import java.util.Locale;
import org.ufm.model.LogitsEngine;

/** Refuses, before allocating anything, a problem whose working set cannot fit in the JVM's heap. */
final class MemoryCheck {

    private MemoryCheck() {
    }

    /**
     * Throws a {@link UsageException} when the model's variables do not fit in one array, or when
     * {@code vectors} arrays of them plus the logit engine's block work space
     * ({@link LogitsEngine#workDoubles}: 4 K x block per thread) cannot fit in the heap.
     */
    static void require(ModelOptions mo, int vectors) {
        require(mo.variables(), vectors,
                LogitsEngine.workDoubles(mo.labels.classes(), mo.labels.samples(), mo.dim, mo.threads));
    }

    /** Throws a {@link UsageException} when {@code vectors} arrays of {@code variables} doubles cannot fit. */
    static void require(long variables, int vectors) {
        require(variables, vectors, 0L);
    }

    /** As {@link #require(long, int)}, with {@code extraDoubles} more doubles of work space. */
    static void require(long variables, int vectors, long extraDoubles) {
        if (variables > Integer.MAX_VALUE - 8) {
            throw new UsageException("the problem has " + variables + " variables; at most " + (Integer.MAX_VALUE - 8)
                    + " fit in one Java array");
        }
        double bytes = 8.0 * variables * vectors + 8.0 * extraDoubles;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new UsageException(String.format(Locale.ROOT,
                    "the problem needs about %.1f GiB (%d variables x %d work vectors%s) but the JVM may use %.1f GiB; "
                            + "run java with a larger -Xmx or solve a smaller problem",
                    bytes / 1073741824.0, variables, vectors,
                    extraDoubles > 0 ? String.format(Locale.ROOT, " + %.1f GiB of logit blocks", extraDoubles / 134217728.0) : "",
                    max / 1073741824.0));
        }
    }
}
