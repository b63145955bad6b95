package org.ufm.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Why an I/O operation on a path failed, in words, for one-line error messages: Java's
 * {@code NoSuchFileException} and {@code AccessDeniedException} carry only the path as their message.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /** "cannot {@code what} {@code path}: reason" for the failure {@code e} of an operation on {@code path}. */
    public static String message(String what, Path path, IOException e) {
        return "cannot " + what + " " + (path.toString().isEmpty() ? "''" : path) + ": " + reason(path, e);
    }

    /**
     * The reason of {@code e}: "no such directory P" when the parent P is missing, "P does not allow
     * creating files" when it exists (as in /proc), "permission denied", the system's reason ("Read-only
     * file system", "Is a directory", "No space left on device"), else the exception's message.
     */
    public static String reason(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                return "no such directory " + parent;
            }
            return "no such file, and " + (parent == null ? "/" : parent) + " does not allow creating it";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m0 = e.getMessage();
        if (e instanceof FileNotFoundException && m0 != null && m0.endsWith(")") && m0.lastIndexOf(" (") > 0) {
            // java.io's "PATH (REASON)"
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                return "no such directory " + parent;
            }
            return m0.substring(m0.lastIndexOf(" (") + 2, m0.length() - 1);
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
