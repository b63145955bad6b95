package org.ufm.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line's JSON output, written by Jackson's streaming generator: ordered objects, numbers as
 * {@link Double#toString(double)} writes them (they read back as the same double), NaN and infinities as null
 * (JSON has no such numbers), strings, booleans, lists.
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /**
     * Adds a field; returns this. Values: null, Boolean, Number, Json, double[], int[], long[], Object[] and
     * collections (arrays, in iteration order), maps (objects, keys by {@code String.valueOf}), and any other object
     * as the string of its {@code toString()} (strings, enums); arrays of other primitives are refused when written.
     */
    public Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Adds every entry of an ordered map, in its order; returns this. */
    public Json putAll(Map<String, ?> entries) {
        fields.putAll(entries);
        return this;
    }

    @Override
    public String toString() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, this);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Json) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : ((Json) v).fields.entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number) {
            number(g, ((Number) v).doubleValue());
        } else if (v instanceof double[]) {
            g.writeStartArray();
            for (double d : (double[]) v) {
                number(g, d);
            }
            g.writeEndArray();
        } else if (v instanceof int[]) {
            g.writeArray((int[]) v, 0, ((int[]) v).length);
        } else if (v instanceof long[]) {
            g.writeArray((long[]) v, 0, ((long[]) v).length);
        } else if (v instanceof Object[]) {
            write(g, Arrays.asList((Object[]) v));
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection) {
            g.writeStartArray();
            for (Object o : (Collection<?>) v) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v.getClass().isArray()) {
            throw new IllegalArgumentException("no JSON form for a " + v.getClass().getSimpleName());
        } else {
            g.writeString(v.toString());
        }
    }

    private static void number(JsonGenerator g, double d) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(d);
        } else {
            g.writeNull();
        }
    }
}
