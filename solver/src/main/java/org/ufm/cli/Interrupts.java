package org.ufm.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.ufm.solver.CsvTraceWriter;
import org.ufm.solver.Result;
import org.ufm.solver.StopReason;

/**
 * Makes a command's solve survive Ctrl-C (SIGINT) and SIGTERM without losing finished work. While the
 * guard is open, a shutdown hook flushes the trace, interrupts the command's thread (the solver stops
 * with reason INTERRUPTED and returns its last iterate) and waits until the command has printed its
 * result and closed the guard (at most {@link #PRINT_WAIT_MS} ms); then the JVM exits with 130 (SIGINT) or
 * 143 (SIGTERM). The hook waits for the guard, never for the thread: that thread ends inside
 * {@code System.exit}, which blocks while the hooks run.
 */
final class Interrupts implements AutoCloseable {

    /** Longest wait of the shutdown hook for the result to be printed. */
    static final long PRINT_WAIT_MS = 5_000;

    private final Thread worker = Thread.currentThread();
    private final CountDownLatch printed = new CountDownLatch(1);
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final Thread hook;
    private volatile CsvTraceWriter csv;
    private boolean interrupted;

    private Interrupts(boolean installHook) {
        hook = installHook ? new Thread(this::onSignal, "ufm-shutdown") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** A guard for the calling thread with its shutdown hook installed; close it after printing. */
    static Interrupts install() {
        return new Interrupts(true);
    }

    /** A guard without a shutdown hook, for tests: {@link #onSignal} plays the signal. */
    static Interrupts forTest() {
        return new Interrupts(false);
    }

    /** Flushes this trace writer on a signal. */
    void flushOnSignal(CsvTraceWriter writer) {
        this.csv = writer;
    }

    /**
     * Runs the solve; an interrupt (the signal) makes it return its last iterate. The thread's interrupt
     * flag is cleared afterwards and remembered in {@link #interrupted()}, so that what follows (printing,
     * cheap certificates) runs normally.
     */
    Result run(Supplier<Result> solve) {
        Result r = solve.get();
        boolean flag = Thread.interrupted();
        interrupted |= flag || r.stopReason() == StopReason.INTERRUPTED || signalled.get();
        return r;
    }

    /** True when the solve was stopped by a signal: long certificates are then skipped. */
    boolean interrupted() {
        return interrupted || signalled.get();
    }

    /** What the shutdown hook does: flush the trace, interrupt the solve, wait for the result to be printed. */
    void onSignal() {
        signalled.set(true);
        CsvTraceWriter w = csv;
        if (w != null) {
            w.flush();
        }
        worker.interrupt();
        try {
            printed.await(PRINT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The result is printed: lets a waiting shutdown hook finish and removes the hook. */
    @Override
    public void close() {
        printed.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and now returns at once
            }
        }
        Thread.interrupted();
    }
}
