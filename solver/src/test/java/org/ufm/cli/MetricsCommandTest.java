package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.npy.NpyArray;
import org.ufm.npy.NpyHeader;
import org.ufm.npy.NpyWriter;
import org.ufm.npy.PythonNumpy;
import org.ufm.testing.ChildJvm;

/** {@code ufm metrics} on feature files: against NumPy, bad files, and a file larger than the child JVM's heap. */
class MetricsCommandTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nc1AndNc4EqualNumpyOnFeaturesNumpyWrote() throws IOException {
        Assumptions.assumeTrue(PythonNumpy.available(), "no numpy in /usr/bin/python3");
        String out = PythonNumpy.run(String.join("\n",
                "import numpy as np",
                "rng = np.random.default_rng(15)",
                "K, d, N = 10, 40, 3000",
                "y = rng.integers(0, K, N)",
                "M = rng.normal(size=(K, d)) * 2",
                "H = M[y] + rng.normal(size=(N, d)) * 1.5",
                "W = M + rng.normal(size=(K, d)) * 0.5",
                "b = rng.normal(size=K)",
                "np.save('H64.npy', H); np.save('y.npy', y.astype(np.int64)); np.save('W.npy', W); np.save('b.npy', b)",
                "np.save('H32.npy', np.asfortranarray(H.astype('>f4'))); np.save('y32.npy', y.astype(np.int32))",
                "def nc(H):",
                "    mu = np.stack([H[y == k].mean(0) for k in range(K)]); g = H.mean(0)",
                "    R = H - mu[y]; Sw = R.T @ R / N; C = mu - g; Sb = C.T @ C / K",
                "    nc1 = np.trace(Sw @ np.linalg.pinv(Sb)) / K",
                "    dist = ((H[:, None, :] - mu[None, :, :]) ** 2).sum(-1)",
                "    nc4 = np.mean((H @ W.T + b).argmax(1) != dist.argmin(1))",
                "    return nc1, nc4",
                "a, c = nc(H); e, f = nc(H.astype(np.float32).astype(np.float64))",
                "print(repr(a), repr(c), repr(e), repr(f))", ""), dir);
        String[] want = out.split(" ");
        for (String[] files : new String[][] {{"H64.npy", "y.npy", "0"}, {"H32.npy", "y32.npy", "2"}}) {
            CliRun r = CliRun.of("metrics", "--features", dir.resolve(files[0]).toString(), "--labels",
                    dir.resolve(files[1]).toString(), "--classifier", dir.resolve("W.npy").toString(), "--bias",
                    dir.resolve("b.npy").toString(), "--json");
            assertEquals(0, r.code, r.toString());
            JsonNode j = JSON.readTree(r.out);
            double nc1 = Double.parseDouble(want[Integer.parseInt(files[2])]);
            double nc4 = Double.parseDouble(want[Integer.parseInt(files[2]) + 1]);
            assertEquals(nc1, j.get("metrics").get("nc1").asDouble(), 1e-9 * nc1, files[0]);
            assertEquals(nc4, j.get("metrics").get("nc4").asDouble(), 0.0, files[0]);
            assertEquals(3000, j.get("samples").asInt());
            assertEquals(files[0].equals("H32.npy") ? "float32" : "float64", j.get("dtype").asText());
        }
    }

    private Path write(String name, NpyArray a) throws IOException {
        Path p = dir.resolve(name);
        NpyWriter.writeNpy(p, a);
        return p;
    }

    @Test
    void badFilesExitTwoWithOneLine() throws IOException {
        Random r = new Random(1);
        double[] h = new double[12 * 3];
        for (int i = 0; i < h.length; i++) {
            h[i] = r.nextGaussian();
        }
        long[] y = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
        String good = write("H.npy", NpyArray.of(h, 12, 3)).toString();
        String labels = write("y.npy", NpyArray.ofIntegers(y)).toString();
        assertEquals(0, CliRun.of("metrics", "--features", good, "--labels", labels).code);
        byte[] bytes = Files.readAllBytes(Path.of(good));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 8));
        double[] nan = h.clone();
        nan[7] = Double.NaN;
        long[] outOfRange = y.clone();
        outOfRange[4] = 7;
        long[] empty = {0, 2, 2, 0, 2, 2, 0, 2, 2, 0, 2, 2};
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"truncated", "--features", cut.toString(), "--labels", labels});
        cases.add(new String[] {"is NaN", "--features", write("nan.npy", NpyArray.of(nan, 12, 3)).toString(), "--labels", labels});
        cases.add(new String[] {"outside 0..", "--features", good, "--labels", write("bad.npy", NpyArray.ofIntegers(outOfRange)).toString(), "--classes", "3"});
        cases.add(new String[] {"class 1 of 0..2 has no sample", "--features", good, "--labels", write("e.npy", NpyArray.ofIntegers(empty)).toString()});
        cases.add(new String[] {"expected (12,)", "--features", good, "--labels", write("short.npy", NpyArray.ofIntegers(new long[] {0, 1})).toString()});
        cases.add(new String[] {"expected (*, 3)", "--features", good, "--labels", labels, "--classifier", write("w.npy", NpyArray.of(new double[8], 2, 4)).toString()});
        cases.add(new String[] {"integer labels", "--features", good, "--labels", write("fy.npy", NpyArray.of(new double[12], 12)).toString()});
        cases.add(new String[] {"no such file", "--features", dir.resolve("nope.npy").toString(), "--labels", labels});
        cases.add(new String[] {"complex", "--features", complexFile().toString(), "--labels", labels});
        cases.add(new String[] {"2000000000 classes but 12 samples", "--features", good, "--labels", labels, "--classes", "2000000000"});
        cases.add(new String[] {"--threads must be in 1..256", "--features", good, "--labels", labels, "--threads", "0"});
        cases.add(new String[] {"--threads must be in 1..256", "--features", good, "--labels", labels, "--threads", "100000"});
        for (String[] c : cases) {
            String[] args = new String[c.length];
            args[0] = "metrics";
            System.arraycopy(c, 1, args, 1, c.length - 1);
            CliRun run = CliRun.of(args);
            assertEquals(2, run.code, c[0] + ": " + run);
            assertTrue(run.oneErrorLine() && run.err.contains(c[0]), c[0] + ": " + run);
            assertEquals("", run.out, c[0]);
        }
    }

    /**
     * Every metric is the same double on 1 and 3 threads: at N = 700, d = 200 both passes are cut (coordinate slices
     * of pass 1, stretches of pass 2) and the K x K products run at once.
     */
    @Test
    void everyMetricIsTheSameOnAnyNumberOfThreads() throws IOException {
        Random r = new Random(4);
        int n = 700;
        int d = 200;
        int k = 6;
        double[] h = new double[n * d];
        long[] y = new long[n];
        double[] w = new double[k * d];
        double[] b = new double[k];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian();
        }
        for (int j = 0; j < n; j++) {
            y[j] = j % k;
            for (int i = 0; i < d; i++) {
                h[j * d + i] = 3.0 + w[(int) y[j] * d + i] + 8.0 * r.nextGaussian();
            }
        }
        for (int c = 0; c < k; c++) {
            b[c] = r.nextGaussian();
        }
        String[] files = {write("H.npy", NpyArray.of(h, n, d)).toString(), write("y.npy", NpyArray.ofIntegers(y)).toString(),
            write("W.npy", NpyArray.of(w, k, d)).toString(), write("b.npy", NpyArray.of(b, k)).toString()};
        JsonNode[] runs = new JsonNode[2];
        for (int t = 0; t < 2; t++) {
            CliRun run = CliRun.of("metrics", "--features", files[0], "--labels", files[1], "--classifier", files[2],
                    "--bias", files[3], "--threads", t == 0 ? "1" : "3", "--json");
            assertEquals(0, run.code, run.toString());
            runs[t] = JSON.readTree(run.out);
        }
        JsonNode variants = runs[0].get("metricVariants");
        assertTrue(variants.size() >= 15, variants.toString());
        double nc4 = variants.get("nc4_ncc_mismatch").asDouble();
        assertTrue(nc4 > 0 && nc4 < 1, "nc4 must be informative: " + nc4);
        variants.fieldNames().forEachRemaining(name -> assertEquals(
                Double.doubleToLongBits(variants.get(name).asDouble()),
                Double.doubleToLongBits(runs[1].get("metricVariants").get(name).asDouble()), name));
    }

    private Path complexFile() throws IOException {
        byte[] header = NpyHeader.encode(org.ufm.npy.NpyDtype.F8_LE, new long[] {12, 3});
        String text = new String(header, StandardCharsets.ISO_8859_1).replace("'<f8'", "'<c8'");
        Path p = dir.resolve("complex.npy");
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        Files.write(p, Arrays.copyOf(t, t.length + 12 * 3 * 8));
        return p;
    }

    /**
     * A float32 feature file three times the child JVM's heap (-Xmx48m, 128 MiB of features) is read in two
     * passes and gives the same metrics as the in-process run.
     */
    @Test
    void featureFileLargerThanTheHeap() throws Exception {
        int n = 32768;
        int d = 1024;
        int k = 8;
        Path h = dir.resolve("big.npy");
        Random r = new Random(7);
        long[] y = new long[n];
        byte[] header = NpyHeader.encode(org.ufm.npy.NpyDtype.F8_LE, new long[] {n, d});
        String text = new String(header, StandardCharsets.ISO_8859_1).replace("'<f8'", "'<f4'");
        try (FileChannel ch = FileChannel.open(h, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
            ByteBuffer row = ByteBuffer.allocate(4 * d).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < n; j++) {
                y[j] = j % k;
                row.clear();
                for (int i = 0; i < d; i++) {
                    row.putFloat((float) ((i % k == y[j] ? 3.0 : 0.0) + r.nextGaussian()));
                }
                row.flip();
                ch.write(row);
            }
        }
        assertTrue(Files.size(h) > 128L * 1024 * 1024);
        String labels = write("y.npy", NpyArray.ofIntegers(y)).toString();
        // the child runs OpenBLAS as this JVM does (the same OPENBLAS_* and UFM_* variables; both then set
        // OPENBLAS_NUM_THREADS=1 before it loads where it is unset, the child at the start of main, this JVM when Gemm
        // loads): the last digit of nc1_pinv_over_K differs between OpenBLAS's own threads and one thread per call
        Map<String, String> same = new HashMap<>(System.getenv());
        same.keySet().removeIf(key -> !key.startsWith("OPENBLAS_") && !key.startsWith("UFM_"));
        ChildJvm.Run run = ChildJvm.run(dir, same, List.of("-Xmx48m"), Main.class, "metrics", "--features",
                h.toString(), "--labels", labels, "--json");
        assertEquals(0, run.code(), run.err());
        CliRun here = CliRun.of("metrics", "--features", h.toString(), "--labels", labels, "--json");
        JsonNode child = JSON.readTree(run.out());
        JsonNode mine = JSON.readTree(here.out);
        assertEquals(mine.get("metricVariants"), child.get("metricVariants"));
        double nc1 = child.get("metrics").get("nc1").asDouble();
        assertTrue(nc1 > 1e-3 && nc1 < 1e-1, "nc1 " + nc1);
    }
}
