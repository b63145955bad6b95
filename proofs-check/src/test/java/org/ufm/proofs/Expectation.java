package org.ufm.proofs;

/** What we claim about one contract: the property in words, and whether KeY must close it. */
final class Expectation {
    final String clazz;
    final String method;
    /** Index of the JML spec case within the method (KeY numbers them .0, .1, ...). */
    final int specCase;
    final String property;
    final boolean mustClose;
    /** For expected-open contracts: why KeY cannot close it, and where it is checked at run time. */
    final String reason;
    /**
     * Functional: the contract states an equality on the result or on every written entry (the value the
     * code computes), not only safety, frame and ranges.
     */
    final boolean functional;

    private Expectation(String clazz, String method, int specCase, String property, boolean mustClose,
                        String reason, boolean functional) {
        this.clazz = clazz;
        this.method = method;
        this.specCase = specCase;
        this.property = property;
        this.mustClose = mustClose;
        this.reason = reason;
        this.functional = functional;
    }

    /** A safety / frame / range contract that must close. */
    static Expectation closed(String clazz, String method, int specCase, String property) {
        return new Expectation(clazz, method, specCase, property, true, "", false);
    }

    /** A functional contract (an equality on the result or every written entry) that must close. */
    static Expectation closedFunctional(String clazz, String method, int specCase, String property) {
        return new Expectation(clazz, method, specCase, property, true, "", true);
    }

    static Expectation open(String clazz, String method, int specCase, String property, String reason) {
        return new Expectation(clazz, method, specCase, property, false, reason, false);
    }

    static Expectation openFunctional(String clazz, String method, int specCase, String property, String reason) {
        return new Expectation(clazz, method, specCase, property, false, reason, true);
    }

    String key() {
        return clazz + "::" + method + "#" + specCase;
    }
}
