package org.ufm.solver;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Streams every trace row to a CSV file (iteration,cost,gradNorm,step,seconds,evaluations), flushing at
 * least once a second and at the end, so a long run that is stopped keeps every finished iteration.
 */
public final class CsvTraceWriter implements IterationListener, AutoCloseable {

    /** The header line. */
    public static final String HEADER = "iteration,cost,gradNorm,step,seconds,evaluations";

    private final BufferedWriter out;
    private final TraceColumns extra;
    private long lastFlush = System.nanoTime();
    private boolean closed;

    /** Creates (or truncates) the file and writes the header. */
    public CsvTraceWriter(Path file) throws IOException {
        this(file, null);
    }

    /** As above, with extra columns after the standard ones (blank in rows where {@code extra} gives null). */
    public CsvTraceWriter(Path file, TraceColumns extra) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
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

    @Override
    public synchronized void onIteration(IterationRecord row, double[] x) {
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
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onFinish(StopReason reason) {
        flush();
    }

    /** Flushes what was written so far. */
    public synchronized void flush() {
        if (closed) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        out.close();
    }
}
