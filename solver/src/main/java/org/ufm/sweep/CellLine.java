package org.ufm.sweep;

/** A finished cell's results.jsonl line (one JSON object, no newline) and whether its solve converged. */
public record CellLine(String cellId, String text, boolean converged) implements java.io.Serializable {
}
