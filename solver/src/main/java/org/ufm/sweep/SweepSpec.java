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

/**
 * A sweep's spec: fixed {@code solve} options plus either a {@code "grid"} (name to a non-empty list of values;
 * the cells are the Cartesian product, last axis fastest) or a {@code "cells"} list of option objects, with the
 * command line's option names. Everything is checked before any cell runs: malformed JSON, an unknown key, an
 * empty grid or axis, a repeated cell, and every cell's options as {@code solve} would check them; any of these
 * is a {@link SweepInputException} with one line. What a cell may set, and how, is the {@link CellOptions}' word.
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
    public static SweepSpec read(Path file, CellOptions rules) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SweepInputException("spec file " + file + " not found");
        } catch (IOException e) {
            throw new SweepInputException("cannot read spec file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString(), rules);
    }

    /** Parses and checks a spec given as text ({@code source} names it in messages). */
    public static SweepSpec parse(String text, String source, CellOptions rules) {
        JsonNode root;
        try {
            root = SweepJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new SweepInputException(source + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (root == null || !root.isObject()) {
            throw new SweepInputException(source + " must hold one JSON object");
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
                checkKey(rules, e.getKey(), "");
                fixed.put(e.getKey(), Cell.value(e.getKey(), e.getValue(), rules.flagOptions()));
            }
        }
        if (grid != null && list != null) {
            throw new SweepInputException(source + ": give either \"grid\" or \"cells\", not both");
        }
        if (grid == null && list == null) {
            throw new SweepInputException(source + ": nothing varies: give a \"grid\" {option: [values]} or a \"cells\" list");
        }
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        List<Map<String, Object>> variations = grid != null ? expandGrid(rules, grid, fixed, axes)
                : explicit(rules, list, fixed);
        List<Cell> cells = new ArrayList<>(variations.size());
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> v : variations) {
            Map<String, Object> options = new LinkedHashMap<>(fixed);
            options.putAll(v);
            Cell c = new Cell(cells.size(), options, new ArrayList<>(v.keySet()));
            if (!ids.add(c.id())) {
                throw new SweepInputException(source + ": cell " + c.index() + " (" + c.label() + ") repeats an earlier cell");
            }
            try {
                rules.validate(c.arguments());
            } catch (IllegalArgumentException e) {
                throw new SweepInputException(source + ": cell " + c.index() + " (" + c.label() + "): " + e.getMessage());
            }
            cells.add(c);
        }
        return new SweepSpec(Collections.unmodifiableMap(axes), Collections.unmodifiableList(cells));
    }

    private static void checkKey(CellOptions rules, String key, String where) {
        String owned = rules.ownedBySweep(key);
        if (owned != null) {
            throw new SweepInputException(where + "\"" + key + "\" is not a cell option: " + owned);
        }
        if (!rules.valueOptions().contains(key) && !rules.flagOptions().contains(key)) {
            throw new SweepInputException(where + "unknown key \"" + key + "\" (not a solve option, nor \"grid\" or \"cells\")");
        }
    }

    private static List<Map<String, Object>> expandGrid(CellOptions rules, JsonNode grid, Map<String, Object> fixed,
                                                        Map<String, List<Object>> axes) {
        if (!grid.isObject() || grid.size() == 0) {
            throw new SweepInputException("empty grid: \"grid\" must map at least one option to a list of values");
        }
        Iterator<Map.Entry<String, JsonNode>> it = grid.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            checkKey(rules, name, "grid: ");
            if (fixed.containsKey(name)) {
                throw new SweepInputException("\"" + name + "\" is both fixed and a grid axis");
            }
            if (!e.getValue().isArray() || e.getValue().size() == 0) {
                throw new SweepInputException("empty grid: axis \"" + name + "\" needs a non-empty list of values");
            }
            List<Object> values = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                Object x = Cell.value(name, v, rules.flagOptions());
                if (values.contains(x)) {
                    throw new SweepInputException("grid axis \"" + name + "\" repeats the value " + v);
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

    private static List<Map<String, Object>> explicit(CellOptions rules, JsonNode list, Map<String, Object> fixed) {
        if (!list.isArray() || list.size() == 0) {
            throw new SweepInputException("empty grid: \"cells\" must be a non-empty list of option objects");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode c : list) {
            if (!c.isObject()) {
                throw new SweepInputException("\"cells\" entry " + out.size() + " is not an object: " + c);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = c.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                checkKey(rules, e.getKey(), "cells[" + out.size() + "]: ");
                if (fixed.containsKey(e.getKey())) {
                    throw new SweepInputException("cells[" + out.size() + "]: \"" + e.getKey() + "\" is already fixed");
                }
                m.put(e.getKey(), Cell.value(e.getKey(), e.getValue(), rules.flagOptions()));
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
