package org.ufm.cli;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/**
 * The options that describe a model, shared by every command, and the model they build. Models:
 * {@code ce} (Zhu's CE + weight decay), {@code mse} (squared loss + weight decay), {@code ulpm} (CE without
 * decay or bias), {@code mixon} (R = (c/2)||WH + b1^T - Y||_F^2 with a bias, no decay, class-major columns)
 * and {@code sphere} (Yaras's oblique model). An option that does not apply to the chosen model is an error.
 */
public final class ModelOptions {

    /** Options with values. */
    public static final Set<String> VALUES = new LinkedHashSet<>(Arrays.asList(
            "model", "classes", "per-class", "class-sizes", "dim", "lambda-w", "lambda-h", "lambda-b", "tau",
            "mixon-c", "threads"));
    /** The model names. */
    public static final java.util.List<String> MODELS = Arrays.asList("ce", "mse", "ulpm", "mixon", "sphere");
    /** Flags. */
    public static final Set<String> FLAGS = new LinkedHashSet<>(Arrays.asList("bias", "no-bias"));

    /** Default weight decay (Zhu et al.'s 5e-4). */
    public static final double DEFAULT_LAMBDA = 5e-4;
    /** Default inverse temperature. */
    public static final double DEFAULT_TAU = 5.0;
    /** Default c of Mixon's R = (c/2)||E||_F^2 (SPEC.md 6.1's protocol). */
    public static final double DEFAULT_MIXON_C = 1.0;

    final String model;
    final Labels labels;
    final int dim;
    final double lambdaW;
    final double lambdaH;
    final double lambdaB;
    final boolean bias;
    final double tau;
    final double mixonC;
    final int threads;

    /** Parses a command's arguments against the model options plus the command's own values and flags. */
    public static Args parse(java.util.List<String> argv, Set<String> commandValues, Set<String> commandFlags) {
        Set<String> values = new LinkedHashSet<>(VALUES);
        values.addAll(commandValues);
        Set<String> flags = new LinkedHashSet<>(FLAGS);
        flags.addAll(commandFlags);
        return new Args(argv, values, flags);
    }

    /** Reads and validates the model options. */
    public ModelOptions(Args a) {
        model = a.string("model", "ce");
        if (!MODELS.contains(model)) {
            throw new UsageException("unknown model '" + model + "' (one of " + String.join(", ", MODELS) + ")");
        }
        rejectOptionsThatDoNotApply(a, model);
        int[] sizes = a.integers("class-sizes");
        if (sizes != null) {
            if (a.has("classes") && a.integer("classes", 0) != sizes.length) {
                throw new UsageException("--classes " + a.integer("classes", 0) + " disagrees with the "
                        + sizes.length + " entries of --class-sizes");
            }
            if (a.has("per-class")) {
                throw new UsageException("give either --per-class or --class-sizes, not both");
            }
        }
        int k = sizes != null ? sizes.length : a.integer("classes", 4);
        if (k < 2) {
            throw new UsageException("--classes must be >= 2, got " + k);
        }
        int n = a.integer("per-class", 5);
        if (n < 1) {
            throw new UsageException("--per-class must be >= 1, got " + n);
        }
        dim = a.integer("dim", 8);
        if (dim < 1) {
            throw new UsageException("--dim must be >= 1, got " + dim);
        }
        lambdaW = nonNegative(a, "lambda-w");
        lambdaH = nonNegative(a, "lambda-h");
        lambdaB = nonNegative(a, "lambda-b");
        if (a.flag("bias") && a.flag("no-bias")) {
            throw new UsageException("give either --bias or --no-bias, not both");
        }
        bias = "mixon".equals(model) || !"ulpm".equals(model) && !"sphere".equals(model) && !a.flag("no-bias");
        mixonC = a.number("mixon-c", DEFAULT_MIXON_C);
        if (!(mixonC > 0) || Double.isInfinite(mixonC)) {
            throw new UsageException("--mixon-c must be a finite number > 0, got " + mixonC);
        }
        tau = a.number("tau", DEFAULT_TAU);
        if (!(tau > 0)) {
            throw new UsageException("--tau must be > 0, got " + tau);
        }
        threads = a.integer("threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new UsageException("--threads must be >= 1, got " + threads);
        }
        try {
            if (sizes == null && "mixon".equals(model)) {
                sizes = new int[k];
                Arrays.fill(sizes, n);
            }
            labels = sizes != null ? Labels.ofClassSizes(sizes) : Labels.balanced(k, n);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void rejectOptionsThatDoNotApply(Args a, String model) {
        boolean decay = "ce".equals(model) || "mse".equals(model);
        for (String o : new String[] {"lambda-w", "lambda-h", "lambda-b"}) {
            if (a.has(o) && !decay) {
                throw new UsageException("--" + o + " does not apply to --model " + model + " (it has no weight decay)");
            }
        }
        if (!decay) {
            for (String o : new String[] {"bias", "no-bias"}) {
                if (a.flag(o)) {
                    throw new UsageException("--" + o + " does not apply to --model " + model + " ("
                            + ("mixon".equals(model) ? "it always has a bias" : "it has no bias") + ")");
                }
            }
        }
        OptionRules.require(OptionRules.biasViolation(a));
        if (a.has("tau") && !"sphere".equals(model)) {
            throw new UsageException("--tau applies only to --model sphere");
        }
        if (a.has("mixon-c") && !"mixon".equals(model)) {
            throw new UsageException("--mixon-c applies only to --model mixon");
        }
    }

    /** The model name. */
    public String model() {
        return model;
    }

    private static double nonNegative(Args a, String name) {
        double v = a.number(name, DEFAULT_LAMBDA);
        if (v < 0) {
            throw new UsageException("--" + name + " must be >= 0, got " + v);
        }
        return v + 0.0; // -0.0 + 0.0 = +0.0: --lambda-w -0.0 is printed as 0.0
    }

    /** Number of variables of the model (long: it may not fit in an array). */
    public long variables() {
        long k = labels.classes();
        long n = labels.samples();
        if ("sphere".equals(model)) {
            return dim * (k + n);
        }
        return k * dim + (long) dim * n + (bias ? k : 0);
    }

    /** Builds the model. */
    public UfmModel build(Chunks chunks) {
        try {
            switch (model) {
                case "sphere":
                    return new SphereUfm(labels, dim, tau, chunks);
                case "mse":
                    return EuclideanUfm.meanSquared(labels, dim, lambdaW, lambdaH, lambdaB, bias, chunks);
                case "ulpm":
                    return EuclideanUfm.ulpm(labels, dim, chunks);
                case "mixon":
                    return EuclideanUfm.mixon(labels, dim, mixonC, chunks);
                default:
                    return EuclideanUfm.crossEntropy(labels, dim, lambdaW, lambdaH, lambdaB, bias, chunks);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A one-line description of the model and its parameters. */
    public String describe() {
        String size = labels.isBalanced() ? "n=" + labels.perClass() : "class sizes " + Arrays.toString(labels.sizes());
        String base = model + " (K=" + labels.classes() + ", " + size + ", N=" + labels.samples() + ", d=" + dim;
        if ("sphere".equals(model)) {
            return base + ", tau=" + tau + ")";
        }
        if ("ulpm".equals(model)) {
            return base + ", mean CE, no decay, no bias)";
        }
        if ("mixon".equals(model)) {
            return base + ", R = (c/2)||WH + b1^T - Y||_F^2 with c=" + mixonC + ", bias, no decay, class-major)";
        }
        return base + ", lambda_W=" + lambdaW + ", lambda_H=" + lambdaH
                + (bias ? ", bias with lambda_b=" + lambdaB : ", no bias") + ")";
    }
}
