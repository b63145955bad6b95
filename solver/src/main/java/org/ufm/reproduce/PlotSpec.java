package org.ufm.reproduce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A line plot: title, axis labels and scales, and named series of (x, y) points; rendered to PNG. */
public final class PlotSpec {

    /** How a series is drawn. */
    public enum Style {
        /** A solid line through the points (markers too when there are few points). */
        LINE,
        /** Markers only: measured points, e.g. a solver's values next to a closed-form curve. */
        POINTS,
        /** A dashed line: a reference (a paper's or SPEC.md's numbers, a threshold). */
        DASHED
    }

    /** One named series. */
    public static final class Series {
        /** Legend name. */
        public final String name;
        /** Drawing style. */
        public final Style style;
        /** x values. */
        public final double[] x;
        /** y values. */
        public final double[] y;

        Series(String name, double[] x, double[] y, Style style) {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": x and y differ in length");
            }
            this.name = name;
            this.style = style;
            this.x = x.clone();
            this.y = y.clone();
        }
    }

    private final String file;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private boolean logX;
    private boolean logY;
    private final List<Series> series = new ArrayList<>();

    /** A plot written to {@code file} (a name ending in .png, relative to the output folder). */
    public PlotSpec(String file, String title, String xLabel, String yLabel) {
        this.file = file;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Logarithmic x axis; returns this. */
    public PlotSpec logX() {
        logX = true;
        return this;
    }

    /** Logarithmic y axis; returns this. */
    public PlotSpec logY() {
        logY = true;
        return this;
    }

    /** Adds a series; returns this. */
    public PlotSpec add(String name, double[] x, double[] y) {
        return add(name, x, y, Style.LINE);
    }

    /** Adds a series drawn in the given style; returns this. */
    public PlotSpec add(String name, double[] x, double[] y, Style style) {
        series.add(new Series(name, x, y, style));
        return this;
    }

    /** File name. */
    public String file() {
        return file;
    }

    /** Title. */
    public String title() {
        return title;
    }

    /** x-axis label. */
    public String xLabel() {
        return xLabel;
    }

    /** y-axis label. */
    public String yLabel() {
        return yLabel;
    }

    /** Whether x is logarithmic. */
    public boolean isLogX() {
        return logX;
    }

    /** Whether y is logarithmic. */
    public boolean isLogY() {
        return logY;
    }

    /** The series. */
    public List<Series> series() {
        return Collections.unmodifiableList(series);
    }
}
