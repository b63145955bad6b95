package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.npy.NpyArray;
import org.ufm.npy.NpyWriter;
import org.ufm.npy.Npz;
import org.ufm.npy.PythonNumpy;
import org.ufm.point.PointFile;

/** {@code solve --save} and {@code solve --start}: the saved point is the solver's, bit for bit, in any sample order. */
class SaveStartTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void savedPointHasTheSolversObjectiveBitsAndRestartsWhereItStopped() throws IOException {
        Path p = dir.resolve("p.npz");
        CliRun r = CliRun.of("solve", "--classes", "4", "--per-class", "5", "--dim", "8", "--threads", "1", "--json",
                "--save", p.toString());
        assertEquals(0, r.code, r.toString());
        double f = JSON.readTree(r.out).get("objective").asDouble();
        try (Chunks one = new Chunks(1)) {
            EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 5e-4, true, one);
            PointFile.Loaded l = PointFile.load(p, m);
            assertEquals(Double.doubleToLongBits(f), Double.doubleToLongBits(m.value(l.x)));
            assertFalse(l.permuted);
        }
        CliRun again = CliRun.of("solve", "--classes", "4", "--per-class", "5", "--dim", "8", "--threads", "1", "--json",
                "--start", p.toString());
        assertEquals(0, again.code, again.toString());
        JsonNode j = JSON.readTree(again.out);
        assertEquals(0, j.get("iterations").asInt());
        assertEquals(f, j.get("objective").asDouble(), 0.0);
        assertEquals(p.toString(), j.get("start").get("file").asText());
        if (PythonNumpy.available()) {
            String out = PythonNumpy.run(String.join("\n", "import numpy as np", "z = np.load('p.npz')",
                    "print(sorted(z.keys()), z['W'].shape, z['H'].shape, z['b'].shape, z['y'].dtype, list(z['y'][:5]))", ""), dir);
            assertEquals("['H', 'W', 'b', 'y'] (4, 8) (20, 8) (4,) int64 [0, 1, 2, 3, 0]", out);
        }
    }

    @Test
    void shuffledSamplesAreMatchedToTheModelsLabelling() throws IOException {
        Path p = dir.resolve("p.npz");
        assertEquals(0, CliRun.of("solve", "--classes", "3", "--per-class", "4", "--dim", "5", "--threads", "1",
                "--max-iter", "7", "--json", "--save", p.toString()).code);
        Map<String, NpyArray> m = new LinkedHashMap<>();
        double[] h;
        long[] y;
        try (Npz z = Npz.open(p)) {
            m.put("W", z.get("W"));
            m.put("b", z.get("b"));
            h = z.get("H").reals(12, 5);
            y = z.get("y").integers(12);
        }
        int[] perm = {7, 2, 11, 0, 5, 9, 1, 3, 10, 4, 8, 6};
        double[] hs = new double[h.length];
        long[] ys = new long[12];
        for (int j = 0; j < 12; j++) {
            System.arraycopy(h, perm[j] * 5, hs, j * 5, 5);
            ys[j] = y[perm[j]];
        }
        m.put("H", NpyArray.of(hs, 12, 5));
        m.put("y", NpyArray.ofIntegers(ys));
        Path q = dir.resolve("shuffled.npz");
        NpyWriter.writeNpz(q, m, true);
        try (Chunks one = new Chunks(1)) {
            EuclideanUfm model = EuclideanUfm.crossEntropy(Labels.balanced(3, 4), 5, 5e-4, 5e-4, 5e-4, true, one);
            PointFile.Loaded a = PointFile.load(p, model);
            PointFile.Loaded b = PointFile.load(q, model);
            assertTrue(b.permuted);
            // within a class the order may differ; the objective is invariant to it
            assertEquals(model.value(a.x), model.value(b.x), 1e-15);
            assertArrayEquals(model.classifierRows(a.x), model.classifierRows(b.x));
        }
    }

    @Test
    void sphereRowsAreNormalisedAndTheJsonSaysSo() throws IOException {
        Random r = new Random(2);
        double[] w = new double[3 * 4];
        double[] h = new double[6 * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = 3 * r.nextGaussian();
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = 3 * r.nextGaussian();
        }
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("W", NpyArray.of(w, 3, 4));
        m.put("H", NpyArray.of(h, 6, 4));
        Path p = dir.resolve("s.npz");
        NpyWriter.writeNpz(p, m, false);
        CliRun run = CliRun.of("solve", "--model", "sphere", "--classes", "3", "--per-class", "2", "--dim", "4",
                "--threads", "1", "--max-iter", "0", "--json", "--start", p.toString());
        assertEquals(0, run.code, run.toString());
        JsonNode s = JSON.readTree(run.out).get("start");
        assertTrue(s.get("normalised").asBoolean());
        assertTrue(s.get("maxNormChange").asDouble() > 0.1);
        assertFalse(s.get("labelsFromFile").asBoolean());
        try (Chunks one = new Chunks(1)) {
            org.ufm.model.SphereUfm model = new org.ufm.model.SphereUfm(Labels.balanced(3, 2), 4, 5.0, one);
            PointFile.Loaded l = PointFile.load(p, model);
            assertTrue(model.manifold().constraintViolation(l.x) < 1e-15);
            double[][] rows = model.classifierRows(l.x);
            double norm = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2] + w[3] * w[3]);
            for (int i = 0; i < 4; i++) {
                assertEquals(w[i] / norm, rows[0][i], 1e-15);
            }
        }
    }

    @Test
    void pointsThatDoNotFitTheModelExitTwo() throws IOException {
        Path p = dir.resolve("p.npz");
        assertEquals(0, CliRun.of("solve", "--classes", "4", "--per-class", "3", "--dim", "6", "--threads", "1",
                "--max-iter", "3", "--json", "--save", p.toString()).code);
        Map<String, NpyArray> noH = new LinkedHashMap<>();
        try (Npz z = Npz.open(p)) {
            noH.put("W", z.get("W"));
        }
        Path q = dir.resolve("noH.npz");
        NpyWriter.writeNpz(q, noH, false);
        String[][] cases = {
            {"expected (5, 6)", "--classes", "5", "--per-class", "3", "--dim", "6", "--start", p.toString()},
            {"expected (4, 7)", "--classes", "4", "--per-class", "3", "--dim", "7", "--start", p.toString()},
            {"has a bias b", "--classes", "4", "--per-class", "3", "--dim", "6", "--no-bias", "--start", p.toString()},
            {"no array 'H'", "--classes", "4", "--per-class", "3", "--dim", "6", "--start", q.toString()},
            {"class 0 has 3 samples in y, the model has 2", "--class-sizes", "2,3,3,4", "--dim", "6", "--start", p.toString()},
            {"no writable folder", "--classes", "4", "--save", dir.resolve("no/such/dir/p.npz").toString()},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length];
            args[0] = "solve";
            System.arraycopy(c, 1, args, 1, c.length - 1);
            CliRun run = CliRun.of(args);
            assertEquals(2, run.code, c[0] + ": " + run);
            assertTrue(run.oneErrorLine() && run.err.contains(c[0]), c[0] + ": " + run);
        }
        assertFalse(Files.exists(dir.resolve("no")));
    }
}
