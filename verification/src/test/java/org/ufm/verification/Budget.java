package org.ufm.verification;

/**
 * How much the property tests generate: a fast default (the whole module in well under two minutes) or,
 * with {@code -Pexhaustive} (system property {@code ufm.exhaustive=true}), many more examples over bigger
 * problem sizes. The QuickTheories seed is fixed (override with {@code -Dufm.qt.seed=...}) so that a CI
 * failure reproduces.
 */
final class Budget {

    private Budget() {
    }

    /** True under the exhaustive profile. */
    static final boolean EXHAUSTIVE = Boolean.parseBoolean(System.getProperty("ufm.exhaustive", "false"));

    /** The QuickTheories seed. */
    static final long SEED = Long.getLong("ufm.qt.seed", 20261123L);

    /** Examples per property: {@code fast} by default, {@code exhaustive} under the profile. */
    static int examples(int fast, int exhaustive) {
        return EXHAUSTIVE ? exhaustive : fast;
    }

    /** Largest K generated for dense-Hessian and solve properties. */
    static int maxClasses() {
        return EXHAUSTIVE ? 7 : 5;
    }

    /** Largest n (samples per class) generated for dense-Hessian and solve properties. */
    static int maxPerClass() {
        return EXHAUSTIVE ? 5 : 3;
    }
}
