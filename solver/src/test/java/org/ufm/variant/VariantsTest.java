package org.ufm.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.ufm.closedform.SimplexEtf;
import org.ufm.closedform.StrictSaddle;
import org.ufm.compute.Chunks;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;

/**
 * Every variant description against its own model: the registry finds it by the model's name, its variable
 * count is the model's, f is invariant along the symmetries its layout names, its minimiser attains its f* with
 * zero gradient, and its saddle is critical with the predicted curvature.
 */
class VariantsTest {

    private static final Chunks ONE = new Chunks(1);

    static Iterable<String> names() {
        return Variants.names();
    }

    private static UfmModel build(Variant v, Map<String, Double> given, Set<String> flags, int k, int n, int d) {
        return v.build(v.spec(v.labels(null, k, n), d, given, flags), ONE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void registryFindsTheVariantOfEachModelItBuilds(String name) {
        Variant v = Variants.require(name);
        ModelSpec spec = v.spec(v.labels(null, 3, 4), 5, Map.of(), Set.of());
        UfmModel m = v.build(spec, ONE);
        assertEquals(name, m.name());
        assertSame(v, Variants.of(m));
        assertEquals(v.variables(spec), m.ambientDimension());
        for (VariantOption o : v.options()) {
            if (!o.isFlag()) {
                assertEquals(o.defaultValue(), spec.number(o.name()), 0.0, o.name());
            }
        }
    }

    /** f(x) = f(Q x) for a random rotation Q of R^d applied to every vector of the layout, and f(b + beta 1) = f(b). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void valueIsInvariantAlongTheSymmetryLayout(String name) {
        Variant v = Variants.require(name);
        Map<String, Double> given = v.options().stream().anyMatch(o -> o.name().equals("lambda-b"))
                ? Map.of("lambda-b", 0.0) : Map.of();
        int d = 4;
        UfmModel m = build(v, given, Set.of(), 3, 2, d);
        SymmetryLayout layout = v.symmetries(m);
        assertNotNull(layout);
        double[] x = new double[m.ambientDimension()];
        v.start(m, new Random(3), 1.0, x);
        double[][] q = SimplexEtf.randomOrthogonal(d, new Random(4));
        double[] y = x.clone();
        for (int c = 0; c < layout.base().length; c++) {
            for (int i = 0; i < d; i++) {
                double s = 0.0;
                for (int p = 0; p < d; p++) {
                    s += q[i][p] * x[layout.base()[c] + p * layout.stride()[c]];
                }
                y[layout.base()[c] + i * layout.stride()[c]] = s;
            }
        }
        double f = m.value(x);
        assertTrue(Math.abs(m.value(y) - f) <= 1e-12 * Math.max(1, Math.abs(f)), name + ": rotation changes f");
        // the layout claims the bias shift exactly when f is invariant under it (CE: yes; squared loss: no)
        double[] b = m.bias(x);
        if (b != null) {
            double[] z = x.clone();
            int offset = layout.biasShift() ? layout.shiftOffset() : m.ambientDimension() - b.length;
            for (int i = 0; i < b.length; i++) {
                z[offset + i] += 0.7;
            }
            if (layout.biasShift()) {
                assertEquals(f, m.value(z), 1e-12 * Math.max(1, Math.abs(f)), name + ": bias shift changes f");
            } else {
                assertTrue(Math.abs(m.value(z) - f) > 1e-6, name + ": f is shift-invariant but the layout omits it");
            }
        }
        assertEquals(name.equals("ce"), layout.biasShift(), name + ": only CE with lambda_b = 0 has the bias shift");
        // the layout is not vacuous: a rotation of the classifier rows alone does change f
        double[] w = x.clone();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < d; i++) {
                double s = 0.0;
                for (int p = 0; p < d; p++) {
                    s += q[i][p] * x[layout.base()[c] + p * layout.stride()[c]];
                }
                w[layout.base()[c] + i * layout.stride()[c]] = s;
            }
        }
        assertTrue(Math.abs(m.value(w) - f) > 1e-9, name + ": rotating W alone should change f");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void minimiserAttainsTheOptimumWithZeroGradient(String name) {
        Variant v = Variants.require(name);
        UfmModel m = build(v, Map.of(), Set.of(), 4, 3, 5);
        double[] star = v.minimiser(m, new Random(7));
        if (star == null) {
            return; // ulpm (no optimum), mse and mixon (f* only)
        }
        double fstar = v.optimum(m);
        assertEquals(fstar, m.value(star), 1e-12 * Math.max(1, fstar), name);
        Problem p = new Problem(m.manifold(), m);
        double[] g = new double[star.length];
        double[] rg = new double[star.length];
        p.costAndGradient(star, g, rg);
        assertTrue(m.manifold().norm(star, rg) < 1e-10, name + ": gradient at the minimiser " + m.manifold().norm(star, rg));
    }

    @Test
    void eachVariantSaysWhetherItHasAnOptimum() {
        for (String name : Variants.names()) {
            Variant v = Variants.require(name);
            UfmModel m = build(v, Map.of(), Set.of(), 4, 3, 5);
            if (name.equals("ulpm")) {
                assertNull(v.optimum(m));
                assertTrue(v.noOptimumReason(m).contains("never attained"));
            } else {
                assertNotNull(v.optimum(m), name);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void saddleIsCriticalWithThePredictedCurvatureOrRefused(String name) {
        Variant v = Variants.require(name);
        ModelSpec spec = v.spec(v.labels(null, 3, 2), 3, Map.of(), Set.of());
        UfmModel m = v.build(spec, ONE);
        KnownSaddle s = v.saddle(m, 1);
        if (v.saddleUnavailable(spec) != null) {
            assertNull(s, name);
            return;
        }
        StrictSaddle ss = s.saddle();
        Problem p = new Problem(m.manifold(), m);
        double[] g = new double[ss.point().length];
        double[] rg = new double[ss.point().length];
        p.costAndGradient(ss.point(), g, rg);
        assertEquals(0.0, m.manifold().norm(ss.point(), rg), 1e-15, name);
        double[] h = new double[g.length];
        p.hessian(ss.point(), ss.direction(), h);
        double measured = m.manifold().inner(ss.point(), ss.direction(), h);
        assertTrue(ss.predicted() < 0, name);
        assertEquals(ss.predicted(), measured, 1e-12 * Math.abs(ss.predicted()), name);
    }

    @Test
    void optionsOfOtherVariantsAreRefusedWithOneLine() {
        assertEquals("--tau applies only to --model sphere", Variants.refusal(Variants.require("ce"), "tau"));
        assertEquals("--lambda-w does not apply to --model ulpm (it has no weight decay)",
                Variants.refusal(Variants.require("ulpm"), "lambda-w"));
        assertEquals("--no-bias does not apply to --model mixon (it always has a bias)",
                Variants.refusal(Variants.require("mixon"), "no-bias"));
        assertNull(Variants.refusal(Variants.require("mse"), "lambda-b"));
        // an option no variant takes (the library's Ufm.set reaches this; the command line refuses it earlier)
        String unknown = Variants.refusal(Variants.require("ce"), "gap-stop");
        assertTrue(unknown.startsWith("unknown model option --gap-stop (--model ce takes "), unknown);
        assertTrue(unknown.contains("lambda-w"), unknown);
        Variant ce = Variants.require("ce");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ce.spec(Labels.balanced(2, 2), 3, Map.of("lambda-w", -1.0), Set.of()));
        assertEquals("--lambda-w must be >= 0, got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ce.spec(Labels.balanced(2, 2), 3, Map.of("tau", 1.0), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> Variants.require("nope"));
        assertFalse(Variants.names().isEmpty());
    }
}
