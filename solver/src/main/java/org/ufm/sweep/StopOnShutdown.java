package org.ufm.sweep;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On Ctrl-C or SIGTERM, asks a running sweep engine to stop and holds the JVM's exit for up to 60 s until
 * {@link #close()} says the sweep has finished writing, so no finished cell is lost. Used by the local engine's
 * command and by the Spark driver.
 */
public final class StopOnShutdown implements AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final String name;
    private final boolean install;
    private Thread hook;

    /**
     * @param name    the hook thread's name
     * @param install false leaves the JVM's hooks alone (in-process callers such as tests)
     */
    public StopOnShutdown(String name, boolean install) {
        this.name = name;
        this.install = install;
    }

    /** From now on a shutdown runs {@code stop} (e.g. the engine's stop) and waits for {@link #close()}. */
    public void onSignal(Runnable stop) {
        if (!install || hook != null) {
            return;
        }
        hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The sweep has finished writing: a running hook may let the JVM exit; an idle hook is removed. */
    @Override
    public void close() {
        finished.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and waits for the latch released above
            }
        }
    }
}
