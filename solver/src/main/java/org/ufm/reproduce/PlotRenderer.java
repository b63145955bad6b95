package org.ufm.reproduce;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders a {@link PlotSpec} to a PNG with XChart, headless. On a logarithmic axis the points with a
 * non-positive (or non-finite) coordinate cannot be drawn: they are dropped and reported in
 * {@link Rendered#notes}; a series left empty is omitted.
 */
final class PlotRenderer {

    static final int WIDTH = 1000;
    static final int HEIGHT = 560;

    /** What was drawn: the file and one note per series that lost points. */
    static final class Rendered {
        final Path file;
        final List<String> notes;

        Rendered(Path file, List<String> notes) {
            this.file = file;
            this.notes = notes;
        }
    }

    private PlotRenderer() {
    }

    static Rendered render(PlotSpec spec, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(spec.title())
                .xAxisTitle(spec.xLabel()).yAxisTitle(spec.yLabel()).build();
        XYStyler st = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(spec.isLogX());
        chart.getStyler().setYAxisLogarithmic(spec.isLogY());
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendLayout(Styler.LegendLayout.Vertical);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setAntiAlias(true);
        List<String> notes = new ArrayList<>();
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        int drawn = 0;
        for (PlotSpec.Series s : spec.series()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.x.length; i++) {
                if (drawable(s.x[i], spec.isLogX()) && drawable(s.y[i], spec.isLogY())) {
                    xs.add(s.x[i]);
                    ys.add(s.y[i]);
                    range[0] = Math.min(range[0], s.x[i]);
                    range[1] = Math.max(range[1], s.x[i]);
                    range[2] = Math.min(range[2], s.y[i]);
                    range[3] = Math.max(range[3], s.y[i]);
                }
            }
            int dropped = s.x.length - xs.size();
            if (dropped > 0) {
                notes.add(String.format("%s, series '%s': %d of %d points dropped (non-finite, or non-positive on a log axis)",
                        spec.file(), s.name, dropped, s.x.length));
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(uniqueName(chart, s.name), xs, ys);
            switch (s.style) {
                case POINTS:
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    series.setMarker(SeriesMarkers.DIAMOND);
                    break;
                case DASHED:
                    series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                            new float[] {6f, 4f}, 0f));
                    series.setMarker(xs.size() <= 40 ? SeriesMarkers.SQUARE : SeriesMarkers.NONE);
                    break;
                default:
                    series.setMarker(xs.size() <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            }
            drawn++;
        }
        // Short log ranges (under 3 decades) get labels between the decades too, or they would show one label.
        st.setXAxisLogarithmicDecadeOnly(!(range[1] / range[0] < 1e3));
        st.setYAxisLogarithmicDecadeOnly(!(range[3] / range[2] < 1e3));
        if (drawn == 0) {
            chart.getStyler().setXAxisLogarithmic(false);
            chart.getStyler().setYAxisLogarithmic(false);
            chart.setTitle(spec.title() + " (no drawable data)");
            chart.addSeries("no data", new double[] {0.0}, new double[] {0.0});
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG);
        }
        return new Rendered(file, notes);
    }

    private static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0.0);
    }

    private static String uniqueName(XYChart chart, String name) {
        String n = name;
        for (int i = 2; chart.getSeriesMap().containsKey(n); i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }
}
