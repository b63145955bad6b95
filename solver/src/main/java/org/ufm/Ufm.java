package org.ufm;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.ufm.certificate.Certificate;
import org.ufm.compute.Chunks;
import org.ufm.compute.SeededRandom;
import org.ufm.model.UfmModel;
import org.ufm.report.CertificationSettings;
import org.ufm.report.PointReport;
import org.ufm.report.SolveReport;
import org.ufm.solver.Lbfgs;
import org.ufm.solver.Solver;
import org.ufm.solver.Solvers;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;
import org.ufm.variant.ModelSpec;
import org.ufm.variant.Variant;
import org.ufm.variant.Variants;

/**
 * The fluent entry point of the library: a certified solve in a few lines,
 * {@code Ufm.model("ce").classes(4).perClass(5).dim(8).solve()}, with the command line's defaults
 * (L-BFGS, seed 1, the variant's own start, gradient and gap tolerances 1e-9, second-order certificate on).
 * Each setter returns this; {@link #solve()} and {@link #certify(double[])} may be called repeatedly.
 * Invalid settings throw IllegalArgumentException with a one-line reason.
 */
public final class Ufm {

    private final Variant variant;
    private int classes = 4;
    private int perClass = 5;
    private int[] classSizes;
    private int dim = 8;
    private final Map<String, Double> options = new LinkedHashMap<>();
    private final Set<String> flags = new LinkedHashSet<>();
    private String solver = "lbfgs";
    private long seed = 1L;
    private double initScale = 1.0;
    private double tolerance = CertificationSettings.DEFAULT_GRAD_TOLERANCE;
    private double gapTolerance = CertificationSettings.DEFAULT_GAP_TOLERANCE;
    private double gapStop = Double.NaN;
    private int maxIterations = 1_000_000;
    private double timeLimit = Double.MAX_VALUE;
    private int threads = Chunks.defaultThreads();
    private boolean secondOrder = true;
    private boolean metrics = true;

    private Ufm(Variant variant) {
        this.variant = variant;
    }

    /** Starts a description of the variant called {@code name} (ce, mse, ulpm, mixon, sphere). */
    public static Ufm model(String name) {
        return new Ufm(Variants.require(name));
    }

    /** K balanced classes (default 4). */
    public Ufm classes(int k) {
        this.classes = k;
        return this;
    }

    /** n samples per class (default 5). */
    public Ufm perClass(int n) {
        this.perClass = n;
        return this;
    }

    /** Imbalanced classes of these sizes (instead of classes and perClass). */
    public Ufm classSizes(int... sizes) {
        this.classSizes = sizes.clone();
        return this;
    }

    /** Feature dimension d (default 8). */
    public Ufm dim(int d) {
        this.dim = d;
        return this;
    }

    /** A number option of the variant, named as on the command line ("lambda-w", "tau", "mixon-c", ...). */
    public Ufm set(String option, double value) {
        options.put(option, value);
        return this;
    }

    /** A flag of the variant, named as on the command line ("no-bias"). */
    public Ufm flag(String name) {
        flags.add(name);
        return this;
    }

    /** The solver: gd, armijo, bb, cg, lbfgs (default) or tr. */
    public Ufm solver(String name) {
        this.solver = name;
        return this;
    }

    /** Seed of the start (default 1). */
    public Ufm seed(long s) {
        this.seed = s;
        return this;
    }

    /** Scale of the variant's start (default 1). */
    public Ufm initScale(double scale) {
        this.initScale = scale;
        return this;
    }

    /** Gradient-norm tolerance: the stopping rule and the first-order certificate (default 1e-9). */
    public Ufm tolerance(double tol) {
        this.tolerance = tol;
        return this;
    }

    /** Relative gap tolerance of the global certificate (default 1e-9). */
    public Ufm gapTolerance(double tol) {
        this.gapTolerance = tol;
        return this;
    }

    /**
     * Also stop the solve once (f - f*)/|f*| &lt;= {@code relTol} (f - f* where f* = 0) for the closed-form optimum
     * f*, with stop reason OPTIMUM_REACHED, as {@code solve --gap-stop} does (the rule the benchmarks' SciPy and
     * PyTorch peers stop by). {@link #solve} refuses it for a model without a closed form.
     */
    public Ufm gapStop(double relTol) {
        if (!(relTol >= 0)) {
            throw new IllegalArgumentException("gapStop must be >= 0, got " + relTol);
        }
        this.gapStop = relTol;
        return this;
    }

    /** Iteration budget (default 10^6); the last iterate is returned when it runs out. */
    public Ufm maxIterations(int n) {
        this.maxIterations = n;
        return this;
    }

    /** Time budget in seconds. */
    public Ufm timeLimit(double seconds) {
        this.timeLimit = seconds;
        return this;
    }

    /** Threads (default: available processors); results are bit-identical for any count. */
    public Ufm threads(int n) {
        this.threads = n;
        return this;
    }

    /** Whether to compute the second-order certificate (default true). */
    public Ufm secondOrder(boolean on) {
        this.secondOrder = on;
        return this;
    }

    /** Whether to compute the neural-collapse metrics after the solve or at the point (default true). */
    public Ufm metrics(boolean on) {
        this.metrics = on;
        return this;
    }

    /** The validated model specification. */
    public ModelSpec spec() {
        if (classSizes == null && (classes < 2 || perClass < 1)) {
            throw new IllegalArgumentException("need classes >= 2 and perClass >= 1, got " + classes + " and " + perClass);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("need dim >= 1, got " + dim);
        }
        for (String o : options.keySet()) {
            requireAccepted(o);
        }
        for (String f : flags) {
            requireAccepted(f);
        }
        return variant.spec(variant.labels(classSizes, classes, perClass), dim, options, flags);
    }

    private void requireAccepted(String option) {
        String refusal = Variants.refusal(variant, option);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    private CertificationSettings settings() {
        CertificationSettings s = new CertificationSettings(tolerance, gapTolerance, secondOrder);
        return metrics ? s : s.withoutMetrics();
    }

    /** Solves from the variant's seeded start and certifies the result. */
    public SolveReport solve() {
        ModelSpec spec = spec();
        Solver s = Solvers.create(solver, Double.NaN, "prp+", Lbfgs.DEFAULT_MEMORY);
        try (Chunks chunks = new Chunks(threads)) {
            UfmModel model = variant.build(spec, chunks);
            double[] x0 = new double[model.ambientDimension()];
            variant.start(model, new SeededRandom(seed), initScale, x0);
            StoppingCriterion stop = StoppingCriterion.standard(tolerance, maxIterations, 0.0, timeLimit);
            if (!Double.isNaN(gapStop)) {
                Double optimum = Certificate.optimum(model);
                if (optimum == null) {
                    throw new IllegalArgumentException("gapStop needs a closed-form optimum, and --model " + variant.name()
                            + " with these settings has none");
                }
                stop = StoppingCriterion.gapFirst(optimum, gapStop, stop);
            }
            return SolveReport.solve(model, s, x0, stop, new Trace(false), settings());
        }
    }

    /** Certifies a given point of the model without moving it (flat layout of the variant's model). */
    public PointReport certify(double[] x) {
        ModelSpec spec = spec();
        try (Chunks chunks = new Chunks(threads)) {
            UfmModel model = variant.build(spec, chunks);
            if (x.length != model.ambientDimension()) {
                throw new IllegalArgumentException("the point has " + x.length + " entries, the model "
                        + model.ambientDimension());
            }
            return PointReport.at(model, x, settings());
        }
    }
}
