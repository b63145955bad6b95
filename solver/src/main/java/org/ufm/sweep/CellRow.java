package org.ufm.sweep;

import com.fasterxml.jackson.databind.JsonNode;

/** A cell with its results line, read back for the summary and the plots. */
public record CellRow(Cell cell, JsonNode line) {

    /** A number of the solve's JSON at a path such as {@code "metrics", "nc1"}, or null when absent or null. */
    public Double number(String... path) {
        JsonNode n = line.path("solve");
        for (String p : path) {
            n = n.path(p);
        }
        return n.isNumber() ? n.doubleValue() : null;
    }

    /** A boolean of the solve's JSON at a path, false when absent. */
    public boolean flag(String... path) {
        JsonNode n = line.path("solve");
        for (String p : path) {
            n = n.path(p);
        }
        return n.asBoolean(false);
    }

    /** The cell's stop reason (ERROR when its solve threw). */
    public String stopReason() {
        return line.path("stopReason").asText(CellRunner.ERROR);
    }
}
