package org.ufm.cli;

/** Bad input on the command line: printed as one line on stderr, exit code 2. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A usage error with a one-line message. */
    public UsageException(String message) {
        super(message);
    }
}
