package org.ufm.compute;

/**
 * The range [0, units) cut into {@value #COUNT} fixed contiguous pieces, piece p = [p units / COUNT,
 * (p + 1) units / COUNT), run in parallel on a {@link Chunks} pool or one after the other without one.
 * The cut depends on {@code units} only, and {@link #sum} adds the pieces' partial sums in piece order,
 * so every result is the same, bit for bit, for any number of threads.
 */
public final class Pieces {

    /** Number of pieces. */
    public static final int COUNT = 16;

    /** The work on the units [from, to) of piece p. */
    public interface Body {
        void run(int from, int to, int p);
    }

    /** A partial sum over the units [from, to). */
    public interface PartialSum {
        double over(int from, int to);
    }

    private final int units;
    private final Chunks chunks;

    /** [0, units) on {@code chunks}, or sequentially when chunks is null or has one thread. */
    public Pieces(int units, Chunks chunks) {
        this.units = units;
        this.chunks = chunks != null && chunks.threads() > 1 ? chunks : null;
    }

    private int start(int p) {
        return (int) ((long) p * units / COUNT);
    }

    /**
     * Runs the body on every piece and waits for all of them. With T threads the pieces go to the pool in
     * T runs of consecutive pieces (T chunks instead of {@value #COUNT}: with a thread pool's hand-off, 40 us a
     * call, the hand-offs were a visible share of a pass over a few MB, about 0.1 ms); each piece is the same
     * either way.
     */
    public void forEach(Body body) {
        if (chunks == null) {
            for (int p = 0; p < COUNT; p++) {
                body.run(start(p), start(p + 1), p);
            }
        } else {
            int runs = Math.min(chunks.threads(), COUNT);
            chunks.run(runs, r -> {
                for (int p = r * COUNT / runs; p < (r + 1) * COUNT / runs; p++) {
                    body.run(start(p), start(p + 1), p);
                }
            });
        }
    }

    /** The sum of the pieces' partial sums, added in piece order 0, 1, ..., COUNT - 1. */
    public double sum(PartialSum partial) {
        double[] s = new double[COUNT];
        forEach((from, to, p) -> s[p] = partial.over(from, to));
        double total = 0.0;
        for (double v : s) {
            total += v;
        }
        return total;
    }
}
