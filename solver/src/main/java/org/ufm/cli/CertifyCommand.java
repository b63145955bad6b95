package org.ufm.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ufm.certificate.Certificate;
import org.ufm.compute.Chunks;
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
    static final Set<String> FLAGS = new LinkedHashSet<>(Arrays.asList("json", "no-metrics"));

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
            CertificationSettings settings = new CertificationSettings(tol, gapTol, true);
            PointReport c = PointReport.at(model, p.x, a.flag("no-metrics") ? settings.withoutMetrics() : settings);
            boolean holds = level.heldBy(c);
            if (a.flag("json")) {
                out.println(json(mo, model, file, p, c, level, holds));
            } else {
                text(mo, model, file, p, c, level, holds, out);
            }
            return holds ? 0 : 1;
        }
    }

    private static Json json(ModelOptions mo, UfmModel model, String file, PointFile.Loaded p, PointReport c,
                             CertificateLevel level, boolean holds) {
        Certificate cert = c.certificate();
        Json j = new Json().put("model", mo.model).put("description", mo.describe())
                .put("classes", model.labels().classes()).put("samples", model.labels().samples()).put("dim", model.dim())
                .put("point", PointFiles.describe(file, model, p))
                .put("objective", c.cost())
                .put("optimum", c.optimum())
                .put("gap", c.gap())
                .put("relativeGap", cert == null ? null : cert.relativeGap)
                .put("gradNorm", c.gradNorm());
        PointReportFormat.putMetrics(j, c, mo.variant, model);
        PointReportFormat.putCertificates(j, c);
        return j.put("required", level.option()).put("certified", holds);
    }

    private static void text(ModelOptions mo, UfmModel model, String file, PointFile.Loaded p, PointReport c,
                             CertificateLevel level, boolean holds, PrintStream out) {
        out.println("model       " + mo.describe());
        out.println("point       " + file + (p.hadLabels ? (p.permuted ? " (samples matched to the model's labels through y)"
                : " (labels y in the model's order)") : " (no y: the model's own labelling)")
                + (p.normalisation > PointFile.UNIT_SLACK ? String.format(Locale.ROOT,
                "; rows scaled to unit norm, largest norm change %.1e", p.normalisation) : ""));
        PointReportFormat.print(c, mo.variant, model, null, out);
        out.println((holds ? "CERTIFIED   " : "NOT CERTIFIED ") + level.option() + (holds ? "" : " (exit 1)"));
    }
}
