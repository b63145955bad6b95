package org.ufm.variant;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ufm.compute.Chunks;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;

/**
 * The library-level description of one model variant: its name, the options it accepts with their defaults,
 * how to build it and start it, its closed form where one exists, its symmetry layout, its strict saddle where
 * one is known, and its extra diagnostics. Adding a variant is one new description (plus its model and
 * closed-form classes) and one line in {@link Variants}.
 * Methods taking a {@link UfmModel} expect a model this variant built; given another they return null
 * (no closed form, no layout, no saddle).
 */
public interface Variant {

    /** The name, as in {@code --model NAME}. */
    String name();

    /** The options this variant accepts beyond classes, sizes, d and threads, in the order they are checked. */
    List<VariantOption> options();

    /**
     * Why an option another variant accepts does not apply to this one, in a few words ("it has no bias"), or
     * null for the generic "applies only to --model ..." message.
     */
    default String refusal(String option) {
        return null;
    }

    /** The labels: {@code sizes} when given, else K balanced classes of n (SPEC's y_j = j mod K). */
    default Labels labels(int[] sizes, int classes, int perClass) {
        return sizes != null ? Labels.ofClassSizes(sizes) : Labels.balanced(classes, perClass);
    }

    /**
     * Validates the given option values, fills in the defaults and returns the specification.
     *
     * @throws IllegalArgumentException with a one-line reason when a value is invalid or not an option of this variant
     */
    default ModelSpec spec(Labels labels, int dim, Map<String, Double> given, Set<String> flags) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        for (VariantOption o : options()) {
            known.add(o.name());
            if (!o.isFlag()) {
                Double v = given.get(o.name());
                double value = v != null ? v : o.defaultValue();
                o.check(value);
                numbers.put(o.name(), value);
            }
        }
        Map<String, Double> all = new HashMap<>(given);
        for (String f : flags) {
            all.put(f, null);
        }
        for (String name : all.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--" + name + " does not apply to --model " + name());
            }
        }
        return new ModelSpec(labels, dim, numbers, flags);
    }

    /** Number of variables of the model (long: it may not fit in an array). */
    long variables(ModelSpec spec);

    /**
     * Builds the model.
     *
     * @throws IllegalArgumentException when the sizes or parameters do not give a valid model
     */
    UfmModel build(ModelSpec spec, Chunks chunks);

    /** A one-line description of the model and its parameters. */
    String describe(ModelSpec spec);

    /** The parameters a JSON report lists after the sizes, in order (values may be null). */
    Map<String, Object> parameters(ModelSpec spec);

    /** The variant's default start; {@code scale} is its size parameter (SPEC's protocol for the variant). */
    default void start(UfmModel model, Random random, double scale, double[] out) {
        model.initialPoint(random, scale, out);
    }

    /** The closed-form optimal value f*, or null where none applies. */
    Double optimum(UfmModel model);

    /** Why there is no optimum to compare with, for a model whose {@link #optimum} is null. */
    default String noOptimumReason(UfmModel model) {
        return "none known for these parameters (d too small for the optimal rank, or imbalanced classes)";
    }

    /**
     * Whether a closed form says the model's only minimiser has W = H = 0 (above the threshold: SPEC.md 3.1 for CE,
     * 3.4 for MSE): the NC metrics of a point near it describe that point's direction, not a collapse.
     */
    default boolean minimiserAtOrigin(UfmModel model) {
        return false;
    }

    /** What W = H = 0 is for the model (its minimiser, a strict saddle, or not known), for reports at the origin. */
    default String originWords(UfmModel model) {
        return "W = H = 0 is a critical point; no closed form here says whether it is the minimiser";
    }

    /**
     * An explicit minimiser (one point of the set, fixed by {@code random}'s rotation; {@code random} null: the
     * unrotated one, supported on as few coordinates as its rank), or null.
     */
    default double[] minimiser(UfmModel model, Random random) {
        return null;
    }

    /**
     * sqrt(lambda_W lambda_H) where the nuclear-norm certificate sigma_max(grad_Z g) &lt;= sqrt(lambda_W lambda_H)
     * proves a critical point global (SPEC.md 3.1: loss convex in Z, decay on both W and H), else null.
     */
    default Double sigmaBound(UfmModel model) {
        return null;
    }

    /**
     * A lower bound on the smallest eigenvalue of the (Riemannian) Hessian of f at x from the structure of the model
     * and sigma_max(grad_Z g) at x (no Hessian-vector product), or null where the variant has none
     * ({@link org.ufm.certificate.SecondOrderCertificate#convexLossBound}, {@code #sphereBound}). {@code sigmaMax}:
     * sigma_max(grad_Z g) at x when the caller already has it (the global certificate's), else null.
     */
    default Double hessianLowerBound(UfmModel model, double[] x, Double sigmaMax) {
        return null;
    }

    /** The layout of the symmetry generators (rotations of all w_k and h_j; the bias shift), or null. */
    SymmetryLayout symmetries(UfmModel model);

    /** Null when {@link #saddle} applies to this specification, else the one-line reason it does not. */
    default String saddleUnavailable(ModelSpec spec) {
        return "--model " + name() + " has no known strict saddle (SPEC 4 gives them for --model ce and sphere)";
    }

    /** The explicit strict saddle (seeded where it has a random part), or null when none is known. */
    default KnownSaddle saddle(UfmModel model, long seed) {
        return null;
    }

    /**
     * The variant's extra diagnostics at x; {@code full} is false for problems too large for the K x N views
     * (then only extras that need no such view are computed).
     */
    default VariantExtras extras(UfmModel model, double[] x, boolean full) {
        return VariantExtras.NONE;
    }
}
