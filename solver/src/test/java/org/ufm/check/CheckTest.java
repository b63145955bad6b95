package org.ufm.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ufm.compute.Chunks;
import org.ufm.manifold.Euclidean;
import org.ufm.manifold.Manifold;
import org.ufm.manifold.Oblique;
import org.ufm.manifold.ProductManifold;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.solver.Objective;
import org.ufm.model.SphereUfm;
import org.ufm.model.SquaredLoss;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;

/**
 * The checks accept every model's derivatives and reject deliberately broken ones: a flipped sign, a
 * missing weight-decay term, a missing Weingarten term, a wrong Hessian cross term, an untangent
 * gradient, a first-order retraction.
 */
class CheckTest {

    static final Chunks CHUNKS = new Chunks(1);

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("ce bias K=4 n=5 d=8", (Function<Chunks, UfmModel>) c ->
                        EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 5e-4, true, c)),
                Arguments.of("ce no bias K=3 n=4 d=2", (Function<Chunks, UfmModel>) c ->
                        EuclideanUfm.crossEntropy(Labels.balanced(3, 4), 2, 1e-2, 3e-3, 0, false, c)),
                Arguments.of("ce imbalanced 7,3,1 d=5", (Function<Chunks, UfmModel>) c ->
                        EuclideanUfm.crossEntropy(Labels.ofClassSizes(new int[] {7, 3, 1}), 5, 5e-4, 1e-3, 2e-3, true, c)),
                Arguments.of("ce lambda 0 (ULPM) K=5 n=3 d=6", (Function<Chunks, UfmModel>) c ->
                        EuclideanUfm.crossEntropy(Labels.balanced(5, 3), 6, 0, 0, 0, false, c)),
                Arguments.of("squared loss bias K=4 n=3 d=3", (Function<Chunks, UfmModel>) c ->
                        new EuclideanUfm("mse", Labels.balanced(4, 3), 3, 1e-3, 1e-3, 0, true, SquaredLoss.INSTANCE, c)),
                Arguments.of("sphere K=4 n=5 d=8 tau=5", (Function<Chunks, UfmModel>) c ->
                        new SphereUfm(Labels.balanced(4, 5), 8, 5.0, c)),
                Arguments.of("sphere K=3 n=2 d=2 tau=1", (Function<Chunks, UfmModel>) c ->
                        new SphereUfm(Labels.balanced(3, 2), 2, 1.0, c)),
                Arguments.of("sphere K=6 n=4 d=3 tau=20", (Function<Chunks, UfmModel>) c ->
                        new SphereUfm(Labels.balanced(6, 4), 3, 20.0, c)),
                Arguments.of("sphere imbalanced 5,2 d=4 tau=2", (Function<Chunks, UfmModel>) c ->
                        new SphereUfm(Labels.ofClassSizes(new int[] {5, 2}), 4, 2.0, c)));
    }

    static double[] point(UfmModel m, long seed) {
        double[] x = new double[m.ambientDimension()];
        m.initialPoint(new Random(seed), 1.0, x);
        return x;
    }

    static List<CheckResult> runAll(Problem p, double[] x, long seed) {
        return Check.run(p, x, new Random(seed), Check.parse("all"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyModelPassesAtSeveralRandomPoints(String label, Function<Chunks, UfmModel> make) {
        UfmModel model = make.apply(CHUNKS);
        Problem p = new Problem(model.manifold(), model);
        for (long seed = 1; seed <= 3; seed++) {
            double[] x = point(model, seed);
            for (CheckResult r : runAll(p, x, 100 + seed)) {
                assertEquals(Verdict.PASS, r.verdict(), label + " seed " + seed + ": " + r);
                assertTrue(!r.method().equals("gradient differences"), "small models are decided by values: " + r);
                if (!r.name().equals("retraction") || model.manifold() instanceof Oblique) {
                    assertTrue(r.slope() >= r.expectedSlope() - 0.2 && r.slope() < r.expectedSlope() + 1.2,
                            label + ": " + r);
                }
            }
        }
    }

    @Test
    void euclideanRetractionIsExact() {
        Manifold m = new Euclidean(7);
        double[] x = new double[7];
        m.randomPoint(new Random(1), 1.0, x);
        double[] v = new double[7];
        m.randomTangent(x, new Random(2), v);
        CheckResult r = RetractionCheck.secondOrder(m, x, v);
        assertEquals(Verdict.PASS, r.verdict(), r.toString());
        assertTrue(r.reason().startsWith("exact"), r.toString());
        assertTrue(Double.isNaN(r.slope()));
    }

    @Test
    void obliqueNormalisationRetractionIsSecondOrderWithTheSphereConstant() {
        Oblique m = new Oblique(5, 3);
        double[] x = new double[15];
        m.randomPoint(new Random(3), 1.0, x);
        double[] v = new double[15];
        m.randomTangent(x, new Random(4), v);
        CheckResult r = RetractionCheck.secondOrder(m, x, v);
        assertEquals(Verdict.PASS, r.verdict(), r.toString());
        assertEquals(3.0, r.slope(), 0.05, r.toString());
        // E(t) = t^3 sqrt(sum_j ||v_j||^6) / 3 + O(t^5): per column ((x + t v)/sqrt(1 + t^2 s^2) vs Exp) in the v direction
        double s6 = 0;
        for (int j = 0; j < 3; j++) {
            double n2 = 0;
            for (int i = 0; i < 5; i++) {
                n2 += v[j * 5 + i] * v[j * 5 + i];
            }
            s6 += n2 * n2 * n2;
        }
        double[] t = r.steps();
        double[] e = r.errors();
        int i = 30; // t = 1e-8 * 10^(8*30/50) ~ 6.3e-4
        assertEquals(Math.sqrt(s6) / 3 * Math.pow(t[i], 3), e[i], 1e-3 * e[i]);
    }

    @Test
    void productOfEuclideanAndObliquePasses() {
        Manifold m = new ProductManifold(List.of(new Euclidean(3), new Oblique(4, 2)));
        double[] x = new double[m.ambientDimension()];
        m.randomPoint(new Random(5), 1.0, x);
        double[] v = new double[x.length];
        m.randomTangent(x, new Random(6), v);
        CheckResult r = RetractionCheck.secondOrder(m, x, v);
        assertEquals(Verdict.PASS, r.verdict(), r.toString());
        assertEquals(3.0, r.slope(), 0.05, r.toString());
    }

    /** A retraction of OB(d, m) with a tangent t^2 term: R_x(t v) = normalise(x + t v + t^2 P_x(s)), first order only. */
    static final class FirstOrderOblique extends ForwardingManifold {
        FirstOrderOblique(Oblique m) {
            super(m);
        }

        @Override
        public void retract(double[] x, double[] xi, double t, double[] out) {
            double[] s = new double[x.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = Math.cos(1.0 + i);
            }
            base.project(x, s, s);
            double[] z = new double[x.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = xi[i] + t * s[i];
            }
            base.retract(x, z, t, out);
        }
    }

    @Test
    void firstOrderRetractionIsRejected() {
        Oblique ob = new Oblique(4, 3);
        Manifold m = new FirstOrderOblique(ob);
        double[] x = new double[12];
        ob.randomPoint(new Random(7), 1.0, x);
        double[] v = new double[12];
        ob.randomTangent(x, new Random(8), v);
        CheckResult r = RetractionCheck.secondOrder(m, ExponentialMap.of(ob), x, v, StepGrid.standard(), true);
        assertEquals(Verdict.FAIL, r.verdict(), r.toString());
        assertEquals(2.0, r.slope(), 0.1, r.toString());
    }

    @Test
    void unknownManifoldIsSkippedNotFailed() {
        Manifold m = new ForwardingManifold(new Oblique(3, 2));
        double[] x = new double[6];
        m.randomPoint(new Random(1), 1.0, x);
        double[] v = new double[6];
        m.randomTangent(x, new Random(2), v);
        CheckResult r = RetractionCheck.secondOrder(m, x, v);
        assertEquals(Verdict.SKIPPED, r.verdict());
        assertTrue(r.ok());
    }

    // ---- deliberately broken derivatives: each must be rejected ----

    static EuclideanUfm ce(Chunks c) {
        return EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 5e-4, true, c);
    }

    @Test
    void flippedSignOnOneGradientBlockIsRejected() {
        EuclideanUfm model = ce(CHUNKS);
        int from = model.hOffset();
        int to = model.bOffset();
        Objective broken = new ForwardingObjective(model) {
            @Override
            public double valueAndGradient(double[] x, double[] grad) {
                double f = base.valueAndGradient(x, grad);
                for (int i = from; i < to; i++) {
                    grad[i] = -grad[i];
                }
                return f;
            }
        };
        CheckResult r = DerivativeCheck.gradient(new Problem(model.manifold(), broken), point(model, 1), direction(model, 1));
        assertEquals(Verdict.FAIL, r.verdict(), r.toString());
        assertEquals(1.0, r.slope(), 0.1, r.toString());
    }

    @Test
    void missingSmallWeightDecayTermInTheGradientIsRejected() {
        EuclideanUfm model = ce(CHUNKS);
        int from = model.hOffset();
        int to = model.bOffset();
        double lambda = model.lambdaH();
        Objective broken = new ForwardingObjective(model) {
            @Override
            public double valueAndGradient(double[] x, double[] grad) {
                double f = base.valueAndGradient(x, grad);
                for (int i = from; i < to; i++) {
                    grad[i] -= lambda * x[i];
                }
                return f;
            }
        };
        CheckResult r = DerivativeCheck.gradient(new Problem(model.manifold(), broken), point(model, 2), direction(model, 2));
        assertEquals(Verdict.FAIL, r.verdict(), r.toString());
        assertEquals(1.0, r.slope(), 0.1, r.toString());
        // the curve does reach slope 2 at large t: a "slope closest to 2" window rule would have accepted it
        double[] t = r.steps();
        double[] e = r.errors();
        double closest = Double.NaN;
        for (int i = 0; i + CheckResult.WINDOW <= t.length; i++) {
            SlopeFit w = SlopeFit.fit(t, e, i, i + CheckResult.WINDOW, CheckResult.MAX_RMS);
            if (w.linear && !(Math.abs(w.slope - 2) >= Math.abs(closest - 2))) {
                closest = w.slope;
            }
        }
        assertTrue(closest >= 1.8, "closest linear-window slope to 2: " + closest);
    }

    @Test
    void missingWeingartenTermOnTheSphereIsRejected() {
        SphereUfm model = new SphereUfm(Labels.balanced(4, 5), 8, 5.0, CHUNKS);
        Oblique ob = (Oblique) model.manifold();
        Manifold noWeingarten = new ForwardingManifold(ob) {
            @Override
            public void ehessToRhess(double[] x, double[] egrad, double[] ehess, double[] xi, double[] out) {
                base.project(x, ehess, out);
            }
        };
        Problem p = new Problem(noWeingarten, model);
        double[] x = point(model, 3);
        CheckResult r = DerivativeCheck.hessian(p, x, direction(model, 3, x), direction(model, 4, x));
        assertEquals(Verdict.FAIL, r.verdict(), r.toString());
        assertEquals(2.0, r.slope(), 0.1, r.toString());
        // the same point passes with the true Hessian
        Problem good = new Problem(ob, model);
        assertEquals(Verdict.PASS, DerivativeCheck.hessian(good, x, direction(model, 3, x), direction(model, 4, x)).verdict());
    }

    @Test
    void wrongCrossTermInTheHessianIsRejected() {
        EuclideanUfm model = ce(CHUNKS);
        int k = model.labels().classes();
        int d = model.dim();
        int n = model.labels().samples();
        int hOff = model.hOffset();
        // replaces G dH^T in Hv_W by -G dH^T (SPEC.md 2.1 cross term with the wrong sign)
        Objective broken = new ForwardingObjective(model) {
            @Override
            public void hessianTimes(double[] x, double[] v, double[] out) {
                base.hessianTimes(x, v, out);
                double[] g = model.logitGradient(x);
                for (int a = 0; a < d; a++) {
                    for (int c = 0; c < k; c++) {
                        double s = 0;
                        for (int j = 0; j < n; j++) {
                            s += g[c + j * k] * v[hOff + a + j * d];
                        }
                        out[c + a * k] -= 2 * s;
                    }
                }
            }
        };
        Problem p = new Problem(model.manifold(), broken);
        double[] x = point(model, 5);
        CheckResult r = DerivativeCheck.hessian(p, x, direction(model, 5, x), direction(model, 6, x));
        assertEquals(Verdict.FAIL, r.verdict(), r.toString());
        assertTrue(r.diagnostics().get("symmetry") > 1e-6, r.toString());
        assertEquals(2.0, r.slope(), 0.1, r.toString());
    }

    @Test
    void untangentGradientIsRejectedEvenWithAGoodSlope() {
        SphereUfm model = new SphereUfm(Labels.balanced(3, 3), 4, 3.0, CHUNKS);
        Oblique ob = (Oblique) model.manifold();
        Manifold noProjection = new ForwardingManifold(ob) {
            @Override
            public void egradToRgrad(double[] x, double[] egrad, double[] out) {
                System.arraycopy(egrad, 0, out, 0, egrad.length);
            }
        };
        double[] x = point(model, 7);
        CheckResult r = DerivativeCheck.gradient(new Problem(noProjection, model), x, direction(model, 7, x));
        assertEquals(Verdict.FAIL, r.verdict(), r.toString());
        assertTrue(r.reason().contains("not tangent"), r.toString());
        assertTrue(r.slope() > 1.8, "the Taylor slope alone cannot see it: " + r);
    }

    @Test
    void largeModelHessianFallsBackToGradientDifferencesAndPasses() {
        // N = 4000: f's round-off (~1e-12) hides the t^3 term until the Taylor regime ends near t = 1
        EuclideanUfm model = EuclideanUfm.crossEntropy(Labels.balanced(20, 200), 30, 5e-4, 5e-4, 5e-4, true, CHUNKS);
        Problem p = new Problem(model.manifold(), model);
        Random random = new Random(3);
        double[] x = new double[p.size()];
        model.initialPoint(random, 3.0, x);
        List<CheckResult> r = Check.run(p, x, random, Check.parse("hessian"));
        assertEquals(Verdict.PASS, r.get(0).verdict(), r.get(0).toString());
        assertTrue(r.get(0).reason().startsWith("function values inconclusive"), r.get(0).toString());
        assertEquals(2.0, r.get(0).slope(), 0.05, r.get(0).toString());
    }

    @Test
    void gradientDifferencesRejectAMissingWeingartenTermAndAWrongCrossTerm() {
        SphereUfm sphere = new SphereUfm(Labels.balanced(4, 5), 8, 5.0, CHUNKS);
        Oblique ob = (Oblique) sphere.manifold();
        Manifold noWeingarten = new ForwardingManifold(ob) {
            @Override
            public void ehessToRhess(double[] x, double[] egrad, double[] ehess, double[] xi, double[] out) {
                base.project(x, ehess, out);
            }
        };
        double[] x = point(sphere, 11);
        double[] v = direction(sphere, 11, x);
        CheckResult good = DerivativeCheck.hessianByGradients(new Problem(ob, sphere), x, v, StepGrid.standard(), true);
        assertEquals(Verdict.PASS, good.verdict(), good.toString());
        assertEquals(2.0, good.slope(), 0.05, good.toString());
        CheckResult bad = DerivativeCheck.hessianByGradients(new Problem(noWeingarten, sphere), x, v, StepGrid.standard(), true);
        assertEquals(Verdict.FAIL, bad.verdict(), bad.toString());
        assertEquals(1.0, bad.slope(), 0.1, bad.toString());

        EuclideanUfm model = ce(CHUNKS);
        Objective scaled = new ForwardingObjective(model) {
            @Override
            public void hessianTimes(double[] y, double[] w, double[] out) {
                base.hessianTimes(y, w, out);
                for (int i = model.hOffset(); i < model.bOffset(); i++) {
                    out[i] *= 1.001;
                }
            }
        };
        double[] y = point(model, 12);
        CheckResult wrong = DerivativeCheck.hessianByGradients(new Problem(model.manifold(), scaled), y,
                direction(model, 12, y), StepGrid.standard(), true);
        assertEquals(Verdict.FAIL, wrong.verdict(), wrong.toString());
        assertEquals(1.0, wrong.slope(), 0.1, wrong.toString());
    }

    @Test
    void slopeFitRecoversAnExactPowerLawAndPrefersSmallSteps() {
        double[] t = StepGrid.standard();
        double[] e = new double[t.length];
        double[] floor = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            e[i] = 1e-3 * t[i] + t[i] * t[i];
            floor[i] = 1e-14;
        }
        SlopeFit f = SlopeFit.select(t, e, floor, CheckResult.WINDOW, CheckResult.MAX_RMS);
        assertEquals(0, f.from, "the smallest resolved steps come first");
        assertEquals(1.0, f.slope, 1e-3);
        for (int i = 0; i < t.length; i++) {
            e[i] = 7 * Math.pow(t[i], 3);
        }
        f = SlopeFit.select(t, e, floor, CheckResult.WINDOW, CheckResult.MAX_RMS);
        assertEquals(3.0, f.slope, 1e-12);
        assertTrue(t[f.from] >= 1e-5 && e[f.from] > 1e-14, "window starts above the floor: t=" + t[f.from]);
        assertTrue(e[f.from - 1] <= 1e-14);
    }

    @Test
    void noiseOnlyCurveIsInconclusiveNotPassed() {
        double[] t = StepGrid.standard();
        double[] e = new double[t.length];
        double[] floor = new double[t.length];
        Random r = new Random(9);
        for (int i = 0; i < t.length; i++) {
            e[i] = Math.exp(6 * r.nextGaussian());
        }
        CheckResult c = CheckResult.judge("gradient", 2, t, e, floor, java.util.Map.of(), List.of());
        assertEquals(Verdict.INCONCLUSIVE, c.verdict(), c.toString());
        assertFalse(c.ok());
        assertTrue(c.reason().startsWith("no linear regime"), c.toString());
    }

    @Test
    void pointOffTheManifoldIsRefused() {
        SphereUfm model = new SphereUfm(Labels.balanced(3, 3), 4, 3.0, CHUNKS);
        double[] x = point(model, 1);
        double[] v = direction(model, 1, x);
        x[0] *= 1.1;
        Problem p = new Problem(model.manifold(), model);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DerivativeCheck.gradient(p, x, v));
    }

    static double[] direction(UfmModel model, long seed) {
        return direction(model, seed, point(model, seed));
    }

    static double[] direction(UfmModel model, long seed, double[] x) {
        double[] v = new double[x.length];
        model.manifold().randomTangent(x, new Random(1000 + seed), v);
        return v;
    }
}
