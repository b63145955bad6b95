package org.ufm.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ufm.cli.SolveJson;
import org.ufm.cli.UsageException;

/**
 * A sweep's spec: fixed {@code solve} options plus either a {@code "grid"} (name to a non-empty list of values;
 * the cells are the Cartesian product, last axis fastest) or a {@code "cells"} list of option objects, with the
 * command line's option names. Everything is checked before any cell runs: malformed JSON, an unknown key, an
 * empty grid or axis, a repeated cell, and every cell's options as {@code solve} would check them; any of these
 * is a {@link UsageException} with one line.
 */
public final class SweepSpec {

    /** Key of the grid. */
    public static final String GRID = "grid";
    /** Key of the explicit list. */
    public static final String CELLS = "cells";

    private final Map<String, List<Object>> axes;
    private final List<Cell> cells;

    private SweepSpec(Map<String, List<Object>> axes, List<Cell> cells) {
        this.axes = axes;
        this.cells = cells;
    }

    /** Reads and checks a spec file. */
    public static SweepSpec read(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("spec file " + file + " not found");
        } catch (IOException e) {
            throw new UsageException("cannot read spec file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses and checks a spec given as text ({@code source} names it in messages). */
    public static SweepSpec parse(String text, String source) {
        JsonNode root;
        try {
            root = SweepJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new UsageException(source + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (root == null || !root.isObject()) {
            throw new UsageException(source + " must hold one JSON object");
        }
        Map<String, Object> fixed = new LinkedHashMap<>();
        JsonNode grid = null;
        JsonNode list = null;
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (GRID.equals(e.getKey())) {
                grid = e.getValue();
            } else if (CELLS.equals(e.getKey())) {
                list = e.getValue();
            } else {
                checkKey(e.getKey(), "");
                fixed.put(e.getKey(), Cell.value(e.getKey(), e.getValue()));
            }
        }
        if (grid != null && list != null) {
            throw new UsageException(source + ": give either \"grid\" or \"cells\", not both");
        }
        if (grid == null && list == null) {
            throw new UsageException(source + ": nothing varies: give a \"grid\" {option: [values]} or a \"cells\" list");
        }
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        List<Map<String, Object>> variations = grid != null ? expandGrid(grid, fixed, axes) : explicit(list, fixed);
        List<Cell> cells = new ArrayList<>(variations.size());
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> v : variations) {
            Map<String, Object> options = new LinkedHashMap<>(fixed);
            options.putAll(v);
            Cell c = new Cell(cells.size(), options, new ArrayList<>(v.keySet()));
            if (!ids.add(c.id())) {
                throw new UsageException(source + ": cell " + c.index() + " (" + c.label() + ") repeats an earlier cell");
            }
            try {
                SolveJson.validate(c.arguments());
            } catch (UsageException e) {
                throw new UsageException(source + ": cell " + c.index() + " (" + c.label() + "): " + e.getMessage());
            }
            cells.add(c);
        }
        return new SweepSpec(Collections.unmodifiableMap(axes), Collections.unmodifiableList(cells));
    }

    private static void checkKey(String key, String where) {
        if (SolveJson.SWEEP_OWNED.contains(key)) {
            throw new UsageException(where + "\"" + key + "\" is not a cell option: the sweep sets it"
                    + ("threads".equals(key) ? " (each cell solves on one thread; use --workers)" : ""));
        }
        if (!SolveJson.valueOptions().contains(key) && !SolveJson.flagOptions().contains(key)) {
            throw new UsageException(where + "unknown key \"" + key + "\" (not a solve option, nor \"grid\" or \"cells\")");
        }
    }

    private static List<Map<String, Object>> expandGrid(JsonNode grid, Map<String, Object> fixed,
                                                        Map<String, List<Object>> axes) {
        if (!grid.isObject() || grid.size() == 0) {
            throw new UsageException("empty grid: \"grid\" must map at least one option to a list of values");
        }
        Iterator<Map.Entry<String, JsonNode>> it = grid.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            checkKey(name, "grid: ");
            if (fixed.containsKey(name)) {
                throw new UsageException("\"" + name + "\" is both fixed and a grid axis");
            }
            if (!e.getValue().isArray() || e.getValue().size() == 0) {
                throw new UsageException("empty grid: axis \"" + name + "\" needs a non-empty list of values");
            }
            List<Object> values = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                Object x = Cell.value(name, v);
                if (values.contains(x)) {
                    throw new UsageException("grid axis \"" + name + "\" repeats the value " + v);
                }
                values.add(x);
            }
            axes.put(name, Collections.unmodifiableList(values));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> axis : axes.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>(out.size() * axis.getValue().size());
            for (Map<String, Object> partial : out) {
                for (Object v : axis.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private static List<Map<String, Object>> explicit(JsonNode list, Map<String, Object> fixed) {
        if (!list.isArray() || list.size() == 0) {
            throw new UsageException("empty grid: \"cells\" must be a non-empty list of option objects");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode c : list) {
            if (!c.isObject()) {
                throw new UsageException("\"cells\" entry " + out.size() + " is not an object: " + c);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = c.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                checkKey(e.getKey(), "cells[" + out.size() + "]: ");
                if (fixed.containsKey(e.getKey())) {
                    throw new UsageException("cells[" + out.size() + "]: \"" + e.getKey() + "\" is already fixed");
                }
                m.put(e.getKey(), Cell.value(e.getKey(), e.getValue()));
            }
            out.add(m);
        }
        return out;
    }

    /** The grid's axes in spec order (empty for an explicit list). */
    public Map<String, List<Object>> axes() {
        return axes;
    }

    /** The cells in expansion order. */
    public List<Cell> cells() {
        return cells;
    }
}
