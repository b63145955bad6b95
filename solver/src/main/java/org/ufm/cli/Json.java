package org.ufm.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal JSON writer for the command line's output: ordered objects, numbers with 17 significant
 * digits (NaN and infinities become null, JSON has no such numbers), strings, booleans, lists.
 */
public final class Json {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Adds a field (value: null, Boolean, Number, String, Json, List, or double[]); returns this. */
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
        StringBuilder sb = new StringBuilder();
        write(sb, this);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Json) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Json) v).fields.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, e.getKey());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                sb.append(String.format(Locale.ROOT, "%.17g", d).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                        .replace(".e", ".0e").replaceFirst("\\.$", ".0"));
            } else {
                sb.append("null");
            }
        } else if (v instanceof double[]) {
            sb.append('[');
            double[] a = (double[]) v;
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, a[i]);
            }
            sb.append(']');
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object o : (List<?>) v) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
