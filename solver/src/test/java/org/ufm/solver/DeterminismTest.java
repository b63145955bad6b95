package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/** Results are bit-for-bit identical for 1, 2 and 3 threads (N large enough for several chunks). */
class DeterminismTest {

    private static double[] run(UfmModel m) {
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(7), 1.0, x0);
        Result r = GradientDescent.armijo().minimize(new Problem(m.manifold(), m), x0,
                StoppingCriterion.standard(0, 15, 0, 60), new Trace());
        return r.x();
    }

    @Test
    void crossEntropyIsIndependentOfTheThreadCount() {
        double[][] xs = new double[3][];
        for (int t = 1; t <= 3; t++) {
            try (Chunks c = new Chunks(t)) {
                xs[t - 1] = run(EuclideanUfm.crossEntropy(Labels.balanced(5, 1000), 6, 5e-4, 5e-4, 1e-4, true, c));
            }
        }
        assertArrayEquals(xs[0], xs[1], 0.0);
        assertArrayEquals(xs[0], xs[2], 0.0);
    }

    @Test
    void sphereIsIndependentOfTheThreadCount() {
        double[] one;
        double[] two;
        try (Chunks c = new Chunks(1)) {
            one = run(new SphereUfm(Labels.balanced(3, 1500), 4, 5.0, c));
        }
        try (Chunks c = new Chunks(2)) {
            two = run(new SphereUfm(Labels.balanced(3, 1500), 4, 5.0, c));
        }
        assertEquals(one.length, two.length);
        assertArrayEquals(one, two, 0.0);
    }

    /** The new solvers add only thread-independent vector operations on top of the engine. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"bb", "cg", "lbfgs", "tr"})
    void everySolverIsIndependentOfTheThreadCount(String name) {
        double[][] xs = new double[2][];
        for (int t = 1; t <= 2; t++) {
            try (Chunks c = new Chunks(t)) {
                UfmModel m = new SphereUfm(Labels.balanced(3, 300), 4, 5.0, c);
                double[] x0 = new double[m.ambientDimension()];
                m.initialPoint(new Random(7), 1.0, x0);
                xs[t - 1] = Solvers.create(name, Double.NaN).minimize(new Problem(m.manifold(), m), x0,
                        StoppingCriterion.standard(0, 12, 0, 60), new Trace()).x();
            }
        }
        assertArrayEquals(xs[0], xs[1], 0.0);
    }

    /**
     * L-BFGS on problems large enough for the vector passes to be split over the threads (n >= 65536): its
     * fused passes on R^n and on the oblique manifold give the same iterates, bit for bit, for 1, 2 and 3 threads.
     */
    @Test
    void lbfgsOnLargeProblemsIsIndependentOfTheThreadCount() {
        for (String model : new String[] {"ce", "sphere"}) {
            double[][] xs = new double[3][];
            for (int t = 1; t <= 3; t++) {
                try (Chunks c = new Chunks(t)) {
                    UfmModel m = model.equals("ce")
                            ? EuclideanUfm.crossEntropy(Labels.balanced(10, 1000), 8, 5e-4, 5e-4, 5e-4, true, c)
                            : new SphereUfm(Labels.balanced(3, 6000), 4, 5.0, c);
                    double[] x0 = new double[m.ambientDimension()];
                    m.initialPoint(new Random(7), 1.0, x0);
                    xs[t - 1] = new Lbfgs(Lbfgs.DEFAULT_MEMORY).minimize(new Problem(m.manifold(), m), x0,
                            StoppingCriterion.standard(0, 15, 0, 60), new Trace()).x();
                }
            }
            assertArrayEquals(xs[0], xs[1], 0.0, model);
            assertArrayEquals(xs[0], xs[2], 0.0, model);
        }
    }
}
