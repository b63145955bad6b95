package org.ufm.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ufm.certificate.Certificate;
import org.ufm.certificate.SecondOrderCertificate;
import org.ufm.compute.Chunks;
import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.model.UfmModel;
import org.ufm.point.PointFile;
import org.ufm.report.CertificationSettings;
import org.ufm.report.PointReport;

/**
 * {@code ufm certify --model M [model options] --point FILE.npz [--tol g] [--gap-tol r]
 * [--require first-order|second-order|global] [--json]}: certifies a point computed elsewhere (W, H, b, y as
 * {@code solve --save} writes them, any sample order) without moving it. Exit 0 when the required level holds
 * (default: global where a closed form exists, else second-order), 1 when it does not, 2 on bad input.
 */
public final class CertifyCommand {

    static final Set<String> VALUES = new LinkedHashSet<>(Arrays.asList("point", "tol", "gap-tol", "require"));
    static final Set<String> FLAGS = new LinkedHashSet<>(Arrays.asList("json"));

    private CertifyCommand() {
    }

    /** One usage line for Main. */
    static String usage() {
        return String.join("\n",
                "  certify certify a point from a file without moving it: [model options] --point FILE.npz [--tol g]",
                "          [--gap-tol r] [--require first-order|second-order|global] [--json]; exit 0 certified, 1 not");
    }

    /** Runs the command; returns the exit code. */
    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args a = ModelOptions.parse(argv, VALUES, FLAGS);
        ModelOptions mo = new ModelOptions(a);
        if (!a.has("point")) {
            throw new UsageException("need --point FILE.npz (arrays W (K,d), H (N,d), b (K,) with a bias, y (N,))");
        }
        double tol = a.number("tol", SolveCommand.DEFAULT_TOL);
        if (!(tol >= 0)) {
            throw new UsageException("--tol must be >= 0, got " + tol);
        }
        double gapTol = a.number("gap-tol", SolveCommand.DEFAULT_GAP_TOL);
        if (!(gapTol >= 0)) {
            throw new UsageException("--gap-tol must be >= 0, got " + gapTol);
        }
        CertificateLevel required = null;
        if (a.has("require")) {
            required = CertificateLevel.parse(a.string("require", null));
            if (required == null) {
                throw new UsageException("--require must be first-order, second-order or global, got '"
                        + a.string("require", null) + "'");
            }
        }
        MemoryCheck.require(mo.variables(), 8);
        try (Chunks chunks = new Chunks(mo.threads)) {
            UfmModel model = mo.build(chunks);
            String file = a.string("point", null);
            PointFile.Loaded p = PointFiles.load(file, model);
            CertificateLevel level = required != null ? required : CertificateLevel.defaultFor(model);
            if (level == CertificateLevel.GLOBAL && Certificate.optimum(model) == null) {
                throw new UsageException("--require global: no closed-form optimum for " + mo.describe()
                        + " (try --require second-order)");
            }
            PointReport c = PointReport.at(model, p.x, new CertificationSettings(tol, gapTol, true));
            boolean holds = level.heldBy(c);
            if (a.flag("json")) {
                out.println(json(mo, model, file, p, c, level, holds));
            } else {
                text(mo, file, p, c, level, holds, out);
            }
            return holds ? 0 : 1;
        }
    }

    private static Json json(ModelOptions mo, UfmModel model, String file, PointFile.Loaded p, PointReport c,
                             CertificateLevel level, boolean holds) {
        Certificate cert = c.certificate();
        SecondOrderCertificate s = c.secondOrder();
        Json j = new Json().put("model", mo.model).put("description", mo.describe())
                .put("classes", model.labels().classes()).put("samples", model.labels().samples()).put("dim", model.dim())
                .put("point", PointFiles.describe(file, model, p))
                .put("objective", c.cost())
                .put("optimum", c.optimum())
                .put("gap", c.gap())
                .put("relativeGap", cert == null ? null : cert.relativeGap)
                .put("gradNorm", c.gradNorm())
                .put("certificate", new Json()
                        .put("firstOrder", c.firstOrder())
                        .put("gradTolerance", c.settings().gradTolerance())
                        .put("global", c.global())
                        .put("gapTolerance", c.settings().gapTolerance())
                        .put("sigmaMax", cert == null ? null : cert.sigmaMax)
                        .put("sigmaBound", cert == null ? null : cert.sigmaBound)
                        .put("secondOrder", s == null ? null : s.secondOrder)
                        .put("minHessianEigenvalue", s == null ? null : s.minEigenvalue)
                        .put("secondOrderTolerance", s == null ? null : s.tolerance)
                        .put("hessianMethod", s == null ? null : s.method)
                        .put("distanceToOptimum", c.distance()))
                .put("required", level.option())
                .put("certified", holds);
        if (c.metrics() != null) {
            Json m = new Json();
            for (Map.Entry<String, Double> e : c.metrics().all().entrySet()) {
                m.put(e.getKey(), e.getValue());
            }
            j.put("metrics", new Json().put("nc1", c.metrics().nc1()).put("nc2", c.metrics().nc2())
                    .put("nc3", c.metrics().nc3()).put("nc4", c.metrics().nc4())).put("metricVariants", m);
        } else {
            j.put("metrics", null).put("metricsNote", c.metricsUndefinedAtOrigin() ? "undefined: W and H are numerically zero"
                    : "skipped: K N > " + PointReport.METRICS_LIMIT);
        }
        return j;
    }

    private static void text(ModelOptions mo, String file, PointFile.Loaded p, PointReport c, CertificateLevel level,
                             boolean holds, PrintStream out) {
        Certificate cert = c.certificate();
        out.println("model       " + mo.describe());
        out.println("point       " + file + (p.hadLabels ? (p.permuted ? " (samples matched to the model's labels through y)"
                : " (labels y in the model's order)") : " (no y: the model's own labelling)")
                + ("sphere".equals(mo.model) ? String.format(Locale.ROOT, "; rows scaled to unit norm, largest norm change %.1e",
                p.normalisation) : ""));
        out.printf(Locale.ROOT, "objective   %.16g%n", c.cost());
        if (c.optimum() != null) {
            out.printf(Locale.ROOT, "optimum     %.16g (closed form)   gap %.3e%s%n", c.optimum(), c.gap(),
                    cert == null ? "" : String.format(Locale.ROOT, " (relative %.3e)", cert.relativeGap));
        } else {
            out.println("optimum     " + c.noOptimumReason());
        }
        out.printf(Locale.ROOT, "gradient    %.3e (tolerance %.1e): first order %s%n", c.gradNorm(),
                c.settings().gradTolerance(), c.firstOrder() ? "yes" : "no");
        if (cert == null) {
            out.println("global      not computed: K N > " + PointReport.METRICS_LIMIT);
        } else if (cert.optimum != null) {
            out.printf(Locale.ROOT, "global      %s (relative gap %.1e vs %.0e%s)%n", cert.global ? "yes" : "no",
                    cert.relativeGap, cert.gapTolerance, cert.sigmaMax == null ? ""
                            : String.format(Locale.ROOT, "; sigma_max(grad_Z g) %.6e vs sqrt(lambda_W lambda_H) %.6e",
                            cert.sigmaMax, cert.sigmaBound));
        }
        if (c.secondOrder() != null) {
            out.printf(Locale.ROOT, "second order %s: min Hessian eigenvalue %.6e (%s)%n", c.secondOrder().secondOrder ? "yes" : "no",
                    c.secondOrder().minEigenvalue, c.secondOrder().method);
        }
        if (c.distance() != null) {
            out.printf(Locale.ROOT, "distance    %.3e to the closed-form minimiser (after Procrustes alignment)%n",
                    c.distance());
        }
        if (c.metrics() != null) {
            out.printf(Locale.ROOT, "metrics     nc1 %.3e  nc2 %.3e  nc3 %.3e  nc4 %.3f   (%s, %s, %s, %s)%n",
                    c.metrics().nc1(), c.metrics().nc2(), c.metrics().nc3(), c.metrics().nc4(), NeuralCollapseMetrics.NC1,
                    NeuralCollapseMetrics.NC2, NeuralCollapseMetrics.NC3, NeuralCollapseMetrics.NC4);
        }
        out.println((holds ? "CERTIFIED   " : "NOT CERTIFIED ") + level.option() + (holds ? "" : " (exit 1)"));
    }
}
