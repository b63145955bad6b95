package org.ufm.variant;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ufm.closedform.MseClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.metric.StrongCollapse;
import org.ufm.model.ColumnLoss;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SquaredLoss;
import org.ufm.model.UfmModel;

/**
 * {@code mixon}: Mixon, Parshall and Pi's R = (c/2)||WH + b1^T - Y||_F^2 with a bias and no decay (SPEC.md 1b),
 * class-major samples. Option mixon-c (default {@value #DEFAULT_C}, SPEC 6.1's protocol); start: Gaussian W, H
 * rescaled to ||W||_F = ||H||_F = scale, b = 0; f* = 0 (interpolation, d &gt;= K-1); extras: the strong-collapse
 * distances (balanced classes).
 */
final class MixonVariant extends EuclideanVariant {

    /** Default c of R = (c/2)||E||_F^2. */
    static final double DEFAULT_C = 1.0;

    private static final List<VariantOption> OPTIONS = List.of(
            VariantOption.positiveFinite("mixon-c", DEFAULT_C, "c of R = (c/2)||WH + b1^T - Y||_F^2"));

    @Override
    public String name() {
        return "mixon";
    }

    @Override
    ColumnLoss loss() {
        return SquaredLoss.INSTANCE;
    }

    @Override
    public List<VariantOption> options() {
        return OPTIONS;
    }

    @Override
    public String refusal(String option) {
        return option.startsWith("lambda-") ? "it has no weight decay" : option.endsWith("bias") ? "it always has a bias" : null;
    }

    /** Class-major labels (the first n samples are class 0, ...), balanced or not. */
    @Override
    public Labels labels(int[] sizes, int classes, int perClass) {
        if (sizes == null) {
            sizes = new int[classes];
            Arrays.fill(sizes, perClass);
        }
        return Labels.ofClassSizes(sizes);
    }

    @Override
    boolean bias(ModelSpec spec) {
        return true;
    }

    @Override
    public UfmModel build(ModelSpec spec, Chunks chunks) {
        return EuclideanUfm.mixon(spec.labels(), spec.dim(), spec.number("mixon-c"), chunks);
    }

    @Override
    public String describe(ModelSpec spec) {
        return sizes(name(), spec) + ", R = (c/2)||WH + b1^T - Y||_F^2 with c=" + spec.number("mixon-c")
                + ", bias, no decay, class-major)";
    }

    @Override
    public Map<String, Object> parameters(ModelSpec spec) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bias", true);
        p.put("mixonC", spec.number("mixon-c"));
        return p;
    }

    /** Mixon's start (SPEC.md 6.1): ||W_0||_F = ||H_0||_F = scale, b_0 = 0. */
    @Override
    public void start(UfmModel model, Random random, double scale, double[] out) {
        EuclideanUfm e = euclidean(model);
        if (e == null) {
            model.initialPoint(random, scale, out);
        } else {
            e.normInitialPoint(random, scale, out);
        }
    }

    @Override
    public Double optimum(UfmModel model) {
        EuclideanUfm e = euclidean(model);
        return e == null ? null : MseClosedForm.optimum(e);
    }

    /** f* = 0 needs interpolation: rank K-1 of WH + b 1^T - Y with the bias, so d &gt;= K-1, balanced classes. */
    @Override
    public String noOptimumReason(UfmModel model) {
        if (!model.labels().isBalanced()) {
            return "none known for imbalanced classes";
        }
        return String.format(Locale.ROOT, "none: d = %d is below the rank %d that interpolation needs", model.dim(),
                model.labels().classes() - 1);
    }

    @Override
    public VariantExtras extras(UfmModel model, double[] x, boolean full) {
        Labels labels = model.labels();
        if (!labels.isBalanced()) {
            return new VariantExtras(null, true, null);
        }
        StrongCollapse sc = new StrongCollapse(labels.classes(), labels.perClass(), model.dim());
        return new VariantExtras(null, true, new StrongCollapseDistances(sc.gramDistance(x), sc.featureDistance(x),
                sc.biasDistance(x), sc.relativeDistanceToS(x)));
    }
}
