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

    @Override
    public ModelSpec spec(Labels labels, int dim, Map<String, Double> given, Set<String> flags) {
        ModelSpec spec = super.spec(labels, dim, given, flags);
        if (spec.flag("bias") && spec.flag("no-bias")) {
            throw new IllegalArgumentException("give either --bias or --no-bias, not both");
        }
        return spec;
    }

    @Override
    boolean bias(ModelSpec spec) {
        return !spec.flag("no-bias");
    }

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
