package org.ufm.cli;

import java.util.Locale;

/** Refuses, before allocating anything, a problem whose working set cannot fit in the JVM's heap. */
final class MemoryCheck {

    private MemoryCheck() {
    }

    /** Throws a {@link UsageException} when {@code vectors} arrays of {@code variables} doubles cannot fit. */
    static void require(long variables, int vectors) {
        if (variables > Integer.MAX_VALUE - 8) {
            throw new UsageException("the problem has " + variables + " variables; at most " + (Integer.MAX_VALUE - 8)
                    + " fit in one Java array");
        }
        long bytes = variables * 8L * vectors;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new UsageException(String.format(Locale.ROOT,
                    "the problem needs about %.1f GiB (%d variables x %d work vectors) but the JVM may use %.1f GiB; "
                            + "run java with a larger -Xmx or solve a smaller problem",
                    bytes / 1073741824.0, variables, vectors, max / 1073741824.0));
        }
    }
}
