package org.ufm.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code DIR/summary.csv}: one row per finished cell in spec order, the varying options first, then the stop
 * reason, the objective against the closed form, the certificate and the four NC metrics (empty when absent).
 * Written to a temporary file and moved into place, so it is whole or absent.
 */
public final class SummaryCsv {

    /** File name inside the output directory. */
    public static final String NAME = "summary.csv";

    private static final String[][] COLUMNS = {
        {"objective"}, {"optimum"}, {"gap"}, {"relativeGap"}, {"gradNorm"}, {"iterations"}, {"seconds"},
        {"metrics", "nc1"}, {"metrics", "nc2"}, {"metrics", "nc3"}, {"metrics", "nc4"},
    };
    private static final String[][] FLAGS = {
        {"certificate", "firstOrder"}, {"certificate", "global"}, {"certificate", "secondOrder"},
    };

    private SummaryCsv() {
    }

    /** Writes the rows, whose cells all vary over {@code varying}. */
    public static void write(Path dir, List<String> varying, List<CellRow> rows) throws IOException {
        StringBuilder b = new StringBuilder("index,cell");
        for (String v : varying) {
            b.append(',').append(v);
        }
        b.append(",stopReason,converged");
        for (String[] c : COLUMNS) {
            b.append(',').append(c[c.length - 1]);
        }
        for (String[] c : FLAGS) {
            b.append(',').append(c[c.length - 1]);
        }
        b.append('\n');
        for (CellRow r : rows) {
            b.append(r.cell().index()).append(',').append(r.cell().id());
            for (String v : varying) {
                Object x = r.cell().options().get(v);
                b.append(',').append(x == null ? "" : quote(x.toString()));
            }
            b.append(',').append(r.stopReason()).append(',').append(r.line().path("converged").asBoolean(false));
            for (String[] c : COLUMNS) {
                Double x = r.number(c);
                b.append(',');
                if (x != null) {
                    b.append(c[0].equals("iterations") ? Long.toString(x.longValue()) : Double.toString(x));
                }
            }
            for (String[] c : FLAGS) {
                b.append(',').append(r.line().path("solve").isObject() ? Boolean.toString(r.flag(c)) : "");
            }
            b.append('\n');
        }
        Path tmp = dir.resolve(NAME + ".tmp");
        Files.write(tmp, b.toString().getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String quote(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
