package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/** L-BFGS and trust regions to 1e-12 relative at the largest size of the brief (K=100, n=20, d=128); run with -Pslow. */
@Tag("slow")
class LargeSolveTest {

    private static final Chunks CHUNKS = new Chunks(2);

    private static void check(UfmModel m, double fstar, Solver s) {
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(3), 1.0, x0);
        Result r = s.minimize(new Problem(m.manifold(), m), x0, StoppingCriterion.standard(1e-9, 100_000, 0, 1200), new Trace());
        assertEquals(StopReason.CONVERGED, r.stopReason(), s.name());
        assertEquals(fstar, r.cost(), 1e-12 * fstar, s.name());
    }

    @ParameterizedTest(name = "{0} K={1} n={2} d={3}")
    @CsvSource({"lbfgs, 100, 20, 128", "tr, 100, 20, 128", "lbfgs, 50, 10, 64", "tr, 50, 10, 64"})
    void reachesTheClosedForm(String solver, int k, int n, int d) {
        check(EuclideanUfm.crossEntropy(Labels.balanced(k, n), d, 5e-4, 5e-4, 5e-4, true, CHUNKS),
                CrossEntropyClosedForm.of(k, n, 5e-4, 5e-4).fstar, Solvers.create(solver, Double.NaN));
        check(new SphereUfm(Labels.balanced(k, n), d, 5.0, CHUNKS), SphereClosedForm.fstar(k, 5.0),
                Solvers.create(solver, Double.NaN));
    }
}
