package org.ufm.certificate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.compute.Pieces;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;

/** The blocked Gram-Schmidt passes against plain loops, and Lanczos bit-identical for 1, 2 and 3 threads. */
class BasisPassesTest {

    private static List<double[]> vectors(Random r, int k, int n) {
        List<double[]> v = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = r.nextGaussian();
            }
            v.add(u);
        }
        return v;
    }

    @Test
    void passesMatchPlainLoopsAndAreThreadIndependent() {
        int n = 70_001;
        int k = 7;
        Random r = new Random(2);
        List<double[]> v = vectors(r, k, n);
        double[] w0 = vectors(r, 1, n).get(0);
        double[] wantC = new double[k];
        double[] wantW = w0.clone();
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                wantC[j] += v.get(j)[i] * w0[i];
            }
        }
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                wantW[i] -= wantC[j] * v.get(j)[i];
            }
        }
        double wantNorm = 0.0;
        for (int i = 0; i < n; i++) {
            wantNorm += w0[i] * w0[i];
        }
        double[][] cs = new double[3][];
        double[][] ws = new double[3][];
        double[] norms = new double[3];
        for (int t = 1; t <= 3; t++) {
            try (Chunks chunks = new Chunks(t)) {
                BasisPasses p = new BasisPasses(new Pieces(n, chunks));
                double[] c = new double[k];
                double[] w = w0.clone();
                norms[t - 1] = p.coefficients(v, k, w, c);
                p.subtract(v, k, c, w);
                cs[t - 1] = c;
                ws[t - 1] = w;
            }
        }
        for (int j = 0; j < k; j++) {
            assertEquals(wantC[j], cs[0][j], 1e-10 * Math.sqrt(n));
        }
        assertArrayEquals(wantW, ws[0], 1e-9);
        assertEquals(wantNorm, norms[0], 1e-12 * wantNorm);
        for (int t = 2; t <= 3; t++) {
            assertEquals(norms[0], norms[t - 1], 0.0, t + " threads");
            assertArrayEquals(cs[0], cs[t - 1], 0.0, t + " threads");
            assertArrayEquals(ws[0], ws[t - 1], 0.0, t + " threads");
        }
    }

    @Test
    void lanczosOnALargeProblemIsIndependentOfTheThreadCount() {
        double[] values = new double[3];
        double[][] vectors = new double[3][];
        for (int t = 1; t <= 3; t++) {
            try (Chunks c = new Chunks(t)) {
                UfmModel m = EuclideanUfm.crossEntropy(Labels.balanced(10, 1000), 8, 5e-4, 5e-4, 5e-4, true, c);
                double[] x = new double[m.ambientDimension()];
                m.initialPoint(new Random(7), 1.0, x);
                HessianSpectrum.Ritz ritz = HessianSpectrum.lanczos(new Problem(m.manifold(), m), x,
                        Collections.emptyList(), 12, 1L);
                values[t - 1] = ritz.value;
                vectors[t - 1] = ritz.vector;
            }
        }
        assertEquals(values[0], values[1], 0.0);
        assertEquals(values[0], values[2], 0.0);
        assertArrayEquals(vectors[0], vectors[1], 0.0);
        assertArrayEquals(vectors[0], vectors[2], 0.0);
    }
}
