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
}
