package org.ufm.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.ufm.certificate.Certificate;
import org.ufm.certificate.LargestSingularValue;
import org.ufm.certificate.SecondOrderCertificate;
import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.model.UfmModel;
import org.ufm.report.PointReport;
import org.ufm.variant.StrongCollapseDistances;
import org.ufm.variant.UlpmMargins;
import org.ufm.variant.Variant;
import org.ufm.variant.VariantExtras;

/**
 * The text and JSON form of a {@link PointReport} (objective to distance), shared by every command that
 * certifies a point: {@code solve} prints it after its solver line, a command that certifies a given point
 * can print it alone. Field order and null fields are fixed: scripts read them.
 */
final class PointReportFormat {

    private PointReportFormat() {
    }

    /** Why metrics computed near W = H = 0 are no collapse, where that point is the model's minimiser. */
    static final String DIRECTION_NOTE = "the minimiser is W = H = 0 (above the threshold): the metrics describe this "
            + "point's direction, not a collapse";

    /**
     * The "metrics" (or "metricsNote") JSON fields of {@code model}'s point; the variant says what W = H = 0 is for the
     * model, and computed metrics carry {@link #DIRECTION_NOTE} where that is the minimiser.
     */
    static void putMetrics(Json j, PointReport p, Variant variant, UfmModel model) {
        NeuralCollapseMetrics nc = p.metrics();
        if (nc != null) {
            Json m = new Json().put("nc1", nc.nc1()).put("nc2", nc.nc2()).put("nc3", nc.nc3()).put("nc4", nc.nc4());
            Json names = new Json().put("nc1", NeuralCollapseMetrics.NC1).put("nc2", NeuralCollapseMetrics.NC2)
                    .put("nc3", NeuralCollapseMetrics.NC3).put("nc4", NeuralCollapseMetrics.NC4);
            Json variants = new Json();
            for (Map.Entry<String, Double> e : nc.all().entrySet()) {
                variants.put(e.getKey(), e.getValue());
            }
            j.put("metrics", m).put("metricNames", names).put("metricVariants", variants);
            if (variant.minimiserAtOrigin(model)) {
                j.put("metricsNote", DIRECTION_NOTE);
            }
        } else {
            j.put("metrics", null);
            if (!p.settings().metrics()) {
                j.put("metricsNote", "skipped (--no-metrics)");
            } else if (p.metricsNotFinite()) {
                j.put("metricsNote", "undefined: not finite at this point (the point or the metrics overflow)");
            } else if (p.metricsUndefinedAtOrigin()) {
                j.put("metricsNote", "undefined: W and H are numerically zero (" + variant.originWords(model) + ")");
            }
        }
    }

    /** The "certificate" JSON object and the variant's extras. */
    static void putCertificates(Json j, PointReport p) {
        Certificate cert = p.certificate();
        SecondOrderCertificate second = p.secondOrder();
        if (cert != null) {
            j.put("certificate", new Json()
                    .put("firstOrder", cert.firstOrder)
                    .put("gradTolerance", cert.gradTolerance)
                    .put("global", cert.global)
                    .put("gapTolerance", cert.gapTolerance)
                    .put("sigmaMax", cert.sigmaMax)
                    .put("sigmaMaxMethod", second != null && second.sigmaMaxMethod != null ? second.sigmaMaxMethod
                            : cert.sigmaMaxMethod)
                    .put("sigmaBound", cert.sigmaBound)
                    .put("minHessianEigenvalue", second == null ? null : second.minEigenvalue)
                    .put("secondOrder", second == null ? null : second.secondOrder)
                    .put("secondOrderTolerance", second == null ? null : second.tolerance)
                    .put("hessianMethod", second == null ? null : second.method)
                    .put("symmetryDimension", second == null ? null : second.symmetryDimension)
                    .put("nearZeroEigenvalues", second == null ? null : second.nearZeroEigenvalues)
                    .put("minHessianEigenvalueUndeflated", second == null ? null : second.minEigenvalueUndeflated)
                    .put("lanczosResidual", second == null ? null : second.residual)
                    .put("lanczosSteps", second == null ? null : second.steps)
                    .put("distanceToOptimum", p.distance())
                    .put("seconds", new Json().put("secondOrder", p.seconds().secondOrder())
                            .put("distance", p.seconds().distance()).put("global", p.seconds().global())
                            .put("metrics", p.seconds().metrics()).put("total", p.seconds().total())
                            .put("elapsed", p.seconds().elapsed())));
        } else {
            j.put("certificate", new Json().put("firstOrder", p.firstOrder()).put("global", false)
                    .put("note", "metrics and sigma_max skipped: K > " + LargestSingularValue.DENSE_LIMIT
                            + " and K N > " + PointReport.CERTIFICATE_LIMIT));
        }
        VariantExtras extras = p.extras();
        UlpmMargins margins = extras.margins();
        if (margins != null) {
            j.put("margin", margins.minimum()).put("normalizedMargin", margins.normalized())
                    .put("marginLimit", margins.limit());
        }
        if (extras.strongCollapseApplies()) {
            StrongCollapseDistances sc = extras.strongCollapse();
            j.put("strongNcDistances", sc == null ? null
                    : new Json().put("gram", sc.gram()).put("features", sc.features()).put("bias", sc.bias()));
            j.put("distanceToS", sc == null ? null : sc.distanceToS());
        }
    }

    /**
     * The text lines from "objective" to "distance" for {@code model}'s point (the variant says what W = H = 0 is for
     * the model); {@code refinement} (or null) is the "refinement" line of a solve that tightened its tolerance.
     */
    static void print(PointReport p, Variant variant, UfmModel model, String refinement, PrintStream out) {
        Certificate cert = p.certificate();
        SecondOrderCertificate second = p.secondOrder();
        NeuralCollapseMetrics nc = p.metrics();
        Double optimum = p.optimum();
        double tol = p.settings().gradTolerance();
        out.printf(Locale.ROOT, "objective   %.16g%n", p.cost());
        if (optimum != null) {
            out.printf(Locale.ROOT, "optimum     %.16g (closed form)   gap %.3e", optimum, p.cost() - optimum);
            if (optimum == 0.0) {
                out.println(" (f* = 0: the gap is absolute)");
            } else {
                out.printf(Locale.ROOT, " (relative %.3e)%n", (p.cost() - optimum) / Math.abs(optimum));
            }
        } else {
            out.println("optimum     " + p.noOptimumReason());
        }
        out.printf(Locale.ROOT, "gradient    %.3e (tolerance %.1e)%n", p.gradNorm(), tol);
        if (refinement != null) {
            out.println("refinement  " + refinement);
        }
        UlpmMargins margins = p.extras().margins();
        if (margins != null) {
            out.printf(Locale.ROOT, "margin      q_min %.6e  normalised %.7f  limit gamma* %s%n", margins.minimum(),
                    margins.normalized(), margins.limit() == null ? "unknown (imbalanced)"
                            : String.format(Locale.ROOT, "%.7f", margins.limit()));
        }
        StrongCollapseDistances sc = p.extras().strongCollapse();
        if (sc != null) {
            out.printf(Locale.ROOT, "strong NC   ||WW^T - sqrt(n) P_C||_F %.3e  rel. H error %.3e  ||b - 1/C|| %.3e  "
                    + "distance to S %.3e%n", sc.gram(), sc.features(), sc.bias(), sc.distanceToS());
        }
        if (nc != null) {
            out.printf(Locale.ROOT, "metrics     nc1 %.3e  nc2 %.3e  nc3 %.3e  nc4 %.3f   (%s, %s, %s, %s)%n",
                    nc.nc1(), nc.nc2(), nc.nc3(), nc.nc4(), NeuralCollapseMetrics.NC1, NeuralCollapseMetrics.NC2,
                    NeuralCollapseMetrics.NC3, NeuralCollapseMetrics.NC4);
            if (variant.minimiserAtOrigin(model)) {
                out.println("            (" + DIRECTION_NOTE + ")");
            }
        } else if (!p.settings().metrics()) {
            out.println("metrics     skipped (--no-metrics)");
        } else if (p.metricsNotFinite()) {
            out.println("metrics     undefined: not finite at this point (the point or the metrics overflow)");
        } else if (p.metricsUndefinedAtOrigin()) {
            out.println("metrics     undefined: ||W||_F and ||H||_F < " + NeuralCollapseMetrics.ORIGIN_NORM
                    + " (" + variant.originWords(model) + ")");
        }
        if (cert != null) {
            StringBuilder s = new StringBuilder("certificate first order: " + (cert.firstOrder ? "yes" : "no")
                    + "; global: " + (cert.global ? "yes" : "no"));
            if (cert.optimum != null) {
                s.append(String.format(Locale.ROOT, " (relative gap %.1e vs tolerance %.0e", cert.relativeGap, cert.gapTolerance));
                if (cert.sigmaMax != null) {
                    s.append(String.format(Locale.ROOT, "; sigma_max(grad_Z g) %.6e vs sqrt(lambda_W lambda_H) %.6e",
                            cert.sigmaMax, cert.sigmaBound));
                } else if (cert.sigmaMaxSkipped()) {
                    s.append("; sigma_max(grad_Z g) not computed: the point is not first-order critical");
                }
                s.append(')');
            }
            out.println(s);
        }
        if (second != null && SecondOrderCertificate.SIGMA_BOUND.equals(second.method)) {
            out.printf(Locale.ROOT, "second order %s: min Hessian eigenvalue >= %.6e (%s: a lower bound from sigma_max(grad_Z g), "
                    + "the loss being convex in Z; no Hessian-vector product%s)%n", second.secondOrder ? "yes" : "no",
                    second.minEigenvalue, second.method, "lanczos".equals(second.sigmaMaxMethod)
                            ? "; sigma_max by Lanczos, an estimate: the bound rests on it" : "");
        } else if (second != null) {
            out.printf(Locale.ROOT, "second order %s: min Hessian eigenvalue %.6e (%s, %s symmetry directions deflated%s)%n",
                    second.secondOrder ? "yes" : "no", second.minEigenvalue, second.method,
                    second.symmetryDimension == null ? "no" : second.symmetryDimension.toString(),
                    second.nearZeroEigenvalues == null ? "" : "; " + second.nearZeroEigenvalues + " eigenvalues within "
                            + second.tolerance + " of 0 before deflation");
        }
        if (p.distance() != null) {
            out.printf(Locale.ROOT, "distance    %.3e to the closed-form minimiser (after Procrustes alignment)%n", p.distance());
        }
    }
}
