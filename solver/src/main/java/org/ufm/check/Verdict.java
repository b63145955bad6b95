package org.ufm.check;

/** Outcome of one check: passed, failed, undecidable at this precision, or not run (no exponential map known). */
public enum Verdict {
    /** The check passed. */
    PASS,
    /** The check failed; the result's reason says why. */
    FAIL,
    /**
     * The error curve has no linear window between its round-off floor and the end of the Taylor regime,
     * so no slope can be read: neither a pass nor evidence of a bug. Counts as not passed.
     */
    INCONCLUSIVE,
    /** The check could not be run; the result's reason says why. Does not count as a failure. */
    SKIPPED
}
