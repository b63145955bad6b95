package org.ufm.cli;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.ufm.kernel.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/** The options that describe a model, shared by every command, and the model they build. */
public final class ModelOptions {

    /** Options with values. */
    public static final Set<String> VALUES = new LinkedHashSet<>(Arrays.asList(
            "model", "classes", "per-class", "class-sizes", "dim", "lambda-w", "lambda-h", "lambda-b", "tau",
            "threads"));
    /** Flags. */
    public static final Set<String> FLAGS = new LinkedHashSet<>(Arrays.asList("bias", "no-bias"));

    /** Default weight decay (Zhu et al.'s 5e-4). */
    public static final double DEFAULT_LAMBDA = 5e-4;
    /** Default inverse temperature. */
    public static final double DEFAULT_TAU = 5.0;

    final String model;
    final Labels labels;
    final int dim;
    final double lambdaW;
    final double lambdaH;
    final double lambdaB;
    final boolean bias;
    final double tau;
    final int threads;

    /** Reads and validates the model options. */
    public ModelOptions(Args a) {
        model = a.string("model", "ce");
        if (!Arrays.asList("ce", "sphere").contains(model)) {
            throw new UsageException("unknown model '" + model + "' (one of ce, sphere)");
        }
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
        bias = !a.flag("no-bias");
        tau = a.number("tau", DEFAULT_TAU);
        if (!(tau > 0)) {
            throw new UsageException("--tau must be > 0, got " + tau);
        }
        threads = a.integer("threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new UsageException("--threads must be >= 1, got " + threads);
        }
        if ("sphere".equals(model)) {
            for (String o : new String[] {"lambda-w", "lambda-h", "lambda-b"}) {
                if (a.has(o)) {
                    throw new UsageException("--" + o + " does not apply to the sphere model (it has no weight decay)");
                }
            }
        } else if (a.has("tau")) {
            throw new UsageException("--tau applies only to --model sphere");
        }
        try {
            labels = sizes != null ? Labels.ofClassSizes(sizes) : Labels.balanced(k, n);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static double nonNegative(Args a, String name) {
        double v = a.number(name, DEFAULT_LAMBDA);
        if (v < 0) {
            throw new UsageException("--" + name + " must be >= 0, got " + v);
        }
        return v;
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
            if ("sphere".equals(model)) {
                return new SphereUfm(labels, dim, tau, chunks);
            }
            return EuclideanUfm.crossEntropy(labels, dim, lambdaW, lambdaH, lambdaB, bias, chunks);
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
        return base + ", lambda_W=" + lambdaW + ", lambda_H=" + lambdaH
                + (bias ? ", bias with lambda_b=" + lambdaB : ", no bias") + ")";
    }
}
