package org.ufm.check;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws check results as a log-log PNG: E(t) against t for each check (points where E = 0 are left out,
 * a log axis cannot show them), and for each fitted check a dashed reference line of the expected slope
 * through the middle of its fitting window, extended half a decade each side. Runs headless.
 */
public final class CheckPlot {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd)};

    /** How far below the fitted line the reference line is drawn, in decades. */
    private static final double OFFSET_DECADES = 1.0;

    private CheckPlot() {
    }

    /** Writes the plot of {@code results} (skipped ones are left out) to {@code file} as a PNG. */
    public static void write(List<CheckResult> results, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(640).title(title).xAxisTitle("step t")
                .yAxisTitle("Taylor / retraction error E(t)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe8e8e8));
        chart.getStyler().setPlotGridLinesStroke(new BasicStroke(0.5f));
        int c = 0;
        boolean any = false;
        for (CheckResult r : results) {
            if (r.verdict() == Verdict.SKIPPED) {
                continue;
            }
            Color color = COLORS[c++ % COLORS.length];
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double[] t = r.steps();
            double[] e = r.errors();
            for (int i = 0; i < t.length; i++) {
                if (e[i] > 0 && Double.isFinite(e[i])) {
                    xs.add(t[i]);
                    ys.add(e[i]);
                }
            }
            String label = r.name() + ("gradient differences".equals(r.method()) ? " by gradient differences" : "")
                    + " " + r.verdict() + (Double.isNaN(r.slope()) ? " (exact)"
                    : String.format(Locale.ROOT, " (slope %.2f)", r.slope()));
            if (xs.isEmpty()) {
                label += ", E = 0 everywhere";
                XYSeries none = chart.addSeries(label, new double[] {t[0]}, new double[] {Double.NaN});
                none.setMarker(SeriesMarkers.NONE);
                none.setLineColor(color);
                continue;
            }
            XYSeries s = chart.addSeries(label, xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color);
            s.setLineColor(color);
            any = true;
            SlopeFit f = r.fit();
            if (f != null) {
                double lo = Math.log10(t[f.from]);
                double hi = Math.log10(t[f.to - 1]);
                double mid = 0.5 * (lo + hi);
                double yMid = f.intercept + f.slope * mid - OFFSET_DECADES;
                double a = lo - 0.5;
                double b = hi + 0.5;
                double p = r.expectedSlope();
                XYSeries ref = chart.addSeries(String.format(Locale.ROOT, "slope %.0f reference (%s window, shifted down)", p,
                        r.name()),
                        new double[] {Math.pow(10, a), Math.pow(10, b)},
                        new double[] {Math.pow(10, yMid + p * (a - mid)), Math.pow(10, yMid + p * (b - mid))});
                ref.setMarker(SeriesMarkers.NONE);
                ref.setLineColor(color.darker());
                ref.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {8f, 6f}, 0f));
            }
        }
        if (!any) {
            chart.addSeries("no nonzero error to draw", new double[] {1e-8, 1}, new double[] {1e-16, 1e-16})
                    .setMarker(SeriesMarkers.NONE);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
