package org.ufm.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;

/** transportAll gives, bit for bit, what transport gives one vector at a time, for 1, 2 and 3 threads. */
class TransportAllTest {

    @Test
    void obliqueTransportAllIsTransportOneByOne() {
        int d = 16;
        int m = 5000; // 80,000 entries: split into pieces
        for (int threads = 1; threads <= 3; threads++) {
            try (Chunks chunks = new Chunks(threads)) {
                Oblique ob = new Oblique(d, m, chunks);
                Random r = new Random(3);
                double[] x = new double[d * m];
                double[] y = new double[d * m];
                ob.randomPoint(r, 1.0, x);
                ob.randomPoint(r, 1.0, y);
                double[][] vs = new double[4][d * m];
                double[][] want = new double[4][];
                for (int v = 0; v < 4; v++) {
                    for (int i = 0; i < d * m; i++) {
                        vs[v][i] = r.nextGaussian();
                    }
                    want[v] = new double[d * m];
                    new Oblique(d, m).transport(x, y, vs[v], want[v]);
                }
                double[] fourth = vs[3].clone();
                ob.transportAll(x, y, vs, 3);
                for (int v = 0; v < 3; v++) {
                    assertArrayEquals(want[v], vs[v], 0.0, threads + " threads, vector " + v);
                }
                assertArrayEquals(fourth, vs[3], 0.0, "the vector past count is untouched");
            }
        }
    }

    /**
     * Float vectors carried with double ones in one pass: each float vector gets, bit for bit, its widened copy
     * transported one vector at a time and rounded back to float (1, 2 and 3 threads), the double vectors what
     * transport gives them, and the interface's default (any manifold) gives the same bits as the oblique pass.
     */
    @Test
    void obliqueTransportAllOfFloatVectorsIsTheRoundedDoubleTransport() {
        int d = 16;
        int m = 5000;
        for (int threads = 1; threads <= 3; threads++) {
            try (Chunks chunks = new Chunks(threads)) {
                Oblique ob = new Oblique(d, m, chunks);
                Random r = new Random(4);
                double[] x = new double[d * m];
                double[] y = new double[d * m];
                ob.randomPoint(r, 1.0, x);
                ob.randomPoint(r, 1.0, y);
                double[][] ds = new double[2][d * m];
                float[][] fs = new float[3][d * m];
                for (int i = 0; i < d * m; i++) {
                    ds[0][i] = r.nextGaussian();
                    ds[1][i] = r.nextGaussian();
                    for (int v = 0; v < 3; v++) {
                        fs[v][i] = (float) r.nextGaussian();
                    }
                }
                Oblique one = new Oblique(d, m);
                double[][] wantD = new double[2][d * m];
                for (int v = 0; v < 2; v++) {
                    one.transport(x, y, ds[v], wantD[v]);
                }
                float[][] wantF = new float[2][d * m];
                for (int v = 0; v < 2; v++) {
                    double[] wide = new double[d * m];
                    for (int i = 0; i < d * m; i++) {
                        wide[i] = fs[v][i];
                    }
                    one.transport(x, y, wide, wide);
                    for (int i = 0; i < d * m; i++) {
                        wantF[v][i] = (float) wide[i];
                    }
                }
                float[] third = fs[2].clone();
                float[][] viaDefault = {fs[0].clone(), fs[1].clone()};
                double[][] dsDefault = {ds[0].clone(), ds[1].clone()};
                ob.transportAll(x, y, ds, 2, fs, 2);
                for (int v = 0; v < 2; v++) {
                    assertArrayEquals(wantD[v], ds[v], 0.0, threads + " threads, double vector " + v);
                    assertArrayEquals(wantF[v], fs[v], 0.0f, threads + " threads, float vector " + v);
                }
                assertArrayEquals(third, fs[2], 0.0f, "the float vector past count is untouched");
                Manifold plain = new Manifold() {
                    @Override
                    public int ambientDimension() {
                        return d * m;
                    }

                    @Override
                    public int dimension() {
                        return (d - 1) * m;
                    }

                    @Override
                    public void project(double[] p, double[] u, double[] out) {
                        one.project(p, u, out);
                    }

                    @Override
                    public void retract(double[] p, double[] xi, double t, double[] out) {
                        one.retract(p, xi, t, out);
                    }

                    @Override
                    public void ehessToRhess(double[] p, double[] egrad, double[] ehess, double[] xi, double[] out) {
                        one.ehessToRhess(p, egrad, ehess, xi, out);
                    }

                    @Override
                    public double constraintViolation(double[] p) {
                        return one.constraintViolation(p);
                    }

                    @Override
                    public void randomPoint(Random random, double scale, double[] out) {
                        one.randomPoint(random, scale, out);
                    }
                };
                plain.transportAll(x, y, dsDefault, 2, viaDefault, 2);
                for (int v = 0; v < 2; v++) {
                    assertArrayEquals(wantD[v], dsDefault[v], 0.0, "default, double vector " + v);
                    assertArrayEquals(wantF[v], viaDefault[v], 0.0f, "default, float vector " + v);
                }
            }
        }
    }
}
