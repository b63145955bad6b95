package org.ufm.sweep;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The sweep's plots over its numeric grid axes other than the seed. With two or more, heatmaps over the first
 * two (every other axis, seeds included, pooled into each square); with one, line plots over it. Four
 * quantities: log10 of the largest |relative gap| to the closed form, the fraction of cells certified globally
 * optimal, and log10 of the median NC1 and NC2. A quantity no finished cell has is not drawn.
 */
public final class SweepPlots {

    /** Floor of the gap before its log10 (a gap of exactly 0 is drawn at this value). */
    static final double GAP_FLOOR = 1e-17;

    private SweepPlots() {
    }

    /** A quantity of a group of cells, null when none of them has it. */
    private static final class Quantity {
        final String file;
        final String title;
        final Function<List<CellRow>, Double> of;
        /** True for a fraction, whose colour scale is always [0, 1]. */
        final boolean fraction;

        Quantity(String file, String title, Function<List<CellRow>, Double> of) {
            this(file, title, of, false);
        }

        Quantity(String file, String title, Function<List<CellRow>, Double> of, boolean fraction) {
            this.file = file;
            this.title = title;
            this.of = of;
            this.fraction = fraction;
        }
    }

    private static final List<Quantity> QUANTITIES = Arrays.asList(
            new Quantity("gap", "log10 max |relative gap to the closed form| (floor 1e-17)", rows -> {
                Double worst = null;
                for (CellRow r : rows) {
                    Double g = r.number("relativeGap");
                    if (g != null) {
                        worst = Math.max(worst == null ? 0 : worst, Math.abs(g));
                    }
                }
                return worst == null ? null : Math.log10(Math.max(worst, GAP_FLOOR));
            }),
            new Quantity("certified", "fraction of cells certified globally optimal", rows -> {
                int yes = 0;
                for (CellRow r : rows) {
                    yes += r.flag("certificate", "global") ? 1 : 0;
                }
                return rows.isEmpty() ? null : (double) yes / rows.size();
            }, true),
            new Quantity("nc1", "log10 median NC1", rows -> logMedian(rows, "nc1")),
            new Quantity("nc2", "log10 median NC2", rows -> logMedian(rows, "nc2")));

    private static Double logMedian(List<CellRow> rows, String metric) {
        List<Double> v = new ArrayList<>();
        for (CellRow r : rows) {
            Double x = r.number("metrics", metric);
            if (x != null && x > 0) {
                v.add(x);
            }
        }
        if (v.isEmpty()) {
            return null;
        }
        v.sort(null);
        int m = v.size() / 2;
        double med = v.size() % 2 == 1 ? v.get(m) : 0.5 * (v.get(m - 1) + v.get(m));
        return Math.log10(med);
    }

    /** The axes the plots use: numeric grid axes other than "seed", in spec order. */
    static List<String> plotAxes(Map<String, List<Object>> axes) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Object>> a : axes.entrySet()) {
            boolean numeric = !"seed".equals(a.getKey());
            for (Object v : a.getValue()) {
                numeric &= v instanceof Number;
            }
            if (numeric) {
                out.add(a.getKey());
            }
        }
        return out;
    }

    /** Draws the plots into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir, SweepSpec spec, List<CellRow> rows) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> axes = plotAxes(spec.axes());
        List<Path> files = new ArrayList<>();
        if (axes.isEmpty() || rows.isEmpty()) {
            return files;
        }
        String xa = axes.get(0);
        List<Object> xs = spec.axes().get(xa);
        if (axes.size() >= 2) {
            String ya = axes.get(1);
            List<Object> ys = spec.axes().get(ya);
            Map<List<Object>, List<CellRow>> groups = new LinkedHashMap<>();
            for (CellRow r : rows) {
                groups.computeIfAbsent(Arrays.asList(r.cell().options().get(xa), r.cell().options().get(ya)),
                        k -> new ArrayList<>()).add(r);
            }
            for (Quantity q : QUANTITIES) {
                List<Number[]> heat = new ArrayList<>();
                for (int i = 0; i < xs.size(); i++) {
                    for (int j = 0; j < ys.size(); j++) {
                        List<CellRow> g = groups.get(Arrays.asList(xs.get(i), ys.get(j)));
                        Double v = g == null ? null : q.of.apply(g);
                        if (v != null) {
                            heat.add(new Number[] {i, j, v});
                        }
                    }
                }
                if (heat.isEmpty()) {
                    continue;
                }
                HeatMapChart chart = new HeatMapChartBuilder().width(900).height(640).title(q.title)
                        .xAxisTitle(xa).yAxisTitle(ya).build();
                chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0.00")
                        .setLegendPosition(Styler.LegendPosition.OutsideE);
                chart.getStyler().setChartBackgroundColor(Color.WHITE);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (Number[] h : heat) {
                    lo = Math.min(lo, h[2].doubleValue());
                    hi = Math.max(hi, h[2].doubleValue());
                }
                // XChart's colour scale starts from (0, Double.MIN_VALUE): give it the data's range
                if (q.fraction) {
                    lo = 0;
                    hi = 1;
                }
                chart.getStyler().setMin(lo).setMax(hi > lo ? hi : lo + 1);
                chart.addSeries(q.file, labels(xs), labels(ys), heat);
                Path f = dir.resolve("heatmap-" + q.file + ".png");
                BitmapEncoder.saveBitmap(chart, f.toString(), BitmapEncoder.BitmapFormat.PNG);
                files.add(f);
            }
            return files;
        }
        boolean logX = true;
        for (Object v : xs) {
            logX &= ((Number) v).doubleValue() > 0;
        }
        for (Quantity q : QUANTITIES) {
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (Object x : xs) {
                List<CellRow> g = new ArrayList<>();
                for (CellRow r : rows) {
                    if (x.equals(r.cell().options().get(xa))) {
                        g.add(r);
                    }
                }
                Double v = g.isEmpty() ? null : q.of.apply(g);
                if (v != null) {
                    px.add(((Number) x).doubleValue());
                    py.add(v);
                }
            }
            if (px.isEmpty()) {
                continue;
            }
            XYChart chart = new XYChartBuilder().width(900).height(560).title(q.title).xAxisTitle(xa)
                    .yAxisTitle(q.file).build();
            chart.getStyler().setXAxisLogarithmic(logX).setLegendVisible(false);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.addSeries(q.file, px, py);
            Path f = dir.resolve("line-" + q.file + ".png");
            BitmapEncoder.saveBitmap(chart, f.toString(), BitmapEncoder.BitmapFormat.PNG);
            files.add(f);
        }
        return files;
    }

    private static List<String> labels(List<Object> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v instanceof Double ? String.format(Locale.ROOT, "%.3g", (Double) v) : v.toString());
        }
        return out;
    }
}
