package org.ufm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.cli.SolveJson;
import org.ufm.sweep.LocalEngine;
import org.ufm.sweep.ResultsFile;
import org.ufm.sweep.SweepSpec;

class SparkSweepTest {

    static final String SPEC27 = "{\"model\": \"ce\", \"classes\": 4, \"per-class\": 5, \"dim\": 8, \"no-hessian\": true,"
            + " \"grid\": {\"lambda-w\": [1e-4, 1e-3, 1e-2], \"lambda-h\": [1e-4, 1e-3, 1e-2], \"seed\": [1, 2, 3]}}";
    static final ObjectMapper JSON = new ObjectMapper();

    static final class Run {
        int code;
        String out;
        String err;
    }

    static Run spark(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        Run r = new Run();
        r.code = SparkSweep.run(Arrays.asList(args), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), false);
        r.out = o.toString(StandardCharsets.UTF_8);
        r.err = e.toString(StandardCharsets.UTF_8);
        return r;
    }

    static Map<String, JsonNode> byCell(Path dir) throws Exception {
        Map<String, JsonNode> m = new HashMap<>();
        for (String l : Files.readAllLines(dir.resolve(ResultsFile.NAME), StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(l);
            assertTrue(m.put(n.get("cell").asText(), n) == null, "duplicate line " + l);
        }
        return m;
    }

    @Test
    void sparkLocal2GivesTheLocalEnginesObjectivesBitForBitAndResumesItsOutput(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("spec.json");
        Files.write(spec, SPEC27.getBytes(StandardCharsets.UTF_8));
        SweepSpec s = SweepSpec.read(spec, SolveJson.OPTIONS);

        Path local = tmp.resolve("local");
        try (ResultsFile results = ResultsFile.open(local)) {
            LocalEngine.Outcome o = new LocalEngine(2, SolveJson.cellSolver()).run(s.cells(), results, null);
            assertEquals(27, o.recorded);
        }
        // Spark resumes a directory the local engine half filled: 10 cells there, 17 to run
        Path onSpark = tmp.resolve("spark");
        try (ResultsFile results = ResultsFile.open(onSpark)) {
            new LocalEngine(1, SolveJson.cellSolver()).run(s.cells().subList(0, 10), results, null);
        }
        Run r = spark(spec.toString(), "--out", onSpark.toString(), "--master", "local[2]", "--json");
        assertEquals(0, r.code, r.err);
        JsonNode summary = JSON.readTree(r.out);
        assertEquals(17, summary.get("ranNow").asInt(), r.out);
        assertEquals(27, summary.get("done").asInt(), r.out);

        Map<String, JsonNode> a = byCell(local);
        Map<String, JsonNode> b = byCell(onSpark);
        assertEquals(27, a.size());
        assertEquals(a.keySet(), b.keySet());
        for (Map.Entry<String, JsonNode> e : a.entrySet()) {
            JsonNode x = e.getValue().get("solve");
            JsonNode y = b.get(e.getKey()).get("solve");
            assertEquals(Double.doubleToRawLongBits(x.get("objective").doubleValue()),
                    Double.doubleToRawLongBits(y.get("objective").doubleValue()), e.getKey());
            ObjectNode xs = x.deepCopy();
            ObjectNode ys = y.deepCopy();
            for (ObjectNode o : new ObjectNode[] {xs, ys}) {
                o.remove("seconds");
                ((ObjectNode) o.get("certificate")).remove("seconds");
            }
            assertEquals(xs, ys, "cell " + e.getKey());
            double opt = x.get("optimum").doubleValue();
            assertTrue(Math.abs(x.get("objective").doubleValue() - opt) <= 1e-9 * opt);
            // Spark's tasks load BLAS through the library, which sets one OpenBLAS thread per call as `solve` does
            // (where the shell running the tests set none of OpenBLAS's or ufm's variables itself)
            JsonNode blas = y.get("blas");
            if (blas.get("library").asText().contains("openblas") && System.getenv().keySet().stream()
                    .noneMatch(k -> k.startsWith("OPENBLAS_") || k.startsWith("UFM_"))) {
                assertTrue(blas.get("concurrentCalls").asBoolean(), blas.toString());
            }
        }
        assertTrue(Files.exists(onSpark.resolve("summary.csv")));
        assertTrue(Files.exists(onSpark.resolve("heatmap-nc1.png")));

        // results.parquet holds the same 27 objectives
        try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate()) {
            List<Row> rows = spark.read().parquet(onSpark.resolve(SparkEngine.PARQUET).toString())
                    .select("cell", "solve.objective").collectAsList();
            assertEquals(27, rows.size());
            for (Row row : rows) {
                assertEquals(b.get(row.getString(0)).get("solve").get("objective").doubleValue(), row.getDouble(1));
            }
        }

        // a rerun finds nothing to do
        r = spark(spec.toString(), "--out", onSpark.toString(), "--master", "local[2]", "--json");
        assertEquals(0, r.code, r.err);
        assertEquals(0, JSON.readTree(r.out).get("ranNow").asInt());
        assertEquals(27, byCell(onSpark).size());
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("spec.json");
        Files.write(spec, "{\"model\": \"ce\", \"grid\": {}}".getBytes(StandardCharsets.UTF_8));
        Run r = spark(spec.toString(), "--out", tmp.resolve("o").toString(), "--master", "local[1]");
        assertEquals(2, r.code);
        assertTrue(r.err.strip().startsWith("ufm-spark: empty grid"), r.err);
        assertEquals(1, r.err.strip().split("\n").length, r.err);
        r = spark(spec.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("no Spark master"), r.err);
        assertFalse(Files.exists(tmp.resolve("o")));
    }
}
