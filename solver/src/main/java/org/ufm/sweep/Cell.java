package org.ufm.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

/**
 * One cell of a sweep: its position in the spec's expansion, its options (fixed and varying, in the spec's
 * order; values are Long, Double, String or Boolean) and a stable id, the first 16 hex digits of SHA-256 over
 * its options sorted by name, so the same options get the same id in every run, in any spec order, on every
 * engine.
 */
public final class Cell {

    private final int index;
    private final Map<String, Object> options;
    private final List<String> varying;
    private final String id;

    Cell(int index, Map<String, Object> options, List<String> varying) {
        this.index = index;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        this.varying = Collections.unmodifiableList(new ArrayList<>(varying));
        this.id = idOf(this.options);
    }

    /** Position in the spec's expansion (last grid axis fastest). */
    public int index() {
        return index;
    }

    /** The stable id. */
    public String id() {
        return id;
    }

    /** All options of the cell, fixed and varying. */
    public Map<String, Object> options() {
        return options;
    }

    /** The names of the options that vary over the sweep. */
    public List<String> varying() {
        return varying;
    }

    /** The {@code solve} arguments: {@code --name value}, a true flag as {@code --name}, a false flag left out. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, Object> e : options.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Boolean) {
                if ((Boolean) v) {
                    args.add("--" + e.getKey());
                }
            } else {
                args.add("--" + e.getKey());
                args.add(v.toString());
            }
        }
        return args;
    }

    /** "name=value, ..." over the varying options (for messages and plots). */
    public String label() {
        StringBuilder b = new StringBuilder();
        for (String k : varying) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(k).append('=').append(options.get(k));
        }
        return b.toString();
    }

    /** The cell as a JSON object: {"cell": id, "index": i, "options": {...}, "varying": [...]}. */
    public ObjectNode toJson() {
        ObjectNode o = SweepJson.MAPPER.createObjectNode();
        o.put("cell", id);
        o.put("index", index);
        o.set("options", optionsJson());
        o.set("varying", SweepJson.MAPPER.valueToTree(varying));
        return o;
    }

    /** The options as a JSON object. */
    public ObjectNode optionsJson() {
        ObjectNode o = SweepJson.MAPPER.createObjectNode();
        for (Map.Entry<String, Object> e : options.entrySet()) {
            o.set(e.getKey(), SweepJson.MAPPER.valueToTree(e.getValue()));
        }
        return o;
    }

    /** Reads back {@link #toJson()} (how the Spark engine ships cells to executors). */
    public static Cell fromJson(JsonNode o) {
        Map<String, Object> options = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = o.get("options").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            options.put(e.getKey(), v.isBoolean() ? (Object) v.booleanValue() : v.isIntegralNumber() ? (Object) v.longValue()
                    : v.isNumber() ? (Object) v.doubleValue() : v.asText());
        }
        List<String> varying = new ArrayList<>();
        for (JsonNode v : o.get("varying")) {
            varying.add(v.asText());
        }
        Cell c = new Cell(o.get("index").asInt(), options, varying);
        if (!c.id.equals(o.get("cell").asText())) {
            throw new IllegalStateException("cell " + o.get("cell").asText() + " changed its id on the way: " + c.id);
        }
        return c;
    }

    /**
     * A spec's JSON value as an option value: integral numbers as Long, other numbers as Double, strings and
     * booleans as they are, an array of integers as the comma list {@code --class-sizes} takes. Flags must be
     * booleans and value options must not be.
     */
    static Object value(String name, JsonNode v, Set<String> flags) {
        if (flags.contains(name)) {
            if (!v.isBoolean()) {
                throw new SweepInputException("\"" + name + "\" is a switch: give true or false, got " + v);
            }
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray() && v.size() > 0) {
            StringBuilder b = new StringBuilder();
            for (JsonNode x : v) {
                if (!x.isIntegralNumber()) {
                    throw new SweepInputException("\"" + name + "\": a list must hold integers, got " + v);
                }
                b.append(b.length() > 0 ? "," : "").append(x.longValue());
            }
            return b.toString();
        }
        throw new SweepInputException("\"" + name + "\" needs a number or a string, got " + v);
    }

    static String idOf(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Object> e : new TreeMap<>(options).entrySet()) {
            text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                b.append(String.format("%02x", h[i] & 0xff));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
