package org.ufm.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/**
 * {@link NeuralCollapseMetrics#awaitTables}: it returns only once the tables' thread has ended (not when the task's
 * result is set), passes on what the task threw, and keeps an interrupt that arrives while it waits.
 */
class TablesThreadTest {

    /** A thread that runs the task and then goes on for {@code afterMillis}: the window the join must cover. */
    private static Thread lingering(FutureTask<?> task, long afterMillis) {
        Thread t = new Thread(() -> {
            task.run();
            try {
                Thread.sleep(afterMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tables-under-test");
        t.setDaemon(true);
        return t;
    }

    @Test
    void returnsTheResultOnlyAfterTheThreadHasEnded() {
        FutureTask<String> task = new FutureTask<>(() -> "tables");
        Thread t = lingering(task, 200);
        t.start();
        assertEquals("tables", NeuralCollapseMetrics.awaitTables(task, t));
        assertFalse(t.isAlive(), "the thread outlived the call");
    }

    @Test
    void rethrowsWhatTheTaskThrewAfterTheThreadHasEnded() {
        IllegalStateException boom = new IllegalStateException("tables failed");
        FutureTask<String> task = new FutureTask<>(() -> {
            throw boom;
        });
        Thread t = lingering(task, 100);
        t.start();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NeuralCollapseMetrics.awaitTables(task, t));
        assertSame(boom, e);
        assertFalse(t.isAlive());
        FutureTask<String> error = new FutureTask<>(() -> {
            throw new StackOverflowError("deep");
        });
        Thread u = lingering(error, 50);
        u.start();
        assertEquals("deep", assertThrows(StackOverflowError.class,
                () -> NeuralCollapseMetrics.awaitTables(error, u)).getMessage());
        assertFalse(u.isAlive());
    }

    @Test
    void anInterruptWhileWaitingIsKeptAndTheWaitGoesOn() {
        FutureTask<String> task = new FutureTask<>(() -> "tables");
        Thread t = lingering(task, 300);
        t.start();
        Thread.currentThread().interrupt(); // pending before the wait: join throws at once, the wait must go on
        try {
            assertEquals("tables", NeuralCollapseMetrics.awaitTables(task, t));
            assertFalse(t.isAlive(), "the interrupt cut the wait short");
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt was swallowed");
        } finally {
            Thread.interrupted();
        }
    }
}
