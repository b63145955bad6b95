package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.check.ForwardingObjective;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/**
 * L-BFGS's initial Hessian gamma_b I per block of variables: the UFM models declare their blocks (W, H on the sphere;
 * W with H, then b, for the Euclidean models), and on
 * the sphere model, whose H block's curvature is far below W's, the per-block scales save iterations against one
 * scale for everything (the same model with its blocks hidden) and reach the same closed-form optimum.
 */
class LbfgsBlockScalingTest {

    private static final Chunks ONE = new Chunks(1);

    /** The same objective with one block. */
    private static Objective oneBlock(UfmModel m) {
        return new ForwardingObjective(m) {
            @Override
            public int[] blockStarts() {
                return new int[] {0};
            }
        };
    }

    private static Result solve(UfmModel m, Objective f, long seed) {
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(seed), 1.0, x0);
        return new Lbfgs(Lbfgs.DEFAULT_MEMORY).minimize(new Problem(m.manifold(), f), x0,
                StoppingCriterion.standard(1e-9, 100_000, 0, 120), new Trace());
    }

    @Test
    void modelsDeclareTheirBlocks() {
        EuclideanUfm ce = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 5e-4, true, ONE);
        assertArrayEquals(new int[] {0, 32 + 160}, ce.blockStarts());
        EuclideanUfm noBias = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 0, false, ONE);
        assertArrayEquals(new int[] {0}, noBias.blockStarts());
        assertArrayEquals(new int[] {0, 32}, new SphereUfm(Labels.balanced(4, 5), 8, 5.0, ONE).blockStarts());
    }

    @Test
    void perBlockScalesSaveIterationsOnTheSphere() {
        int k = 20;
        int n = 20;
        double tau = 5.0;
        SphereUfm m = new SphereUfm(Labels.balanced(k, n), 32, tau, ONE);
        double fstar = SphereClosedForm.fstar(k, tau);
        int blocked = 0;
        int single = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Result b = solve(m, m, seed);
            Result s = solve(m, oneBlock(m), seed);
            for (Result r : new Result[] {b, s}) {
                assertEquals(StopReason.CONVERGED, r.stopReason());
                assertEquals(fstar, r.cost(), 1e-12 * fstar, "seed " + seed);
            }
            blocked += b.iterations();
            single += s.iterations();
        }
        assertTrue(blocked < 0.8 * single, "per-block scales " + blocked + " iterations, one scale " + single);
    }

    @Test
    void badBlockStartsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VariableBlocks(new int[] {1, 5}, 10));
        assertThrows(IllegalArgumentException.class, () -> new VariableBlocks(new int[] {0, 5, 5}, 10));
        assertThrows(IllegalArgumentException.class, () -> new VariableBlocks(new int[] {0, 10}, 10));
        VariableBlocks b = new VariableBlocks(new int[] {0, 4, 9}, 10);
        assertEquals(3, b.count());
        assertEquals(1, b.first(8));
        assertEquals(2, b.first(9));
        assertEquals(10, b.end(2));
    }
}
