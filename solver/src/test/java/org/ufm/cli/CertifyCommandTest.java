package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.npy.NpyArray;
import org.ufm.npy.NpyWriter;
import org.ufm.npy.PythonNumpy;

/** {@code ufm certify}: outside points certified without moving them; exit 0 / 1 / 2. */
class CertifyCommandTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The closed-form CE optimum of SPEC 3.6 built in NumPy, rotated by a random orthogonal Q, samples shuffled. */
    static final String NUMPY_OPTIMUM = String.join("\n",
            "import numpy as np",
            "rng = np.random.default_rng(0)",
            "K, n, d, lam = 4, 5, 8, 5e-4",
            "c = K * np.sqrt(n * lam * lam)",
            "rho = (K - 1) / K * np.log((K - c * (K - 1)) / c)",
            "w2 = rho * np.sqrt(n * lam / lam)",
            "M = np.sqrt(K / (K - 1)) * (np.eye(K) - 1.0 / K)",
            "Q, _ = np.linalg.qr(rng.normal(size=(d, d)))",
            "W = np.sqrt(w2) * M @ Q[:K]",
            "y = rng.permutation(np.arange(K * n) % K)",
            "H = np.sqrt(lam / (lam * n)) * W[y]",
            "b = np.zeros(K)",
            "np.savez('optimum.npz', W=W, H=H, b=b, y=y)",
            "np.savez('moved.npz', W=W + 1e-3 * rng.normal(size=W.shape), H=H, b=b, y=y)",
            "noisy = H + 0.1 * rng.normal(size=H.shape)",
            "np.save('H.npy', noisy.astype(np.float32)); np.save('y.npy', y); np.save('W.npy', W)",
            "");

    private CliRun certify(String file, String... more) {
        String[] base = {"certify", "--classes", "4", "--per-class", "5", "--dim", "8", "--threads", "1", "--point",
            dir.resolve(file).toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void numpyRotatedShuffledOptimumCertifiesAndAMovedOneDoesNot() throws IOException {
        Assumptions.assumeTrue(PythonNumpy.available(), "no numpy in /usr/bin/python3");
        PythonNumpy.run(NUMPY_OPTIMUM, dir);
        CliRun ok = certify("optimum.npz", "--json");
        assertEquals(0, ok.code, ok.toString());
        JsonNode j = JSON.readTree(ok.out);
        assertTrue(j.get("certified").asBoolean());
        assertEquals("global", j.get("required").asText());
        assertTrue(j.get("point").get("permuted").asBoolean());
        assertTrue(j.get("certificate").get("secondOrder").asBoolean());
        assertTrue(j.get("certificate").get("distanceToOptimum").asDouble() < 1e-10, ok.out);
        CliRun moved = certify("moved.npz");
        assertEquals(1, moved.code, moved.toString());
        assertTrue(moved.out.contains("NOT CERTIFIED global"), moved.out);
        assertEquals(0, certify("optimum.npz", "--require", "second-order").code);
        CliRun metrics = CliRun.of("metrics", "--features", dir.resolve("H.npy").toString(), "--labels",
                dir.resolve("y.npy").toString(), "--classifier", dir.resolve("W.npy").toString());
        assertEquals(0, metrics.code, metrics.toString());
    }

    /** The README's "Check your own results" shows exactly the script this class runs. */
    @Test
    void readmeShowsTheScriptTheTestRuns() throws IOException {
        Path readme = Path.of("..", "README.md");
        Assumptions.assumeTrue(java.nio.file.Files.exists(readme), "README.md not beside the solver module");
        String text = java.nio.file.Files.readString(readme);
        for (String line : NUMPY_OPTIMUM.split("\n")) {
            assertTrue(text.contains("    " + line + "\n"), "README lacks: " + line);
        }
    }

    @Test
    void rotatedShuffledOptimumWrittenInJavaCertifiesToo() throws IOException {
        int k = 4;
        int n = 5;
        int d = 8;
        try (Chunks one = new Chunks(1)) {
            EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(k, n), d, 5e-4, 5e-4, 5e-4, true, one);
            double[] x = CrossEntropyClosedForm.optimalPoint(m, new Random(1));
            Random r = new Random(9);
            RealMatrix g = MatrixUtils.createRealMatrix(d, d);
            for (int i = 0; i < d; i++) {
                for (int t = 0; t < d; t++) {
                    g.setEntry(i, t, r.nextGaussian());
                }
            }
            RealMatrix q = new QRDecomposition(g).getQ();
            RealMatrix w = MatrixUtils.createRealMatrix(m.classifierRows(x)).multiply(q);
            RealMatrix h = MatrixUtils.createRealMatrix(m.featureColumns(x)).multiply(q);
            int[] perm = {13, 2, 19, 7, 0, 11, 5, 16, 9, 3, 18, 1, 14, 6, 10, 17, 4, 12, 8, 15};
            double[] hs = new double[k * n * d];
            long[] y = new long[k * n];
            for (int j = 0; j < k * n; j++) {
                System.arraycopy(h.getRow(perm[j]), 0, hs, j * d, d);
                y[j] = m.labels().label(perm[j]);
            }
            double[] wf = new double[k * d];
            double[] moved = new double[k * d];
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < d; i++) {
                    wf[c * d + i] = w.getEntry(c, i);
                    moved[c * d + i] = w.getEntry(c, i) + 1e-3 * r.nextGaussian();
                }
            }
            for (String[] f : new String[][] {{"java.npz", "0"}, {"javamoved.npz", "1"}}) {
                Map<String, NpyArray> a = new LinkedHashMap<>();
                a.put("W", NpyArray.of(f[1].equals("0") ? wf : moved, k, d));
                a.put("H", NpyArray.of(hs, k * n, d));
                a.put("b", NpyArray.of(m.bias(x), k));
                a.put("y", NpyArray.ofIntegers(y));
                NpyWriter.writeNpz(dir.resolve(f[0]), a, true);
                CliRun run = certify(f[0]);
                assertEquals(Integer.parseInt(f[1]), run.code, run.toString());
            }
        }
    }

    @Test
    void solveSaveThenCertifyGivesTheSameObjectiveBits() throws IOException {
        for (String[] model : new String[][] {{"--model", "ce"}, {"--model", "sphere"}, {"--model", "mse"}}) {
            Path p = dir.resolve(model[1] + ".npz");
            String[] common = {model[0], model[1], "--classes", "4", "--per-class", "3", "--dim", "5", "--threads", "1",
                "--json"};
            String[] solve = concat(new String[] {"solve", "--save", p.toString()}, common);
            CliRun s = CliRun.of(solve);
            assertEquals(0, s.code, s.toString());
            CliRun c = CliRun.of(concat(new String[] {"certify", "--point", p.toString()}, common));
            JsonNode sj = JSON.readTree(s.out);
            JsonNode cj = JSON.readTree(c.out);
            assertEquals(Double.doubleToLongBits(sj.get("objective").asDouble()),
                    Double.doubleToLongBits(cj.get("objective").asDouble()), model[1]);
            assertEquals(sj.get("certificate").get("global").asBoolean() ? 0 : 1, c.code, model[1] + ": " + c);
            assertEquals(0, c.code, model[1] + " solved to a certified optimum: " + c);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void badInputExitsTwo() throws IOException {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("W", NpyArray.of(new double[4 * 8], 4, 8));
        a.put("H", NpyArray.of(new double[20 * 8], 20, 8));
        a.put("b", NpyArray.of(new double[4], 4));
        a.put("y", NpyArray.ofIntegers(new long[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 9}));
        NpyWriter.writeNpz(dir.resolve("badlabel.npz"), a, false);
        a.put("y", NpyArray.ofIntegers(new long[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}));
        double[] nanH = new double[20 * 8];
        nanH[17] = Double.NaN;
        a.put("H", NpyArray.of(nanH, 20, 8));
        NpyWriter.writeNpz(dir.resolve("nan.npz"), a, true);
        byte[] whole = java.nio.file.Files.readAllBytes(dir.resolve("badlabel.npz"));
        java.nio.file.Files.write(dir.resolve("cut.npz"), java.util.Arrays.copyOf(whole, whole.length - 40));
        a.remove("W");
        NpyWriter.writeNpz(dir.resolve("noW.npz"), a, false);
        String[][] cases = {
            {"need --point"},
            {"--require must be", "--point", dir.resolve("badlabel.npz").toString(), "--require", "third-order"},
            {"label y[19] = 9 is outside 0..3", "--point", dir.resolve("badlabel.npz").toString()},
            {"no such file", "--point", dir.resolve("none.npz").toString()},
            {"entry [2, 1] is NaN", "--point", dir.resolve("nan.npz").toString()},
            {"not an .npz", "--point", dir.resolve("cut.npz").toString()},
            {"no array 'W'", "--point", dir.resolve("noW.npz").toString()},
        };
        for (String[] c : cases) {
            String[] args = concat(new String[] {"certify", "--classes", "4", "--per-class", "5", "--dim", "8"},
                    java.util.Arrays.copyOfRange(c, 1, c.length));
            CliRun run = CliRun.of(args);
            assertEquals(2, run.code, c[0] + ": " + run);
            assertTrue(run.oneErrorLine() && run.err.contains(c[0]), c[0] + ": " + run);
        }
    }
}
