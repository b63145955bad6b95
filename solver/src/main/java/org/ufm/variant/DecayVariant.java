package org.ufm.variant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;

/**
 * The Euclidean variants with weight decay (ce, mse): options lambda-w, lambda-h, lambda-b (default
 * {@value #DEFAULT_LAMBDA}, Zhu et al.'s) and the bias flags (a bias by default, {@code --no-bias} drops it).
 */
abstract class DecayVariant extends EuclideanVariant {

    /** Default weight decay (Zhu et al.'s 5e-4). */
    static final double DEFAULT_LAMBDA = 5e-4;

    private static final List<VariantOption> OPTIONS = List.of(
            VariantOption.nonNegative("lambda-w", DEFAULT_LAMBDA, "weight decay on W"),
            VariantOption.nonNegative("lambda-h", DEFAULT_LAMBDA, "weight decay on H"),
            VariantOption.nonNegative("lambda-b", DEFAULT_LAMBDA, "weight decay on b"),
            VariantOption.flag("bias", "with a bias b (the default)"),
            VariantOption.flag("no-bias", "without a bias"));

    @Override
    public List<VariantOption> options() {
        return OPTIONS;
    }

    /**
     * The model as this variant's, where the closed forms' threshold applies (balanced classes, lambda_W and lambda_H
     * both positive); null otherwise.
     */
    final EuclideanUfm withThreshold(UfmModel model) {
        EuclideanUfm e = euclidean(model);
        return e == null || !e.labels().isBalanced() || e.lambdaW() <= 0 || e.lambdaH() <= 0 ? null : e;
    }

    /** Whether the model is above its threshold, where the only minimiser has W = H = 0 ({@code e} not null). */
    abstract boolean aboveThreshold(EuclideanUfm e);

    @Override
    public final boolean minimiserAtOrigin(UfmModel model) {
        EuclideanUfm e = withThreshold(model);
        return e != null && aboveThreshold(e);
    }

    /** Above the threshold the origin is the minimiser. */
    @Override
    public String originWords(UfmModel model) {
        return minimiserAtOrigin(model) ? "the minimiser above the threshold is W = H = 0" : super.originWords(model);
    }

    @Override
    public ModelSpec spec(Labels labels, int dim, Map<String, Double> given, Set<String> flags) {
        ModelSpec spec = super.spec(labels, dim, given, flags);
        if (spec.flag("bias") && spec.flag("no-bias")) {
            throw new IllegalArgumentException("give either --bias or --no-bias, not both");
        }
        if (given.containsKey("lambda-b") && spec.flag("no-bias")) {
            throw new IllegalArgumentException("--lambda-b does not apply with --no-bias (there is no bias to penalise)");
        }
        return spec;
    }

    @Override
    boolean bias(ModelSpec spec) {
        return !spec.flag("no-bias");
    }

    /**
     * Why there is no f*: one decay zero (the infimum is approached by rescaling W and H against each other),
     * imbalanced classes, or else {@link #belowRank} (d too small for the closed form).
     */
    @Override
    public String noOptimumReason(UfmModel model) {
        EuclideanUfm e = euclidean(model);
        if (e == null) {
            return "none known for this model";
        }
        if ((e.lambdaW() == 0.0) != (e.lambdaH() == 0.0)) {
            return "none: with lambda_" + (e.lambdaW() == 0.0 ? "W" : "H") + " = 0 the infimum is approached by "
                    + "rescaling (W, H) -> (t W, H/t) " + (e.lambdaW() == 0.0 ? "as t -> infinity" : "as t -> 0")
                    + " and never attained";
        }
        if (!e.labels().isBalanced()) {
            return "none known for imbalanced classes with weight decay";
        }
        return belowRank(e);
    }

    /** Why a balanced model with both decays set (or both zero) has no f*: d below what the closed form needs. */
    abstract String belowRank(EuclideanUfm e);

    /** Builds the model from its decays and bias. */
    abstract EuclideanUfm build(Labels labels, int d, double lw, double lh, double lb, boolean bias, Chunks chunks);

    @Override
    public UfmModel build(ModelSpec spec, Chunks chunks) {
        return build(spec.labels(), spec.dim(), spec.number("lambda-w"), spec.number("lambda-h"),
                spec.number("lambda-b"), bias(spec), chunks);
    }

    @Override
    public String describe(ModelSpec spec) {
        boolean bias = bias(spec);
        return sizes(name(), spec) + ", lambda_W=" + spec.number("lambda-w") + ", lambda_H=" + spec.number("lambda-h")
                + (bias ? ", bias with lambda_b=" + spec.number("lambda-b") : ", no bias") + ")";
    }

    @Override
    public Map<String, Object> parameters(ModelSpec spec) {
        Map<String, Object> p = new LinkedHashMap<>();
        boolean bias = bias(spec);
        p.put("lambdaW", spec.number("lambda-w"));
        p.put("lambdaH", spec.number("lambda-h"));
        p.put("bias", bias);
        p.put("lambdaB", bias ? spec.number("lambda-b") : null);
        return p;
    }
}
