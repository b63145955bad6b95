package org.ufm.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.certificate.Certificate;
import org.ufm.closedform.SimplexEtf;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.IterationListener;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.Problem;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/** ULPM margins (SPEC.md 1c, 3.4, 6 row 5). */
class MarginsTest {

    private static final Chunks ONE = new Chunks(1);

    @Test
    void specValues() {
        assertEquals(13.4164078649987, Margins.minNormValue(4, 5), 1e-12);
        assertEquals(0.0745356, Margins.limit(4, 5), 1e-7);
    }

    /** The min-norm ETF solution: ||w_k||^2 = (K-1) sqrt(n)/K, h = w_y/sqrt(n); all margins 1, gamma = gamma*. */
    @Test
    void minNormEtfSolutionAttainsTheLimit() {
        int k = 5;
        int n = 3;
        int d = 6;
        double[][] etf = SimplexEtf.rows(k, d, SimplexEtf.randomOrthogonal(d, new Random(2)));
        double a = Math.sqrt((k - 1) * Math.sqrt(n) / k);
        double[][] w = new double[k][d];
        double[][] h = new double[k * n][d];
        int[] y = new int[k * n];
        double norm = 0;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                w[c][j] = a * etf[c][j];
                norm += w[c][j] * w[c][j];
            }
        }
        for (int s = 0; s < k * n; s++) {
            y[s] = s % k;
            for (int j = 0; j < d; j++) {
                h[s][j] = w[y[s]][j] / Math.sqrt(n);
                norm += h[s][j] * h[s][j];
            }
        }
        assertEquals(Margins.minNormValue(k, n), norm, 1e-12);
        assertEquals(1.0, Margins.minimum(w, h, y), 1e-12);
        assertEquals(Margins.limit(k, n), Margins.normalized(w, h, y), 1e-14);
        // scale invariance (W, H) -> (3W, 3H)
        for (double[] r : w) {
            for (int j = 0; j < d; j++) {
                r[j] *= 3;
            }
        }
        for (double[] r : h) {
            for (int j = 0; j < d; j++) {
                r[j] *= 3;
            }
        }
        assertEquals(Margins.limit(k, n), Margins.normalized(w, h, y), 1e-14);
    }

    @Test
    void ulpmHasNoOptimum() {
        assertNull(Certificate.optimum(EuclideanUfm.ulpm(Labels.balanced(4, 5), 8, ONE)));
        assertNull(Certificate.optimum(EuclideanUfm.ulpm(Labels.ofClassSizes(new int[] {4, 1, 2}), 8, ONE)));
    }

    /** SPEC 6 row 5 reduced to 3000 iterations: gamma grows at 100, 300, 1000, 3000 and stays below gamma*. */
    @Test
    void gradientDescentRaisesTheNormalisedMarginTowardTheLimit() {
        EuclideanUfm m = EuclideanUfm.ulpm(Labels.balanced(4, 5), 8, ONE);
        int[] y = m.labels().toArray();
        int[] at = {100, 300, 1000, 3000};
        double[] gamma = new double[at.length];
        for (long seed = 1; seed <= 3; seed++) {
            double[] x0 = new double[m.ambientDimension()];
            m.initialPoint(new Random(seed), 0.1, x0);
            Trace t = new Trace(false).listen(new IterationListener() {
                private int i;

                @Override
                public void onIteration(IterationRecord row, double[] x) {
                    if (i < at.length && row.iteration() == at[i]) {
                        gamma[i++] = Margins.normalized(m.classifierRows(x), m.featureColumns(x), y);
                    }
                }
            });
            GradientDescent.fixedStep(0.5).minimize(new Problem(m.manifold(), m), x0, StoppingCriterion.maxIterations(3000), t);
            for (int i = 0; i < at.length; i++) {
                assertTrue(gamma[i] > 0 && gamma[i] < Margins.limit(4, 5), "seed " + seed + " at " + at[i] + ": " + gamma[i]);
                if (i > 0) {
                    assertTrue(gamma[i] > gamma[i - 1], "seed " + seed + " increases to " + at[i]);
                }
            }
            assertTrue(gamma[at.length - 1] > 0.85 * Margins.limit(4, 5), "seed " + seed + ": " + gamma[at.length - 1]);
        }
    }
}
