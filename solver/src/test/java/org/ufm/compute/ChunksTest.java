package org.ufm.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool's contract: every chunk once per call, results by chunk, failures, nesting, concurrent callers. */
class ChunksTest {

    @Test
    void everyChunkRunsOncePerCallAndTheWorkersTakeSome() {
        try (Chunks chunks = new Chunks(3)) {
            Set threads = new Set();
            for (int call = 0; call < 2000; call++) {
                int count = 1 + call % 17;
                AtomicInteger[] runs = new AtomicInteger[count];
                for (int c = 0; c < count; c++) {
                    runs[c] = new AtomicInteger();
                }
                chunks.run(count, c -> {
                    runs[c].incrementAndGet();
                    threads.add(Thread.currentThread().getName());
                    // a little work, so that the workers get a share of the chunks
                    double v = 0;
                    for (int i = 0; i < 2000; i++) {
                        v += Math.sqrt(i + c);
                    }
                    if (v < 0) {
                        throw new AssertionError();
                    }
                });
                for (int c = 0; c < count; c++) {
                    assertEquals(1, runs[c].get(), "chunk " + c + " of call " + call);
                }
            }
            assertTrue(threads.contains("ufm-worker"), "no chunk ran on a worker: " + threads);
        }
    }

    @Test
    void writesOfEveryChunkAreVisibleToTheCaller() {
        try (Chunks chunks = new Chunks(2)) {
            for (int call = 0; call < 5000; call++) {
                long[] out = new long[8];
                int tag = call;
                chunks.run(out.length, c -> out[c] = 1000L * tag + c);
                for (int c = 0; c < out.length; c++) {
                    assertEquals(1000L * call + c, out[c]);
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        double[] one = sums(1);
        assertArrayEquals(one, sums(2), 0.0);
        assertArrayEquals(one, sums(4), 0.0);
    }

    private static double[] sums(int threads) {
        double[] partial = new double[16];
        try (Chunks chunks = new Chunks(threads)) {
            chunks.run(partial.length, c -> {
                double s = 0;
                for (int i = 0; i < 10_000; i++) {
                    s += 1.0 / (1 + i + 10_000.0 * c);
                }
                partial[c] = s;
            });
        }
        return partial;
    }

    @Test
    void theLowestFailingChunksExceptionReachesTheCallerAfterAllChunksEnded() {
        try (Chunks chunks = new Chunks(2)) {
            AtomicInteger ended = new AtomicInteger();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> chunks.run(6, c -> {
                ended.incrementAndGet();
                if (c == 2 || c == 4) {
                    throw new IllegalStateException("chunk " + c);
                }
            }));
            assertEquals("chunk 2", e.getMessage());
            assertEquals(6, ended.get());
            // the pool still works after a failure
            int[] out = new int[4];
            chunks.run(4, c -> out[c] = c + 1);
            assertArrayEquals(new int[] {1, 2, 3, 4}, out);
            Error err = new AssertionError("an error");
            assertSame(err, assertThrows(AssertionError.class, () -> chunks.run(3, c -> {
                if (c == 1) {
                    throw err;
                }
            })));
        }
    }

    @Test
    void aCallFromInsideAChunkRunsOnItsOwnThread() {
        try (Chunks chunks = new Chunks(2)) {
            int[][] inner = new int[4][3];
            chunks.run(4, c -> chunks.run(3, d -> inner[c][d] = 10 * c + d));
            for (int c = 0; c < 4; c++) {
                assertArrayEquals(new int[] {10 * c, 10 * c + 1, 10 * c + 2}, inner[c]);
            }
        }
    }

    @Test
    void twoCallersAtOnceBothGetAllTheirChunks() throws Exception {
        try (Chunks chunks = new Chunks(2)) {
            CountDownLatch go = new CountDownLatch(1);
            long[][] out = new long[2][64];
            Thread[] callers = new Thread[2];
            for (int t = 0; t < 2; t++) {
                int who = t;
                callers[t] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int rep = 0; rep < 500; rep++) {
                        chunks.run(64, c -> out[who][c] += c + 1);
                    }
                });
                callers[t].start();
            }
            go.countDown();
            for (Thread t : callers) {
                t.join();
            }
            for (int t = 0; t < 2; t++) {
                for (int c = 0; c < 64; c++) {
                    assertEquals(500L * (c + 1), out[t][c]);
                }
            }
        }
    }

    @Test
    void anInterruptDoesNotCutACallShortAndStaysSet() {
        try (Chunks chunks = new Chunks(2)) {
            int[] out = new int[2];
            Thread.currentThread().interrupt();
            // chunk 1 outlasts the caller's spin, so the caller parks with its interrupt flag set
            chunks.run(2, c -> {
                if (c == 1) {
                    busyFor(Chunks.SPIN_NANOS / 1_000_000 + 30);
                }
                out[c] = 1;
            });
            assertTrue(Thread.interrupted(), "the interrupt was lost");
            assertArrayEquals(new int[] {1, 1}, out);
        }
    }

    @Test
    void afterCloseCallsRunOnTheCaller() {
        Chunks chunks = new Chunks(2);
        chunks.close();
        Set threads = new Set();
        chunks.run(8, c -> threads.add(Thread.currentThread().getName()));
        assertEquals(java.util.Set.of(Thread.currentThread().getName()), threads.names);
    }

    @Test
    void oneThreadIsTheCallerAlone() {
        try (Chunks chunks = new Chunks(1)) {
            Set threads = new Set();
            chunks.run(5, c -> threads.add(Thread.currentThread().getName()));
            assertEquals(java.util.Set.of(Thread.currentThread().getName()), threads.names);
            assertEquals(1, chunks.threads());
        }
        assertThrows(IllegalArgumentException.class, () -> new Chunks(0));
    }

    /** Busy for {@code millis} ms (not Thread.sleep, which an interrupt of the caller would cut short). */
    private static void busyFor(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** Names of the threads that ran chunks. */
    private static final class Set {
        final java.util.Set<String> names = ConcurrentHashMap.newKeySet();

        void add(String name) {
            names.add(name);
        }

        boolean contains(String name) {
            return names.contains(name);
        }

        @Override
        public String toString() {
            return names.toString();
        }
    }
}
