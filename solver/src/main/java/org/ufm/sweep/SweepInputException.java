package org.ufm.sweep;

/** Bad sweep input (spec, output directory): a one-line message; the command line prints it and exits 2. */
public final class SweepInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An error with a one-line message. */
    public SweepInputException(String message) {
        super(message);
    }
}
