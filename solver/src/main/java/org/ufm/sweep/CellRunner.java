package org.ufm.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs one cell and makes its results.jsonl line:
 * {@code {"cell", "index", "options", "stopReason", "converged", "solve": <solve --json's object>}}. A cell
 * that throws is still a line, with stopReason ERROR, {@code "solve": null} and the error; only a solve stopped
 * by an interrupt, or that threw while the JVM shuts down, gives no line (it did not finish: a rerun solves it).
 */
public final class CellRunner {

    /** Stop reason of a cell whose solve threw. */
    public static final String ERROR = "ERROR";
    private static final String INTERRUPTED = "INTERRUPTED";

    private CellRunner() {
    }

    /** True once the JVM has begun to shut down (Ctrl-C): it then refuses new shutdown hooks. */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** The cell's line, or null when its solve was interrupted. */
    public static CellLine run(Cell cell, CellSolver solver) {
        ObjectNode line = cell.toJson();
        line.remove("varying");
        String json;
        try {
            json = solver.solveJson(cell.arguments());
        } catch (RuntimeException | OutOfMemoryError e) {
            if (Thread.currentThread().isInterrupted() || shuttingDown()) {
                return null; // stopped, not failed: a solve begun as Ctrl-C arrives cannot register its own hook
            }
            line.put("stopReason", ERROR).put("converged", false).putNull("solve");
            line.put("error", e instanceof OutOfMemoryError ? "out of memory" : String.valueOf(e.getMessage()));
            return new CellLine(cell.id(), line.toString(), false);
        }
        JsonNode solve;
        try {
            solve = SweepJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("solve printed no JSON for cell " + cell.id() + ": " + json, e);
        }
        String reason = solve.path("stopReason").asText(ERROR);
        if (INTERRUPTED.equals(reason)) {
            return null;
        }
        boolean converged = solve.path("converged").asBoolean(false);
        line.put("stopReason", reason).put("converged", converged);
        line.set("solve", solve);
        return new CellLine(cell.id(), line.toString(), converged);
    }
}
