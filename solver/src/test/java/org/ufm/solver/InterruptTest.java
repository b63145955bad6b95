package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;

/** An interrupt (what Ctrl-C turns into) stops every solver with its last iterate, not an exception. */
class InterruptTest {

    static java.util.List<String> solvers() {
        return Solvers.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solvers")
    void interruptedSolveReturnsItsLastIterate(String solver) {
        try (Chunks chunks = new Chunks(2)) {
            EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(3, 300), 4, 5e-4, 5e-4, 0, true, chunks);
            double[] x0 = new double[m.ambientDimension()];
            m.initialPoint(new Random(1), 1.0, x0);
            Trace trace = new Trace();
            trace.listen((row, x) -> {
                if (row.iteration() == 3) {
                    Thread.currentThread().interrupt();
                }
            });
            Result r = Solvers.create(solver, 1e-3).minimize(new Problem(m.manifold(), m), x0,
                    StoppingCriterion.standard(0, 1000, 0, 60), trace);
            assertTrue(Thread.interrupted(), "the interrupt flag is passed on, not swallowed");
            assertEquals(StopReason.INTERRUPTED, r.stopReason());
            assertEquals(3, r.iterations());
            assertEquals(m.value(r.x()), r.cost(), 0.0);
        }
    }
}
