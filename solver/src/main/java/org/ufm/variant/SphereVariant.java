package org.ufm.variant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ufm.certificate.LargestSingularValue;
import org.ufm.certificate.SecondOrderCertificate;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.closedform.StrictSaddles;
import org.ufm.compute.Chunks;
import org.ufm.compute.Dot;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/**
 * {@code sphere}: Yaras et al.'s normalised-feature UFM on OB(d, K + N) with inverse temperature tau (SPEC.md 1d),
 * option tau (default {@value #DEFAULT_TAU}). Closed form: SPEC 3.2's simplex ETF (balanced, d &gt;= K-1); saddle:
 * SPEC 4.2's total collapse (d &gt;= 2).
 */
final class SphereVariant implements Variant {

    /** Default inverse temperature. */
    static final double DEFAULT_TAU = 5.0;

    private static final List<VariantOption> OPTIONS = List.of(
            VariantOption.positive("tau", DEFAULT_TAU, "inverse temperature"));

    @Override
    public String name() {
        return "sphere";
    }

    @Override
    public List<VariantOption> options() {
        return OPTIONS;
    }

    @Override
    public String refusal(String option) {
        return option.startsWith("lambda-") ? "it has no weight decay" : option.endsWith("bias") ? "it has no bias" : null;
    }

    private static SphereUfm sphere(UfmModel model) {
        return model instanceof SphereUfm ? (SphereUfm) model : null;
    }

    @Override
    public long variables(ModelSpec spec) {
        return spec.dim() * ((long) spec.labels().classes() + spec.labels().samples());
    }

    @Override
    public UfmModel build(ModelSpec spec, Chunks chunks) {
        return new SphereUfm(spec.labels(), spec.dim(), spec.number("tau"), chunks);
    }

    @Override
    public String describe(ModelSpec spec) {
        return EuclideanVariant.sizes(name(), spec) + ", tau=" + spec.number("tau") + ")";
    }

    @Override
    public Map<String, Object> parameters(ModelSpec spec) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tau", spec.number("tau"));
        return p;
    }

    @Override
    public Double optimum(UfmModel model) {
        SphereUfm s = sphere(model);
        return s == null ? null : SphereClosedForm.optimum(s);
    }

    @Override
    public String noOptimumReason(UfmModel model) {
        Labels labels = model.labels();
        if (!labels.isBalanced()) {
            return "none known for imbalanced classes";
        }
        return String.format(Locale.ROOT, "none known: d = %d < K - 1 = %d, the simplex ETF does not fit",
                model.dim(), labels.classes() - 1);
    }

    @Override
    public double[] minimiser(UfmModel model, Random random) {
        return optimum(model) == null ? null : SphereClosedForm.optimalPoint(sphere(model), random);
    }

    /**
     * {@link SecondOrderCertificate#sphereBound}: the Weingarten coefficients -x_j^T egrad_j of the columns of W and
     * of H from one Euclidean gradient, their minima over each factor, and sigma_max(grad_Z g) as given or else
     * computed at x ({@link LargestSingularValue#givenOrAt}).
     */
    @Override
    public Double hessianLowerBound(UfmModel model, double[] x, Double sigmaMax) {
        SphereUfm s = sphere(model);
        if (s == null) {
            return null;
        }
        int d = s.dim();
        int k = s.labels().classes();
        double[] egrad = new double[s.ambientDimension()];
        s.valueAndGradient(x, egrad);
        double aMin = Double.POSITIVE_INFINITY;
        double cMin = Double.POSITIVE_INFINITY;
        int cols = egrad.length / d;
        for (int j = 0; j < cols; j++) {
            double dot = Dot.dot(x, j * d, egrad, j * d, d);
            if (j < k) {
                aMin = Math.min(aMin, -dot);
            } else {
                cMin = Math.min(cMin, -dot);
            }
        }
        return SecondOrderCertificate.sphereBound(s.tau(), LargestSingularValue.givenOrAt(sigmaMax, s, x), aMin, cMin);
    }

    @Override
    public SymmetryLayout symmetries(UfmModel model) {
        SphereUfm s = sphere(model);
        if (s == null) {
            return null;
        }
        int d = s.dim();
        int cols = s.ambientDimension() / d;
        int[] base = new int[cols];
        int[] stride = new int[cols];
        for (int c = 0; c < cols; c++) {
            base[c] = c * d;
            stride[c] = 1;
        }
        return new SymmetryLayout(base, stride, -1, 0);
    }

    @Override
    public String saddleUnavailable(ModelSpec spec) {
        return spec.dim() < 2 ? "total collapse needs --dim >= 2" : null;
    }

    @Override
    public KnownSaddle saddle(UfmModel model, long seed) {
        SphereUfm s = sphere(model);
        if (s == null) {
            return null;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tau", s.tau());
        p.put("lambdaW", null);
        p.put("lambdaH", null);
        return new KnownSaddle(StrictSaddles.totalCollapse(s, seed), "total collapse w_k = h_j = e_1", null, p);
    }
}
