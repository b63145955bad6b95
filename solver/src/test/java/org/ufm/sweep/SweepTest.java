package org.ufm.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.cli.Main;
import org.ufm.cli.SolveJson;

class SweepTest {

    /** The 27-cell spec. */
    static final String SPEC27 = "{\"model\": \"ce\", \"classes\": 4, \"per-class\": 5, \"dim\": 8, \"no-hessian\": true,"
            + " \"grid\": {\"lambda-w\": [1e-4, 1e-3, 1e-2], \"lambda-h\": [1e-4, 1e-3, 1e-2], \"seed\": [1, 2, 3]}}";
    /** 60 small cells: 3 x 2 x 10. */
    static final String SPEC60 = "{\"model\": \"ce\", \"classes\": 3, \"per-class\": 4, \"dim\": 4, \"no-hessian\": true,"
            + " \"grid\": {\"lambda-w\": [1e-3, 3e-3, 1e-2], \"lambda-h\": [1e-3, 1e-2],"
            + " \"seed\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}}";

    static final class Run {
        int code;
        String out;
        String err;
    }

    static Run main(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        Run r = new Run();
        r.code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        r.out = o.toString(StandardCharsets.UTF_8);
        r.err = e.toString(StandardCharsets.UTF_8);
        return r;
    }

    static List<String> lines(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve(ResultsFile.NAME), StandardCharsets.UTF_8);
    }

    static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private static void refused(Path tmp, String spec, String expected) throws Exception {
        Path f = write(tmp, "spec.json", spec);
        Path out = tmp.resolve("out");
        Run r = main("sweep", f.toString(), "--out", out.toString());
        assertEquals(2, r.code, r.err);
        assertEquals(1, r.err.strip().split("\n").length, "one line: " + r.err);
        assertTrue(r.err.contains(expected), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
        assertFalse(Files.exists(out), "refused before any cell ran, nothing written");
    }

    @Test
    void badSpecsAreRefusedWithOneLineBeforeAnyCellRuns(@TempDir Path tmp) throws Exception {
        refused(tmp, "{\"model\": \"ce\", \"grid\": {\"seed\": [1, 2]", "not valid JSON");
        refused(tmp, "{\"model\": \"ce\", \"lamda-w\": 1e-3, \"grid\": {\"seed\": [1]}}", "unknown key \"lamda-w\"");
        refused(tmp, "{\"model\": \"sphere\", \"grid\": {\"lambda-w\": [1e-3, 1e-2]}}", "does not apply to --model sphere");
        refused(tmp, "{\"model\": \"ce\", \"tau\": 2, \"grid\": {\"seed\": [1]}}", "--tau applies only to --model sphere");
        refused(tmp, "{\"model\": \"ce\", \"grid\": {}}", "empty grid");
        refused(tmp, "{\"model\": \"ce\", \"grid\": {\"seed\": []}}", "empty grid");
        refused(tmp, "{\"model\": \"ce\", \"cells\": []}", "empty grid");
        refused(tmp, "{\"model\": \"ce\"}", "nothing varies");
        refused(tmp, "{\"model\": \"ce\", \"model\": \"mse\", \"grid\": {\"seed\": [1]}}", "Duplicate field");
        refused(tmp, "{\"model\": \"ce\", \"threads\": 2, \"grid\": {\"seed\": [1]}}", "use --workers");
        refused(tmp, "{\"model\": \"ce\", \"grid\": {\"seed\": [1, 2], \"lambda-w\": [1e-3, -1]}}", "cell 1 (seed=1, lambda-w=-1)");
        refused(tmp, "{\"model\": \"ce\", \"grid\": {\"seed\": [1, 1]}}", "repeats the value 1");
        refused(tmp, "{\"model\": \"ce\", \"grid\": {\"no-hessian\": [1]}}", "is a switch");
        refused(tmp, "{\"solver\": \"newton\", \"grid\": {\"seed\": [1]}}", "newton");
        Run r = main("sweep", tmp.resolve("missing.json").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("not found"), r.err);
        r = main("sweep", write(tmp, "ok.json", SPEC27).toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("--out DIR is required"), r.err);
    }

    @Test
    void gridExpandsLastAxisFastestWithStableIds() {
        SweepSpec s = SweepSpec.parse(SPEC27, "spec", SolveJson.OPTIONS);
        assertEquals(27, s.cells().size());
        Cell c = s.cells().get(1);
        assertEquals(Arrays.asList("--model", "ce", "--classes", "4", "--per-class", "5", "--dim", "8", "--no-hessian",
                "--lambda-w", "1.0E-4", "--lambda-h", "1.0E-4", "--seed", "2"), c.arguments());
        assertEquals(Arrays.asList("lambda-w", "lambda-h", "seed"), c.varying());
        Set<String> ids = new HashSet<>();
        for (Cell x : s.cells()) {
            ids.add(x.id());
            assertEquals(x.id(), Cell.fromJson(x.toJson()).id());
        }
        assertEquals(27, ids.size());
        // the same options written differently are the same cell
        String reordered = "{\"grid\": {\"seed\": [1, 2, 3], \"lambda-h\": [1e-4, 1e-3, 1e-2], "
                + "\"lambda-w\": [0.0001, 0.001, 0.01]}, \"dim\": 8, \"model\": \"ce\", \"classes\": 4, \"per-class\": 5,"
                + " \"no-hessian\": true}";
        SweepSpec s2 = SweepSpec.parse(reordered, "spec", SolveJson.OPTIONS);
        Set<String> ids2 = new HashSet<>();
        for (Cell x : s2.cells()) {
            ids2.add(x.id());
        }
        assertEquals(ids, ids2, "the same options in another order and notation are the same cells");
        SweepSpec list = SweepSpec.parse("{\"model\": \"ce\", \"dim\": 8, \"cells\": [{\"seed\": 1}, "
                + "{\"seed\": 2, \"lambda-w\": 1e-2}, {\"class-sizes\": [3, 5]}]}", "spec", SolveJson.OPTIONS);
        assertEquals(3, list.cells().size());
        assertEquals(Arrays.asList("--model", "ce", "--dim", "8", "--class-sizes", "3,5"), list.cells().get(2).arguments());
    }

    @Test
    void twentySevenCellsMatchTheClosedFormAndSolveAloneBitForBit(@TempDir Path tmp) throws Exception {
        Path spec = write(tmp, "spec.json", SPEC27);
        Path out = tmp.resolve("out");
        Run r = main("sweep", spec.toString(), "--out", out.toString(), "--workers", "2", "--json");
        assertEquals(0, r.code, r.err);
        JsonNode summary = SweepJson.MAPPER.readTree(r.out);
        assertEquals(27, summary.get("done").asInt());
        assertEquals(0, summary.get("failed").asInt());
        List<String> lines = lines(out);
        assertEquals(27, lines.size());
        SweepSpec s = SweepSpec.parse(SPEC27, "spec", SolveJson.OPTIONS);
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode n = SweepJson.MAPPER.readTree(line);
            assertTrue(seen.add(n.get("cell").asText()));
            JsonNode solve = n.get("solve");
            double f = solve.get("objective").doubleValue();
            double opt = solve.get("optimum").doubleValue();
            assertTrue(Math.abs(f - opt) <= 1e-9 * Math.abs(opt), line);
            assertTrue(solve.get("certificate").get("global").asBoolean(), line);
            // the same options through `solve` alone (default threads) give the same JSON but for time and threads
            Cell c = s.cells().get(n.get("index").asInt());
            assertEquals(c.id(), n.get("cell").asText());
            List<String> argv = new ArrayList<>();
            argv.add("solve");
            argv.addAll(c.arguments());
            argv.add("--json");
            Run alone = main(argv.toArray(new String[0]));
            assertEquals(0, alone.code, alone.err);
            ObjectNode expected = (ObjectNode) SweepJson.MAPPER.readTree(alone.out);
            ObjectNode got = solve.deepCopy();
            for (ObjectNode o : new ObjectNode[] {expected, got}) {
                o.remove("seconds");
                o.remove("threads");
                ((ObjectNode) o.get("certificate")).remove("seconds");
            }
            assertEquals(expected, got, "cell " + c.label());
            assertEquals(Double.doubleToRawLongBits(expected.get("objective").doubleValue()),
                    Double.doubleToRawLongBits(f));
        }
        List<String> csv = Files.readAllLines(out.resolve(SummaryCsv.NAME));
        assertEquals(28, csv.size());
        assertTrue(csv.get(0).startsWith("index,cell,lambda-w,lambda-h,seed,stopReason,converged,objective"), csv.get(0));
        for (String p : new String[] {"gap", "certified", "nc1", "nc2"}) {
            assertTrue(Files.size(out.resolve("heatmap-" + p + ".png")) > 1000, p);
        }
        // a rerun skips all 27
        r = main("sweep", spec.toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.code, r.err);
        assertEquals(0, SweepJson.MAPPER.readTree(r.out).get("ranNow").asInt());
        assertEquals(27, SweepJson.MAPPER.readTree(r.out).get("skipped").asInt());
        assertEquals(27, lines(out).size());
    }

    @Test
    void anInterruptedSixtyCellSweepResumesToExactlySixtyLines(@TempDir Path tmp) throws Exception {
        SweepSpec spec = SweepSpec.parse(SPEC60, "spec", SolveJson.OPTIONS);
        assertEquals(60, spec.cells().size());
        AtomicReference<LocalEngine> engine = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger interruptedSolves = new AtomicInteger();
        CellSolver real = SolveJson.cellSolver();
        CellSolver stopsHalfWay = args -> {
            if (calls.incrementAndGet() == 30) {
                engine.get().stop(); // what Ctrl-C's hook does: this solve and the other worker's are interrupted
            }
            String json = real.solveJson(args);
            if (json.contains("\"INTERRUPTED\"")) {
                interruptedSolves.incrementAndGet();
            }
            return json;
        };
        engine.set(new LocalEngine(2, stopsHalfWay));
        LocalEngine.Outcome first;
        try (ResultsFile results = ResultsFile.open(tmp)) {
            first = engine.get().run(spec.cells(), results, null);
        }
        assertTrue(first.stopped);
        assertTrue(interruptedSolves.get() >= 1, "the solve running when stop() came was interrupted");
        List<String> half = lines(tmp);
        assertEquals(first.recorded, half.size());
        assertTrue(half.size() >= 28 && half.size() <= 31, "stopped half-way: " + half.size());
        for (String l : half) {
            assertFalse(l.contains("INTERRUPTED"), "an interrupted cell gets no line");
        }
        LocalEngine.Outcome second;
        try (ResultsFile results = ResultsFile.open(tmp)) {
            second = new LocalEngine(2, real).run(spec.cells(), results, null);
        }
        assertFalse(second.stopped);
        assertEquals(60 - half.size(), second.recorded);
        List<String> all = lines(tmp);
        assertEquals(60, all.size());
        Set<String> ids = new HashSet<>();
        for (String l : all) {
            assertTrue(ids.add(SweepJson.MAPPER.readTree(l).get("cell").asText()), "duplicate: " + l);
        }
        Set<String> expected = new HashSet<>();
        for (Cell c : spec.cells()) {
            expected.add(c.id());
        }
        assertEquals(expected, ids);
    }

    @Test
    void aTornLastLineAndARepeatedLineAreDroppedOnOpen(@TempDir Path tmp) throws Exception {
        String a = "{\"cell\":\"aaaa\",\"converged\":true}";
        String b = "{\"cell\":\"bbbb\",\"converged\":false}";
        write(tmp, ResultsFile.NAME, a + "\n" + b + "\n" + a + "\n{\"cell\":\"cc");
        try (ResultsFile r = ResultsFile.open(tmp)) {
            assertEquals(2, r.dropped());
            assertTrue(r.has("aaaa") && r.has("bbbb") && !r.has("cc"));
            r.append("{\"cell\":\"dddd\"}");
        }
        assertEquals(Arrays.asList(a, b, "{\"cell\":\"dddd\"}"), lines(tmp));
        try (ResultsFile r = ResultsFile.open(tmp)) {
            assertEquals(0, r.dropped());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> r.append(a));
            org.junit.jupiter.api.Assertions.assertThrows(SweepInputException.class, () -> ResultsFile.open(tmp),
                    "a second sweep on the same DIR is refused");
        }
    }

    @Test
    void failedCellsAreRecordedWithTheirStopReasonAndTheSweepGoesOn(@TempDir Path tmp) throws Exception {
        SweepSpec spec = SweepSpec.parse("{\"model\": \"ce\", \"classes\": 3, \"per-class\": 2, \"dim\": 4,"
                + " \"no-hessian\": true, \"grid\": {\"max-iter\": [1, 500], \"seed\": [1, 2]}}", "spec", SolveJson.OPTIONS);
        CellSolver real = SolveJson.cellSolver();
        CellSolver oneThrows = args -> {
            if (args.contains("500") && args.get(args.size() - 1).equals("2")) {
                throw new IllegalStateException("boom");
            }
            return real.solveJson(args);
        };
        LocalEngine.Outcome o;
        try (ResultsFile results = ResultsFile.open(tmp)) {
            o = new LocalEngine(2, oneThrows).run(spec.cells(), results, null);
            Map<String, JsonNode> lines = results.lines();
            assertEquals(4, lines.size());
            for (Cell c : spec.cells()) {
                JsonNode n = lines.get(c.id());
                String maxIter = c.options().get("max-iter").toString();
                if ("1".equals(maxIter)) {
                    assertEquals("MAX_ITERATIONS", n.get("stopReason").asText());
                    assertEquals(1, n.get("solve").get("iterations").asInt());
                } else if ("2".equals(c.options().get("seed").toString())) {
                    assertEquals(CellRunner.ERROR, n.get("stopReason").asText());
                    assertEquals("boom", n.get("error").asText());
                    assertTrue(n.get("solve").isNull());
                } else {
                    assertEquals("CONVERGED", n.get("stopReason").asText());
                }
            }
            SweepOutputs.write(tmp, spec, lines);
        }
        assertEquals(4, o.recorded);
        assertEquals(3, o.failed);
        List<String> csv = Files.readAllLines(tmp.resolve(SummaryCsv.NAME));
        assertEquals(5, csv.size());
        assertTrue(csv.get(4).contains(",ERROR,false,"), csv.get(4));
        assertTrue(Files.exists(tmp.resolve("line-gap.png")), "one numeric axis: line plots");
        assertNull(SweepPlots.plotAxes(spec.axes()).contains("seed") ? "seed plotted" : null);
    }
}
