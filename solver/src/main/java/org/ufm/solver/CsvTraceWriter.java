package org.ufm.solver;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Streams every trace row to a CSV file (iteration,cost,gradNorm,step,seconds,evaluations), flushing at
 * least once a second and at the end, so a long run that is stopped keeps every finished iteration.
 * A write that fails (a full disk) never stops the solve: the writer remembers the first failure
 * ({@link #failure()}), writes nothing more, and the caller reports it beside the result.
 */
public final class CsvTraceWriter implements IterationListener, AutoCloseable {

    /** The header line. */
    public static final String HEADER = "iteration,cost,gradNorm,step,seconds,evaluations";

    private final BufferedWriter out;
    private final TraceColumns extra;
    private long lastFlush = System.nanoTime();
    private boolean closed;
    private IOException failure;

    /** Creates (or truncates) the file and writes the header. */
    public CsvTraceWriter(Path file) throws IOException {
        this(file, null);
    }

    /** As above, with extra columns after the standard ones (blank in rows where {@code extra} gives null). */
    public CsvTraceWriter(Path file, TraceColumns extra) throws IOException {
        this(Files.newBufferedWriter(file, StandardCharsets.UTF_8), extra);
    }

    /** As above, onto any writer (tests inject one that fails). */
    public CsvTraceWriter(Writer writer, TraceColumns extra) throws IOException {
        this.out = writer instanceof BufferedWriter ? (BufferedWriter) writer : new BufferedWriter(writer);
        this.extra = extra;
        out.write(HEADER);
        if (extra != null) {
            for (String h : extra.header()) {
                out.write(',');
                out.write(h);
            }
        }
        out.newLine();
    }

    /** The first write or flush that failed (the file then lacks every later row), or null. */
    public synchronized IOException failure() {
        return failure;
    }

    @Override
    public synchronized void onIteration(IterationRecord row, double[] x) {
        if (failure != null || closed) {
            return;
        }
        try {
            out.write(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.6f,%d", row.iteration(), row.cost(),
                    row.gradNorm(), row.step(), row.seconds(), row.evaluations()));
            if (extra != null) {
                double[] v = extra.values(row, x);
                for (int i = 0; i < extra.header().length; i++) {
                    out.write(',');
                    if (v != null) {
                        out.write(String.format(Locale.ROOT, "%.17g", v[i]));
                    }
                }
            }
            out.newLine();
            long now = System.nanoTime();
            if (now - lastFlush > 1_000_000_000L) {
                out.flush();
                lastFlush = now;
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public void onFinish(StopReason reason) {
        flush();
    }

    /** Flushes what was written so far. */
    public synchronized void flush() {
        if (closed || failure != null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Flushes and closes the file; a failure is kept in {@link #failure()} (the first one), not thrown. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
