package org.ufm.check;

/** Outcome of one check: passed, failed, or not run (e.g. no exponential map known for the manifold). */
public enum Verdict {
    /** The check passed. */
    PASS,
    /** The check failed; the result's reason says why. */
    FAIL,
    /** The check could not be run; the result's reason says why. Does not count as a failure. */
    SKIPPED
}
