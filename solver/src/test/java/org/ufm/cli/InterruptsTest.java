package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.Solvers;
import org.ufm.solver.StopReason;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * Issue 17 items 1-2: what the shutdown hook does on SIGINT/SIGTERM, played in-process. The hook stops the
 * solve (its last iterate comes back) and then waits for the guard to close (the result printed), not for
 * the command's thread, which in a real run is blocked inside System.exit.
 */
class InterruptsTest {

    @Test
    void aSignalStopsTheSolveAndTheHookReturnsAsSoonAsTheResultIsPrinted() throws Exception {
        try (Chunks chunks = new Chunks(1)) {
            EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(3, 20), 4, 5e-4, 5e-4, 5e-4, true, chunks);
            double[] x0 = new double[m.ambientDimension()];
            m.initialPoint(new Random(1), 1.0, x0);
            Interrupts guard = Interrupts.forTest();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch hookDone = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                try {
                    started.await();
                } catch (InterruptedException e) {
                    return;
                }
                guard.onSignal();
                hookDone.countDown();
            });
            hook.start();
            Trace trace = new Trace(false).listen((row, x) -> {
                if (row.iteration() == 5) {
                    started.countDown();
                }
            });
            Result r = guard.run(() -> Solvers.create("gd", 1e-6).minimize(new Problem(m.manifold(), m), x0,
                    StoppingCriterion.standard(0, Integer.MAX_VALUE, 0, 600), trace));
            assertEquals(StopReason.INTERRUPTED, r.stopReason());
            assertTrue(guard.interrupted());
            assertFalse(Thread.currentThread().isInterrupted(), "printing after the solve runs uninterrupted");
            assertEquals(m.value(r.x()), r.cost(), 0.0);
            assertFalse(hookDone.await(200, TimeUnit.MILLISECONDS), "the hook waits while the result is not printed");
            guard.close();
            assertTrue(hookDone.await(1, TimeUnit.SECONDS), "closing the guard releases the hook at once");
            hook.join(1000);
        }
    }

    @Test
    void withoutASignalNothingIsInterrupted() {
        try (Interrupts guard = Interrupts.forTest()) {
            Result r = guard.run(() -> new Result("none", new double[] {1.0}, 0.0, 0.0, 0, StopReason.CONVERGED, 0.0, new Trace(false)));
            assertEquals(StopReason.CONVERGED, r.stopReason());
            assertFalse(guard.interrupted());
        }
    }
}
