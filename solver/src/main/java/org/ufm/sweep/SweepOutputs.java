package org.ufm.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a sweep derives from its results file, whichever engine filled it: summary.csv and the plots. */
public final class SweepOutputs {

    private SweepOutputs() {
    }

    /** How many of the finished cells did not converge (failed, not finite, or out of budget). */
    public static int notConverged(List<CellRow> rows) {
        int failed = 0;
        for (CellRow r : rows) {
            failed += r.line().path("converged").asBoolean(false) ? 0 : 1;
        }
        return failed;
    }

    /** The spec's finished cells, in spec order, with their lines. */
    public static List<CellRow> rows(SweepSpec spec, Map<String, JsonNode> lines) {
        List<CellRow> rows = new ArrayList<>();
        for (Cell c : spec.cells()) {
            JsonNode n = lines.get(c.id());
            if (n != null) {
                rows.add(new CellRow(c, n));
            }
        }
        return rows;
    }

    /** Writes summary.csv and the plots into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir, SweepSpec spec, Map<String, JsonNode> lines) throws IOException {
        return write(dir, spec, lines, true);
    }

    /**
     * Writes summary.csv and, when {@code plots}, the plots (a stopped sweep skips them: the JVM may be shutting
     * down, when AWT can no longer start; the rerun draws them).
     */
    public static List<Path> write(Path dir, SweepSpec spec, Map<String, JsonNode> lines, boolean plots)
            throws IOException {
        List<CellRow> rows = rows(spec, lines);
        List<String> varying = spec.cells().isEmpty() ? List.of() : spec.cells().get(0).varying();
        if (spec.axes().isEmpty()) {
            varying = new ArrayList<>();
            for (Cell c : spec.cells()) {
                for (String v : c.varying()) {
                    if (!varying.contains(v)) {
                        varying.add(v);
                    }
                }
            }
        }
        SummaryCsv.write(dir, varying, rows);
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve(SummaryCsv.NAME));
        if (plots) {
            files.addAll(SweepPlots.write(dir, spec, rows));
        }
        return files;
    }
}
