package org.ufm.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a fixed number of independent chunks of work on a pool of threads. The chunks, and therefore
 * every partial result and the order in which partials are reduced, depend only on the problem size,
 * never on the thread count: results are bit-for-bit identical for any number of threads.
 */
public final class Chunks implements AutoCloseable {

    /** Work of one chunk. */
    public interface Task {
        /** Runs chunk {@code c}. */
        void run(int c);
    }

    private final int threads;
    private final ExecutorService pool;

    /** A runner on {@code threads >= 1} threads (1 runs everything on the caller's thread). */
    public Chunks(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ufm-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Number of worker threads. */
    public int threads() {
        return threads;
    }

    /**
     * Runs chunks 0..count-1 and waits for all of them. An interrupt of the calling thread does not cut
     * the work short (the results stay consistent); it is passed on by re-setting the interrupt flag.
     */
    public void run(int count, Task task) {
        if (pool == null || count == 1) {
            for (int c = 0; c < count; c++) {
                task.run(c);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            final int chunk = c;
            futures.add(pool.submit(() -> task.run(chunk)));
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException) {
                        throw (RuntimeException) cause;
                    }
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs chunks 0..count-1 on {@code chunks}, or one after the other on the caller's thread when it is null. */
    public static void run(Chunks chunks, int count, Task task) {
        if (chunks != null) {
            chunks.run(count, task);
        } else {
            for (int c = 0; c < count; c++) {
                task.run(c);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
