package org.ufm.cli;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.ufm.solver.CsvTraceWriter;
import org.ufm.solver.Result;

/**
 * Runs a solve so that Ctrl-C (SIGINT/SIGTERM) does not lose finished work: the shutdown hook
 * interrupts the solver, which stops with reason INTERRUPTED and returns its last iterate, and waits
 * for the result to be printed; the trace file is flushed either way.
 */
final class Interrupts {

    private Interrupts() {
    }

    static Result runInterruptibly(Supplier<Result> solve, CsvTraceWriter csv) {
        Thread worker = Thread.currentThread();
        AtomicReference<Boolean> done = new AtomicReference<>(false);
        Thread hook = new Thread(() -> {
            if (csv != null) {
                csv.flush();
            }
            if (!done.get()) {
                worker.interrupt();
                try {
                    worker.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "ufm-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return solve.get();
        } finally {
            done.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this thread, nothing to undo
            }
            Thread.interrupted();
        }
    }
}
