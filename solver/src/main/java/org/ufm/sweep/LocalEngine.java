package org.ufm.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local engine: {@code workers} threads take the cells in order, each solves its cell on its own thread
 * (one thread per solve, so small cells fill the cores and each result has the bits {@code solve} gives
 * alone), and appends the cell's line to the results file the moment it finishes. {@link #stop()} (Ctrl-C)
 * stops handing out cells and interrupts the running solves, whose cells get no line and run again next time.
 */
public final class LocalEngine {

    /** Told about each cell as it finishes (from the worker's thread). */
    public interface Listener {
        /** A cell's line was written; {@code converged} is false for a failed cell. */
        void finished(Cell cell, boolean converged);
    }

    /** What a run did. */
    public static final class Outcome {
        /** Cells given a line in this run. */
        public final int recorded;
        /** Of those, cells that did not converge (or threw). */
        public final int failed;
        /** True when {@link #stop()} cut the run short. */
        public final boolean stopped;

        Outcome(int recorded, int failed, boolean stopped) {
            this.recorded = recorded;
            this.failed = failed;
            this.stopped = stopped;
        }
    }

    private final int workers;
    private final CellSolver solver;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    /** An engine with {@code workers >= 1} threads. */
    public LocalEngine(int workers, CellSolver solver) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.workers = workers;
        this.solver = solver;
    }

    /** Solves the cells (those without a line in {@code results}) and waits for the workers. */
    public Outcome run(List<Cell> cells, ResultsFile results, Listener listener) {
        List<Cell> todo = new ArrayList<>();
        for (Cell c : cells) {
            if (!results.has(c.id())) {
                todo.add(c);
            }
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        Runnable work = () -> {
            int i;
            while (!stopping && (i = next.getAndIncrement()) < todo.size()) {
                Cell cell = todo.get(i);
                CellLine line = CellRunner.run(cell, solver);
                if (line == null || stopping && !line.converged()) {
                    // interrupted, or failed while stopping (a solve started as the JVM shuts down cannot even
                    // register its Ctrl-C hook): not finished work, the rerun solves it
                    continue;
                }
                results.append(line.text());
                boolean converged = line.converged();
                recorded.incrementAndGet();
                if (!converged) {
                    failed.incrementAndGet();
                }
                if (listener != null) {
                    listener.finished(cell, converged);
                }
            }
        };
        synchronized (threads) {
            if (stopping) {
                return new Outcome(0, 0, true);
            }
            for (int w = 0; w < Math.min(workers, Math.max(1, todo.size())); w++) {
                Thread t = new Thread(work, "ufm-sweep-" + w);
                t.setUncaughtExceptionHandler((th, e) -> {
                    crash.compareAndSet(null, e);
                    stop();
                });
                threads.add(t);
                t.start();
            }
        }
        for (Thread t : new ArrayList<>(threads)) {
            boolean joined = false;
            while (!joined) {
                try {
                    t.join();
                    joined = true;
                } catch (InterruptedException e) {
                    stop();
                }
            }
        }
        Throwable e = crash.get();
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        return new Outcome(recorded.get(), failed.get(), stopping);
    }

    /** Stops handing out cells and interrupts the solves in progress; safe from any thread, any number of times. */
    public void stop() {
        synchronized (threads) {
            stopping = true;
            for (Thread t : threads) {
                t.interrupt();
            }
        }
    }
}
