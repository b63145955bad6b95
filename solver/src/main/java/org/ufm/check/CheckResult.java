package org.ufm.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one check: the error curve (t_i, E(t_i)) with its round-off floor, the fitted slope
 * and its window, the expected slope, extra scalar diagnostics (tangency, symmetry), and the verdict
 * with a one-line reason.
 *
 * <p>Verdict rule ({@link #judge}): PASS when the fitted slope is at least {@code expected - }
 * {@link #SLOPE_TOLERANCE} on a linear window and every extra condition holds; PASS ("exact") when E is
 * at round-off level on the whole grid, as for a model that is exactly its Taylor polynomial;
 * INCONCLUSIVE when points are resolved but no window is linear; FAIL otherwise. A slope above the expected one passes: it only means the next Taylor term vanishes.
 */
public final class CheckResult {

    /** How far below the expected slope a fitted slope may be and still pass (Manopt shows the slope; 1.8 for 2). */
    public static final double SLOPE_TOLERANCE = 0.2;
    /** Points per fitting window (0.96 decade on the standard 51-point grid). */
    public static final int WINDOW = 7;
    /** Largest root-mean-square residual, in decades, of a window counted as linear. */
    public static final double MAX_RMS = 0.05;

    private final String name;
    private final double expectedSlope;
    private final double[] t;
    private final double[] error;
    private final double[] floor;
    private final SlopeFit fit;
    private final Verdict verdict;
    private final String reason;
    private final Map<String, Double> diagnostics;
    private String method;

    private CheckResult(String name, double expectedSlope, double[] t, double[] error, double[] floor, SlopeFit fit,
                        Verdict verdict, String reason, Map<String, Double> diagnostics) {
        this.name = name;
        this.expectedSlope = expectedSlope;
        this.t = t;
        this.error = error;
        this.floor = floor;
        this.fit = fit;
        this.verdict = verdict;
        this.reason = reason;
        this.diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
        this.method = "retraction".equals(name) ? "distance to the exponential map" : "function values";
    }

    /** A check that could not run. */
    public static CheckResult skipped(String name, double expectedSlope, String reason) {
        return new CheckResult(name, expectedSlope, new double[0], new double[0], new double[0], null, Verdict.SKIPPED,
                reason, Map.of());
    }

    /**
     * Fits the slope of the error curve (window rule of {@link SlopeFit}) and decides the verdict.
     *
     * @param failures reasons of extra conditions that failed (tangency, symmetry); any makes it FAIL
     */
    public static CheckResult judge(String name, double expectedSlope, double[] t, double[] error, double[] floor,
                                    Map<String, Double> diagnostics, List<String> failures) {
        SlopeFit fit = SlopeFit.select(t, error, floor, WINDOW, MAX_RMS);
        Verdict v;
        String reason;
        if (fit == null) {
            int resolved = 0;
            double max = 0;
            for (int i = 0; i < t.length; i++) {
                if (!(error[i] <= floor[i])) {
                    resolved++;
                }
                max = Math.max(max, error[i]);
            }
            v = Verdict.PASS;
            reason = resolved == 0
                    ? String.format(Locale.ROOT, "exact: E(t) is at round-off level on the whole grid (max %.1e)", max)
                    : String.format(Locale.ROOT, "exact: E(t) is at round-off level except at %d isolated steps (max %.1e)",
                    resolved, max);
        } else if (!fit.linear) {
            v = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "no linear regime: best window t in [%.1e, %.1e] has slope %.3f with "
                    + "rms residual %.2f decades (the Taylor regime above round-off is too short; a smaller instance "
                    + "of the model exercises the same code)", t[fit.from], t[fit.to - 1], fit.slope, fit.rms);
        } else if (fit.slope < expectedSlope - SLOPE_TOLERANCE) {
            v = Verdict.FAIL;
            reason = String.format(Locale.ROOT, "slope %.3f < %.1f on t in [%.1e, %.1e]", fit.slope,
                    expectedSlope - SLOPE_TOLERANCE, t[fit.from], t[fit.to - 1]);
        } else {
            v = Verdict.PASS;
            reason = String.format(Locale.ROOT, "slope %.3f >= %.1f on t in [%.1e, %.1e]", fit.slope,
                    expectedSlope - SLOPE_TOLERANCE, t[fit.from], t[fit.to - 1]);
        }
        if (!failures.isEmpty()) {
            reason = String.join("; ", failures) + (v == Verdict.FAIL ? "; " + reason : "");
            v = Verdict.FAIL;
        }
        return new CheckResult(name, expectedSlope, t, error, floor, fit, v, reason, diagnostics);
    }

    /** This result with another reason and the method its curve comes from. */
    CheckResult withReason(String newReason, String newMethod) {
        CheckResult r = new CheckResult(name, expectedSlope, t, error, floor, fit, verdict, newReason, diagnostics);
        r.method = newMethod;
        return r;
    }

    /** What E(t) is computed from: "function values", or "gradient differences" for the Hessian's fallback. */
    public String method() {
        return method;
    }

    /** "gradient", "hessian" or "retraction". */
    public String name() {
        return name;
    }

    /** The slope a correct implementation shows (2 gradient, 3 Hessian, 3 second-order retraction). */
    public double expectedSlope() {
        return expectedSlope;
    }

    /** Step sizes t_i (a copy). */
    public double[] steps() {
        return t.clone();
    }

    /** Errors E(t_i) (a copy). */
    public double[] errors() {
        return error.clone();
    }

    /** Round-off floors below which E(t_i) is not resolved (a copy). */
    public double[] floors() {
        return floor.clone();
    }

    /** Fitted slope, or NaN when no window was fitted (exact or skipped). */
    public double slope() {
        return fit == null ? Double.NaN : fit.slope;
    }

    /** The fit, or null. */
    public SlopeFit fit() {
        return fit;
    }

    /** Smallest step of the window, or NaN. */
    public double windowMin() {
        return fit == null ? Double.NaN : t[fit.from];
    }

    /** Largest step of the window, or NaN. */
    public double windowMax() {
        return fit == null ? Double.NaN : t[fit.to - 1];
    }

    /** The verdict. */
    public Verdict verdict() {
        return verdict;
    }

    /** True when the verdict is PASS or SKIPPED. */
    public boolean ok() {
        return verdict == Verdict.PASS || verdict == Verdict.SKIPPED;
    }

    /** One line saying why. */
    public String reason() {
        return reason;
    }

    /** Extra scalar diagnostics by name, in insertion order. */
    public Map<String, Double> diagnostics() {
        return diagnostics;
    }

    @Override
    public String toString() {
        return name + " " + verdict + ": " + reason;
    }
}
