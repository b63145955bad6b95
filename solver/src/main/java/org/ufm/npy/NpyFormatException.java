package org.ufm.npy;

/**
 * A file that is not a valid NumPy array of a supported kind (bad magic, a header that lies about its
 * shape, truncated data, an unsupported dtype, NaN or infinite entries, a missing key, bad labels).
 * The message is one line that names the file and what is wrong; the command line prints it and exits 2.
 */
public final class NpyFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A format error with a one-line message. */
    public NpyFormatException(String message) {
        super(message);
    }
}
