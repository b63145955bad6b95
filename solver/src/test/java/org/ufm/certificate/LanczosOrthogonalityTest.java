package org.ufm.certificate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.manifold.Euclidean;

/**
 * The Lanczos reorthogonalisation subtracts exactly what exceeds {@link HessianSpectrum#ORTHOGONALITY} and
 * nothing when nothing does: checked against plain-loop inner products on an orthonormal basis.
 */
class LanczosOrthogonalityTest {

    private static final int N = 70_001;

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** k orthonormal Gaussian vectors (modified Gram-Schmidt, twice) and a unit vector orthogonal to them. */
    private static List<double[]> orthonormal(Random r, int k) {
        List<double[]> v = new ArrayList<>();
        while (v.size() < k) {
            double[] u = new double[N];
            for (int i = 0; i < N; i++) {
                u[i] = r.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (double[] q : v) {
                    double c = dot(q, u);
                    for (int i = 0; i < N; i++) {
                        u[i] -= c * q[i];
                    }
                }
            }
            double s = Math.sqrt(dot(u, u));
            for (int i = 0; i < N; i++) {
                u[i] /= s;
            }
            v.add(u);
        }
        return v;
    }

    private static double largestComponent(List<double[]> v, double[] w) {
        double max = 0.0;
        for (double[] q : v) {
            max = Math.max(max, Math.abs(dot(q, w)));
        }
        return max / Math.sqrt(dot(w, w));
    }

    /** {@link HessianSpectrum#orthogonalise} of w against v in R^N, on 2 threads; returns what it returns, ||w||^2. */
    private static double orthogonalise(List<double[]> v, double[] w) {
        try (Chunks chunks = new Chunks(2)) {
            Euclidean m = new Euclidean(N, chunks);
            return HessianSpectrum.orthogonalise(m, new double[N], Collections.emptyList(),
                    new BasisPasses(m.entryPieces()), v, w, new double[v.size()]);
        }
    }

    @Test
    void componentsAboveTheLevelAreRemovedAndTheNormIsReturned() {
        Random r = new Random(3);
        List<double[]> all = orthonormal(r, 7);
        List<double[]> v = all.subList(0, 6);
        double[] w = all.get(6).clone();
        for (int i = 0; i < N; i++) {
            w[i] += 1e-3 * v.get(2)[i] + 1e-9 * v.get(4)[i] + 1e-14 * v.get(0)[i];
        }
        assertTrue(largestComponent(v, w) > 1e-4);
        double ww = orthogonalise(v, w);
        assertEquals(dot(w, w), ww, 1e-12 * ww);
        double left = largestComponent(v, w);
        assertTrue(left <= HessianSpectrum.ORTHOGONALITY, "left " + left);
    }

    @Test
    void aVectorOrthogonalWithinTheLevelIsLeftAsItIs() {
        Random r = new Random(4);
        List<double[]> all = orthonormal(r, 6);
        List<double[]> v = all.subList(0, 5);
        double[] w = all.get(5).clone();
        for (int i = 0; i < N; i++) {
            w[i] += 1e-14 * v.get(1)[i] - 3e-15 * v.get(3)[i];
        }
        double[] before = w.clone();
        double ww = orthogonalise(v, w);
        assertArrayEquals(before, w, 0.0);
        assertEquals(dot(w, w), ww, 1e-12 * ww);
    }
}
