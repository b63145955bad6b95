package org.ufm.reproduce;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on a text stream: on a terminal one line redrawn with a carriage return (at most
 * every 100 ms), otherwise a plain line at every further tenth of the work (and at the end). A caller may
 * attach a note (the sweep's failed count and time left) shown after the counts.
 */
public final class ProgressBar implements ExperimentContext.Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw = Long.MIN_VALUE;
    private int lastTenth = -1;
    private boolean closed;
    private String note = "";

    /** A bar labelled {@code label} over {@code total} steps, drawn now. */
    public ProgressBar(PrintStream err, boolean terminal, String label, long total) {
        this.err = err;
        this.terminal = terminal;
        this.label = label;
        this.total = Math.max(1, total);
        draw(true);
    }

    @Override
    public synchronized void step(long steps) {
        if (closed) {
            return;
        }
        done = Math.min(total, done + steps);
        draw(false);
    }

    /** Advances by {@code steps} and shows {@code note} after the counts. */
    public synchronized void step(long steps, String note) {
        this.note = note == null ? "" : " " + note;
        step(steps);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        done = total;
        draw(true);
        if (terminal) {
            err.println();
        }
        closed = true;
        err.flush();
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (terminal) {
            if (!force && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            int filled = (int) (WIDTH * done / total);
            err.print("\r" + line(filled));
            err.flush();
        } else {
            int tenth = (int) (10 * done / total);
            if (tenth == lastTenth && !(force && done == total && lastTenth != 10)) {
                return;
            }
            lastTenth = tenth;
            err.println(String.format(Locale.ROOT, "%s: %d/%d (%d%%) %.1f s%s", label, done, total,
                    100 * done / total, (now - start) * 1e-9, note));
        }
    }

    private String line(int filled) {
        StringBuilder b = new StringBuilder(label).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            b.append(i < filled ? '#' : ' ');
        }
        return b.append(String.format(Locale.ROOT, "] %3d%% %d/%d %.1f s%s", 100 * done / total, done, total,
                (System.nanoTime() - start) * 1e-9, note)).toString();
    }
}
