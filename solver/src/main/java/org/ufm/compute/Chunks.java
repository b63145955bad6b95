package org.ufm.compute;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a fixed number of independent chunks of work on a pool of threads. The chunks, and therefore
 * every partial result and the order in which partials are reduced, depend only on the problem size,
 * never on the thread count: results are bit-for-bit identical for any number of threads.
 *
 * <p>The calling thread works too: with T threads there are T - 1 workers, and the caller and the workers take
 * chunks from one counter until none are left. A worker that has finished waits for the next call by spinning
 * for up to {@value #SPIN_NANOS} ns before it parks, so the calls of an iteration, tens of microseconds apart,
 * reach it without a wake-up. A thread pool's hand-off (submit to a queue, a parked worker woken, the caller
 * parked on a future) cost 37-51 us per call on the 2-core machine of issue 16 with no work in it, and an L-BFGS
 * solve at K=100, n=20, d=128 makes about eight calls per iteration.
 *
 * <p>One call runs at a time: a call made while another is running (from a chunk, or from a second thread) runs
 * its chunks one after the other on its own thread, which gives the same results.
 */
public final class Chunks implements AutoCloseable {

    /** Work of one chunk. */
    public interface Task {
        /** Runs chunk {@code c}. */
        void run(int c);
    }

    /** How long an idle worker spins before it parks, and how long the caller spins before it parks. */
    static final long SPIN_NANOS = 200_000L;

    private final int threads;
    private final Worker[] workers;
    /** 1 while a call is running (claimed by compare-and-set). */
    private final AtomicInteger busy = new AtomicInteger();
    /** The running call, or the last one; a new object per call, so a late worker never sees the next call's state. */
    private volatile Job job;
    private volatile boolean closed;

    /** The most threads a runner takes: results never depend on the count, and each thread is started at once. */
    public static final int MAX_THREADS = 256;

    /** The default thread count: the machine's processors, at most {@value #MAX_THREADS}. */
    public static int defaultThreads() {
        return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    }

    /** A runner on 1..{@value #MAX_THREADS} threads (1 runs everything on the caller's thread). */
    public Chunks(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ", got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker();
            Thread t = new Thread(workers[w], "ufm-worker");
            t.setDaemon(true);
            workers[w].thread = t;
            t.start();
        }
    }

    /** Number of threads that run chunks, the caller's included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs chunks 0..count-1 and waits for all of them; a chunk's exception (the lowest-numbered chunk's, when
     * several fail) is thrown once all have ended. An interrupt of the calling thread does not cut the work short
     * (the results stay consistent) and stays set.
     */
    public void run(int count, Task task) {
        if (workers.length == 0 || count <= 1 || closed || !busy.compareAndSet(0, 1)) {
            for (int c = 0; c < count; c++) {
                task.run(c);
            }
            return;
        }
        try {
            Job j = new Job(task, count);
            job = j;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w.thread);
                }
            }
            j.drain();
            j.awaitAll();
            job = null; // the task's captured arrays are not kept alive by the pool
            Throwable f = j.failure();
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            }
            if (f instanceof Error) {
                throw (Error) f;
            }
            if (f != null) {
                throw new IllegalStateException(f);
            }
        } finally {
            busy.set(0);
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

    /** Stops the workers; later calls run on the caller's thread. */
    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
    }

    /** One call: its chunks, taken from one counter by the caller and the workers. */
    private static final class Job {
        final Task task;
        final int count;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Thread waiting;
        private Throwable failure;
        private int failedChunk = Integer.MAX_VALUE;

        Job(Task task, int count) {
            this.task = task;
            this.count = count;
        }

        /** Takes chunks until none are left. */
        void drain() {
            int c;
            while ((c = next.getAndIncrement()) < count) {
                try {
                    task.run(c);
                } catch (Throwable e) {
                    synchronized (this) {
                        if (c < failedChunk) {
                            failedChunk = c;
                            failure = e;
                        }
                    }
                }
                if (done.incrementAndGet() == count) {
                    Thread caller = waiting;
                    if (caller != null) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** The caller waits until every chunk has ended: it spins, then parks until the last one ends. */
        void awaitAll() {
            long start = System.nanoTime();
            while (done.get() < count) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    waiting = Thread.currentThread();
                    if (done.get() < count) {
                        // an interrupt makes park return at once: clear it while waiting, set it again after
                        boolean interrupted = Thread.interrupted();
                        LockSupport.park(this);
                        if (interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }
        }

        synchronized Throwable failure() {
            return failure;
        }
    }

    /** A worker: waits for a new call, spinning and then parked, and takes chunks of it. */
    private final class Worker implements Runnable {
        Thread thread;
        volatile boolean parked;

        @Override
        public void run() {
            Job seen = null;
            while (!closed) {
                Job j = job;
                if (j != seen) {
                    seen = j;
                    if (j != null) {
                        j.drain();
                    }
                    continue;
                }
                long start = System.nanoTime();
                while (job == seen && !closed && System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                }
                if (job == seen && !closed) {
                    parked = true;
                    if (job == seen && !closed) {
                        LockSupport.park(Chunks.this);
                    }
                    parked = false;
                }
            }
        }
    }
}
