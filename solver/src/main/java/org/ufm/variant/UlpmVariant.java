package org.ufm.variant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ufm.compute.Chunks;
import org.ufm.metric.Margins;
import org.ufm.model.ColumnLoss;
import org.ufm.model.CrossEntropyLoss;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;

/**
 * {@code ulpm}: Ji et al.'s unconstrained layer-peeled model (SPEC.md 1c), mean CE without decay or bias.
 * Its infimum 0 is not attained, so it has no optimum; its extras are the margins and their limit gamma*.
 */
final class UlpmVariant extends EuclideanVariant {

    @Override
    public String name() {
        return "ulpm";
    }

    @Override
    ColumnLoss loss() {
        return CrossEntropyLoss.INSTANCE;
    }

    @Override
    public List<VariantOption> options() {
        return List.of();
    }

    @Override
    public String refusal(String option) {
        return option.startsWith("lambda-") ? "it has no weight decay" : option.endsWith("bias") ? "it has no bias" : null;
    }

    @Override
    boolean bias(ModelSpec spec) {
        return false;
    }

    @Override
    public UfmModel build(ModelSpec spec, Chunks chunks) {
        return EuclideanUfm.ulpm(spec.labels(), spec.dim(), chunks);
    }

    @Override
    public String describe(ModelSpec spec) {
        return sizes(name(), spec) + ", mean CE, no decay, no bias)";
    }

    @Override
    public Map<String, Object> parameters(ModelSpec spec) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bias", false);
        return p;
    }

    @Override
    public Double optimum(UfmModel model) {
        return null;
    }

    @Override
    public String noOptimumReason(UfmModel model) {
        return "none: the infimum 0 is approached as ||W||, ||H|| -> infinity, never attained";
    }

    @Override
    public VariantExtras extras(UfmModel model, double[] x, boolean full) {
        if (!full) {
            return VariantExtras.NONE;
        }
        double[][] w = model.classifierRows(x);
        double[][] h = model.featureColumns(x);
        Labels labels = model.labels();
        int[] y = labels.toArray();
        Double limit = labels.isBalanced() ? Margins.limit(labels.classes(), labels.perClass()) : null;
        return new VariantExtras(new UlpmMargins(Margins.minimum(w, h, y), Margins.normalized(w, h, y), limit), false, null);
    }
}
