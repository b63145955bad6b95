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

    private Expectation(String clazz, String method, int specCase, String property, boolean mustClose,
                        String reason) {
        this.clazz = clazz;
        this.method = method;
        this.specCase = specCase;
        this.property = property;
        this.mustClose = mustClose;
        this.reason = reason;
    }

    static Expectation closed(String clazz, String method, int specCase, String property) {
        return new Expectation(clazz, method, specCase, property, true, "");
    }

    static Expectation open(String clazz, String method, int specCase, String property, String reason) {
        return new Expectation(clazz, method, specCase, property, false, reason);
    }

    String key() {
        return clazz + "::" + method + "#" + specCase;
    }
}
