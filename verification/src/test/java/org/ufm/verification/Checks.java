package org.ufm.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ufm.certificate.Certificate;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.closedform.SimplexEtf;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.model.CrossEntropyLoss;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.StopReason;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * The checks behind the properties, one static method per property and model, each taking the factory of
 * the model under test. Expected values come only from mathematics (closed forms, symmetry, SPEC.md 4.1),
 * and layouts and closed-form points from the real classes, never from the model under test.
 */
final class Checks {

    private Checks() {
    }

    static final double EPS = Math.ulp(1.0);

    // ---------------------------------------------------------------- shared pieces

    static Problem problem(UfmModel m) {
        return new Problem(m.manifold(), m);
    }

    static double[] rgrad(UfmModel m, double[] x) {
        double[] e = new double[m.ambientDimension()];
        double[] r = new double[m.ambientDimension()];
        problem(m).costAndGradient(x, e, r);
        return r;
    }

    static Result solve(UfmModel m, long seed, double tol, int maxIterations) {
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(seed), 1.0, x0);
        return GradientDescent.armijo().minimize(problem(m), x0,
                StoppingCriterion.standard(tol, maxIterations, 0, 30), new Trace(false));
    }

    static EuclideanUfm realCe(Cases.Ce c, Labels labels, Chunks ch) {
        return EuclideanUfm.crossEntropy(labels, c.d(), c.lw(), c.lh(), c.lb(), c.bias(), ch);
    }

    static UfmModel ce(ModelFactory f, Cases.Ce c, Labels labels, Chunks ch) {
        return f.euclidean("ce", labels, c.d(), c.lw(), c.lh(), c.lb(), c.bias(), CrossEntropyLoss.INSTANCE, ch);
    }

    /** A random point of a CE model with a random bias (initialPoint leaves b = 0). */
    static double[] randomCePoint(EuclideanUfm ref, Random rnd) {
        double[] x = new double[ref.ambientDimension()];
        ref.initialPoint(rnd, 1.0, x);
        if (ref.hasBias()) {
            for (int i = 0; i < ref.labels().classes(); i++) {
                x[ref.bOffset() + i] = rnd.nextGaussian();
            }
        }
        return x;
    }

    /** ||W W^T - a (K/(K-1)) P_K||_max with a = mean ||w_k||^2; returns a. Asserts the ETF Gram within tol a. */
    static double assertSimplexEtf(double[][] w, double tol, String what) {
        int k = w.length;
        double a = 0;
        for (double[] row : w) {
            a += dot(row, row) / k;
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double target = a * (k / (k - 1.0)) * ((i == j ? 1.0 : 0.0) - 1.0 / k);
                double got = dot(w[i], w[j]);
                assertTrue(Math.abs(got - target) <= tol * a,
                        what + ": (WW^T)_" + i + j + " = " + got + ", simplex ETF wants " + target);
            }
        }
        return a;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static void assertCollapsed(double[][] w, double[][] h, int[] y, double[] b, String what) {
        NeuralCollapseMetrics nc = NeuralCollapseMetrics.compute(w, h, y, b);
        assertTrue(nc.nc1() <= 1e-8, what + ": NC1 = " + nc.nc1());
        assertTrue(nc.nc2() <= 1e-6, what + ": NC2 = " + nc.nc2());
        assertTrue(nc.nc3() <= 1e-6, what + ": NC3 = " + nc.nc3());
        assertEquals(0.0, nc.nc4(), what + ": NC4");
    }

    // ---------------------------------------------------------------- closed-form points (SPEC 3.6, 3.2)

    /** The explicit CE optimum is critical and has the closed-form value. */
    static void ceClosedFormPoint(ModelFactory f, Cases.Ce c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            EuclideanUfm ref = realCe(c, labels, ch);
            UfmModel m = ce(f, c, labels, ch);
            CrossEntropyClosedForm cf = CrossEntropyClosedForm.of(c.k(), c.n(), c.lw(), c.lh());
            double[] x = CrossEntropyClosedForm.optimalPoint(ref, new Random(c.seed()));
            double[] e = new double[x.length];
            double[] r = new double[x.length];
            double fx = problem(m).costAndGradient(x, e, r);
            double wn = Math.sqrt(c.k() * cf.w2);
            double hn = Math.sqrt(labels.samples() * cf.h2);
            double gz = Dense.norm(ref.logitGradient(x));
            double scale = c.lw() * wn + c.lh() * hn + gz * (wn + hn + 1);
            assertTrue(Dense.norm(r) <= 1e3 * EPS * scale, "gradient norm " + Dense.norm(r) + " at the closed-form point, scale " + scale);
            assertEquals(cf.fstar, fx, 1e-13 * Math.max(cf.fstar, 1e-3), "f at the closed-form point vs f*");
        }
    }

    /** The explicit sphere optimum is critical and has the closed-form value. */
    static void sphereClosedFormPoint(ModelFactory f, Cases.Sphere c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            SphereUfm ref = new SphereUfm(labels, c.d(), c.tau(), ch);
            UfmModel m = f.sphere(labels, c.d(), c.tau(), ch);
            double[] x = SphereClosedForm.optimalPoint(ref, new Random(c.seed()));
            double[] e = new double[x.length];
            double[] r = new double[x.length];
            double fx = problem(m).costAndGradient(x, e, r);
            double fstar = SphereClosedForm.fstar(c.k(), c.tau());
            assertTrue(Dense.norm(r) <= 1e3 * EPS * Dense.norm(e), "Riemannian gradient " + Dense.norm(r)
                    + " vs Euclidean " + Dense.norm(e));
            assertEquals(fstar, fx, 1e-13 * fstar, "f at the closed-form point vs f*");
        }
    }

    /**
     * The CE Hessian at the closed-form point has no negative eigenvalue beyond 1e-9 of its largest one,
     * and exactly as many (near-)zero eigenvalues as the symmetries explain: rotations of the ETF, plus
     * b -> b + beta 1 when lambda_b = 0.
     */
    static void ceHessianAtOptimum(ModelFactory f, Cases.Ce c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            EuclideanUfm ref = realCe(c, labels, ch);
            UfmModel m = ce(f, c, labels, ch);
            double[] x = CrossEntropyClosedForm.optimalPoint(ref, new Random(c.seed()));
            double[] ev = Dense.eigenvalues(Dense.riemannianHessian(problem(m), x));
            int zeros = Dense.rotationOrbitDimension(c.k(), c.d()) + (c.bias() && c.lb() == 0 ? 1 : 0);
            assertSpectrum(ev, zeros, "CE Hessian at the ETF optimum");
        }
    }

    /** The same for the sphere model; the K+N normal directions add exact zeros. */
    static void sphereHessianAtOptimum(ModelFactory f, Cases.Sphere c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            SphereUfm ref = new SphereUfm(labels, c.d(), c.tau(), ch);
            UfmModel m = f.sphere(labels, c.d(), c.tau(), ch);
            double[] x = SphereClosedForm.optimalPoint(ref, new Random(c.seed()));
            double[] ev = Dense.eigenvalues(Dense.riemannianHessian(problem(m), x));
            int zeros = Dense.rotationOrbitDimension(c.k(), c.d()) + c.k() + labels.samples();
            assertSpectrum(ev, zeros, "sphere Hessian at the ETF optimum");
        }
    }

    private static void assertSpectrum(double[] ev, int zeros, String what) {
        double max = ev[ev.length - 1];
        double tol = 1e-9 * max;
        assertTrue(ev[0] >= -tol, what + ": eigenvalue " + ev[0] + " < 0 (largest " + max + ")");
        int near = 0;
        for (double v : ev) {
            if (Math.abs(v) <= tol) {
                near++;
            }
        }
        assertEquals(zeros, near, what + ": number of zero eigenvalues (symmetry directions); smallest "
                + ev[0] + ", next after the zeros " + (zeros < ev.length ? ev[zeros] : Double.NaN));
    }

    // ---------------------------------------------------------------- solves from random starts

    /** Armijo from a random start reaches f*, an ETF with h = sqrt(lw/(lh n)) w_y, NC1-NC4 ~ 0, certified. */
    static void ceSolveReachesEtf(ModelFactory f, Cases.Ce c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            EuclideanUfm ref = realCe(c, labels, ch);
            UfmModel m = ce(f, c, labels, ch);
            CrossEntropyClosedForm cf = CrossEntropyClosedForm.of(c.k(), c.n(), c.lw(), c.lh());
            Result r = solve(m, c.seed(), 1e-10, 100_000);
            assertEquals(StopReason.CONVERGED, r.stopReason(), "stop reason after " + r.iterations() + " iterations");
            assertEquals(cf.fstar, r.cost(), 1e-9 * cf.fstar, "solved value vs f*");
            double[] x = r.x();
            double[] rg = rgrad(ref, x);
            Certificate cert = Certificate.of(ref, x, ref.value(x), Dense.norm(rg), 1e-9, 1e-9);
            assertTrue(cert.global, "the real model certifies the solution globally optimal");
            Layout lay = Layout.of(ref);
            double[][] w = lay.classRows(x);
            double[][] h = lay.featureRows(x);
            double a = assertSimplexEtf(w, 1e-5, "classifier");
            assertEquals(cf.w2, a, 1e-5 * cf.w2, "||w_k||^2 vs the closed form");
            double ratio = Math.sqrt(c.lw() / (c.lh() * c.n()));
            double worst = 0;
            for (int j = 0; j < h.length; j++) {
                for (int i = 0; i < c.d(); i++) {
                    worst = Math.max(worst, Math.abs(h[j][i] - ratio * w[labels.label(j)][i]));
                }
            }
            assertTrue(worst <= 1e-5 * ratio * Math.sqrt(cf.w2), "max |h - sqrt(lw/(lh n)) w_y| = " + worst);
            double[] b = ref.bias(x);
            if (b != null) {
                double mean = 0;
                for (double v : b) {
                    mean += v / b.length;
                }
                for (double v : b) {
                    assertTrue(Math.abs(v - (c.lb() > 0 ? 0 : mean)) <= 1e-6, "bias " + v + " should be "
                            + (c.lb() > 0 ? "0" : "a multiple of 1"));
                }
            }
            assertCollapsed(w, h, labels.toArray(), b, "CE solve");
        }
    }

    /** Armijo RGD from a random start reaches f*, an ETF with h_j = w_{y_j}, NC ~ 0, on the manifold. */
    static void sphereSolveReachesEtf(ModelFactory f, Cases.Sphere c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            SphereUfm ref = new SphereUfm(labels, c.d(), c.tau(), ch);
            UfmModel m = f.sphere(labels, c.d(), c.tau(), ch);
            double fstar = SphereClosedForm.fstar(c.k(), c.tau());
            Result r = solve(m, c.seed(), 1e-11, 100_000);
            assertEquals(StopReason.CONVERGED, r.stopReason(), "stop reason after " + r.iterations() + " iterations");
            assertEquals(fstar, r.cost(), 1e-8 * fstar, "solved value vs f*");
            double[] x = r.x();
            assertTrue(ref.manifold().constraintViolation(x) <= 1e-12, "iterate on OB(d, K+N)");
            assertTrue(Certificate.of(ref, x, ref.value(x), Dense.norm(rgrad(ref, x)), 1e-10, 1e-8).global,
                    "the real model certifies the solution");
            Layout lay = Layout.of(ref);
            double[][] w = lay.classRows(x);
            double[][] h = lay.featureRows(x);
            assertEquals(1.0, assertSimplexEtf(w, 1e-5, "classifier"), 1e-12);
            for (int j = 0; j < h.length; j++) {
                for (int i = 0; i < c.d(); i++) {
                    assertEquals(w[labels.label(j)][i], h[j][i], 1e-5, "h_j = w_{y_j}");
                }
            }
            assertCollapsed(w, h, labels.toArray(), null, "sphere solve");
        }
    }

    // ---------------------------------------------------------------- invariances (SPEC 3.5)

    /** Compares f and the Riemannian gradient at x' = T x with f(x) and T grad f(x). */
    static void assertEquivariant(UfmModel m, double[] x, UfmModel mt, double[] xt,
                                  java.util.function.UnaryOperator<double[]> t, String what) {
        double[] e = new double[x.length];
        double[] g = new double[x.length];
        double f = problem(m).costAndGradient(x, e, g);
        double[] gt = rgrad(mt, xt);
        double ft = mt.value(xt);
        assertEquals(f, ft, 1e-12 * Math.max(1.0, Math.abs(f)), what + ": objective");
        double gn = Dense.norm(g);
        double tol = 1e-11 * gn + 1e-14 * Dense.norm(e); // rounding floor: the projection cancels ||egrad||
        assertEquals(gn, Dense.norm(gt), tol, what + ": gradient norm");
        double diff = Dense.maxDiff(t.apply(g), gt);
        assertTrue(diff <= tol, what + ": gradient does not transform with the point, max diff " + diff);
    }

    /** Rotation (W, H) -> (W Q^T, Q H), b fixed, on CE; (W, H) -> (Q W, Q H) on the sphere. */
    static void ceRotation(ModelFactory f, Cases.Ce c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            EuclideanUfm ref = realCe(c, labels, ch);
            UfmModel m = ce(f, c, labels, ch);
            Random rnd = new Random(c.seed());
            double[] x = randomCePoint(ref, rnd);
            double[][] q = SimplexEtf.randomOrthogonal(c.d(), rnd);
            Layout lay = Layout.of(ref);
            assertEquivariant(m, x, m, lay.rotate(x, q), v -> lay.rotate(v, q), "CE rotation");
        }
    }

    static void sphereRotation(ModelFactory f, Cases.Sphere c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            SphereUfm ref = new SphereUfm(labels, c.d(), c.tau(), ch);
            UfmModel m = f.sphere(labels, c.d(), c.tau(), ch);
            Random rnd = new Random(c.seed());
            double[] x = new double[m.ambientDimension()];
            ref.initialPoint(rnd, 1.0, x);
            double[][] q = SimplexEtf.randomOrthogonal(c.d(), rnd);
            Layout lay = Layout.of(ref);
            assertEquivariant(m, x, m, lay.rotate(x, q), v -> lay.rotate(v, q), "sphere rotation");
        }
    }

    static int[] randomPermutation(int n, Random rnd) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        Collections.shuffle(l, rnd);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = l.get(i);
        }
        return p;
    }

    /**
     * Class permutation pi applied to the rows of W, to b and to the labels. The labels stay y_j = j mod K
     * (Labels has no arbitrary label vector) by moving sample i of class k to the slot of sample i of class
     * pi(k): that sample reordering is itself a symmetry, so the pair must leave f unchanged.
     */
    static int[] classPermutationSources(int k, int samples, int[] pi) {
        int[] inv = new int[k];
        for (int c = 0; c < k; c++) {
            inv[pi[c]] = c;
        }
        int[] src = new int[samples];
        for (int j = 0; j < samples; j++) {
            src[j] = (j / k) * k + inv[j % k];
        }
        return src;
    }

    static void classPermutation(ModelFactory f, Cases.Ce c, Cases.Sphere s) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            EuclideanUfm ref = realCe(c, labels, ch);
            UfmModel m = ce(f, c, labels, ch);
            Random rnd = new Random(c.seed());
            double[] x = randomCePoint(ref, rnd);
            int[] pi = randomPermutation(c.k(), rnd);
            int[] src = classPermutationSources(c.k(), labels.samples(), pi);
            Layout lay = Layout.of(ref);
            assertEquivariant(m, x, m, lay.permute(x, pi, src), v -> lay.permute(v, pi, src), "CE class permutation");

            Labels sl = Labels.balanced(s.k(), s.n());
            SphereUfm sref = new SphereUfm(sl, s.d(), s.tau(), ch);
            UfmModel sm = f.sphere(sl, s.d(), s.tau(), ch);
            Random srnd = new Random(s.seed());
            double[] sx = new double[sm.ambientDimension()];
            sref.initialPoint(srnd, 1.0, sx);
            int[] spi = randomPermutation(s.k(), srnd);
            int[] ssrc = classPermutationSources(s.k(), sl.samples(), spi);
            Layout slay = Layout.of(sref);
            assertEquivariant(sm, sx, sm, slay.permute(sx, spi, ssrc), v -> slay.permute(v, spi, ssrc),
                    "sphere class permutation");
        }
    }

    /**
     * Sample permutations: a random shuffle within each class (labels unchanged), and the reordering from
     * sample-major labels (y_j = j mod K) to class-major labels (Labels.ofClassSizes), a different model
     * object with a different label vector.
     */
    static void samplePermutation(ModelFactory f, Cases.Ce c, Cases.Sphere s) {
        try (Chunks ch = new Chunks(1)) {
            int k = c.k();
            int n = c.n();
            Labels labels = Labels.balanced(k, n);
            EuclideanUfm ref = realCe(c, labels, ch);
            UfmModel m = ce(f, c, labels, ch);
            Random rnd = new Random(c.seed());
            double[] x = randomCePoint(ref, rnd);
            Layout lay = Layout.of(ref);
            int[] identity = new int[k];
            for (int i = 0; i < k; i++) {
                identity[i] = i;
            }
            int[] src = new int[labels.samples()];
            for (int cls = 0; cls < k; cls++) {
                int[] sigma = randomPermutation(n, rnd);
                for (int i = 0; i < n; i++) {
                    src[i * k + cls] = sigma[i] * k + cls;
                }
            }
            assertEquivariant(m, x, m, lay.permute(x, identity, src), v -> lay.permute(v, identity, src),
                    "within-class sample shuffle");

            int[] sizes = new int[k];
            java.util.Arrays.fill(sizes, n);
            Labels classMajor = Labels.ofClassSizes(sizes);
            UfmModel mc = f.euclidean("ce", classMajor, c.d(), c.lw(), c.lh(), c.lb(), c.bias(),
                    CrossEntropyLoss.INSTANCE, ch);
            int[] toClassMajor = new int[labels.samples()];
            for (int cls = 0; cls < k; cls++) {
                for (int i = 0; i < n; i++) {
                    toClassMajor[cls * n + i] = i * k + cls;
                }
            }
            assertEquivariant(m, x, mc, lay.permute(x, identity, toClassMajor),
                    v -> lay.permute(v, identity, toClassMajor), "sample-major to class-major labels");

            Labels sl = Labels.balanced(s.k(), s.n());
            SphereUfm sref = new SphereUfm(sl, s.d(), s.tau(), ch);
            UfmModel sm = f.sphere(sl, s.d(), s.tau(), ch);
            Random srnd = new Random(s.seed());
            double[] sx = new double[sm.ambientDimension()];
            sref.initialPoint(srnd, 1.0, sx);
            Layout slay = Layout.of(sref);
            int[] sid = new int[s.k()];
            for (int i = 0; i < s.k(); i++) {
                sid[i] = i;
            }
            int[] ssrc = new int[sl.samples()];
            for (int cls = 0; cls < s.k(); cls++) {
                int[] sigma = randomPermutation(s.n(), srnd);
                for (int i = 0; i < s.n(); i++) {
                    ssrc[i * s.k() + cls] = sigma[i] * s.k() + cls;
                }
            }
            assertEquivariant(sm, sx, sm, slay.permute(sx, sid, ssrc), v -> slay.permute(v, sid, ssrc),
                    "sphere within-class sample shuffle");
        }
    }

    // ---------------------------------------------------------------- the origin (SPEC 4.1)

    /**
     * The full Hessian spectrum of the CE model at W = H = 0, b = 0 equals SPEC 4.1:
     * (lw+lh)/2 +- sqrt(((lw-lh)/2)^2 + 1/(K^2 n)) each (K-1)d times, lw d times, lh d(N-K+1) times,
     * and with a bias lb + 1/K (K-1) times and lb once.
     */
    static void originSpectrum(ModelFactory f, Cases.Ce c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            UfmModel m = ce(f, c, labels, ch);
            int k = c.k();
            int d = c.d();
            int big = labels.samples();
            double[] ev = Dense.eigenvalues(Dense.riemannianHessian(problem(m), new double[m.ambientDimension()]));
            List<Double> want = new ArrayList<>();
            double mid = 0.5 * (c.lw() + c.lh());
            double rad = Math.sqrt(0.25 * (c.lw() - c.lh()) * (c.lw() - c.lh()) + 1.0 / ((double) k * k * c.n()));
            for (int i = 0; i < (k - 1) * d; i++) {
                want.add(mid - rad);
                want.add(mid + rad);
            }
            for (int i = 0; i < d; i++) {
                want.add(c.lw());
            }
            for (int i = 0; i < d * (big - k + 1); i++) {
                want.add(c.lh());
            }
            if (c.bias()) {
                for (int i = 0; i < k - 1; i++) {
                    want.add(c.lb() + 1.0 / k);
                }
                want.add(c.lb());
            }
            Collections.sort(want);
            assertEquals(want.size(), ev.length, "number of eigenvalues");
            for (int i = 0; i < ev.length; i++) {
                assertEquals(want.get(i), ev[i], 1e-12, "eigenvalue " + i + " at the origin");
            }
            int negative = 0; // lambda_b = 0 is an exact zero eigenvalue: count only beyond the 1e-12 tolerance
            for (double v : ev) {
                if (v < -1e-12) {
                    negative++;
                }
            }
            assertEquals(c.c() < 1 ? (k - 1) * d : 0, negative, "negative eigenvalues at the origin");
        }
    }

    /** Above the threshold (c >= 1) a solve from a random start ends at the origin with f = log K. */
    static void aboveThresholdSolveEndsAtOrigin(ModelFactory f, Cases.Ce c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            EuclideanUfm ref = realCe(c, labels, ch);
            UfmModel m = ce(f, c, labels, ch);
            Result r = solve(m, c.seed(), 1e-10, 100_000);
            assertEquals(StopReason.CONVERGED, r.stopReason(), "stop reason");
            assertEquals(Math.log(c.k()), r.cost(), 1e-12, "value above the threshold is log K");
            double[] x = r.x();
            double worst = 0;
            for (int i = 0; i < ref.hOffset() + c.d() * labels.samples(); i++) {
                worst = Math.max(worst, Math.abs(x[i]));
            }
            assertTrue(worst <= 1e-6, "W, H at the origin: max |x_i| = " + worst);
        }
    }

    // ---------------------------------------------------------------- sphere total collapse (SPEC 4.2)

    /**
     * At w_k = h_j = e_1 (all logits tau) f = log K, the Riemannian gradient is 0, and along u_k tangent
     * (u_k perp e_1), v_j = u_{y_j} - mean_k u_k: <xi, Hess xi> = -(2 tau/N) sum_j ||u_{y_j} - u_bar||^2.
     */
    static void sphereCollapseSaddle(ModelFactory f, Cases.Sphere c) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            SphereUfm ref = new SphereUfm(labels, c.d(), c.tau(), ch);
            UfmModel m = f.sphere(labels, c.d(), c.tau(), ch);
            Layout lay = Layout.of(ref);
            int k = c.k();
            int d = c.d();
            int big = labels.samples();
            double[] x = new double[m.ambientDimension()];
            for (int col = 0; col < k; col++) {
                x[lay.classIndex(col, 0)] = 1.0;
            }
            for (int j = 0; j < big; j++) {
                x[lay.featureIndex(j, 0)] = 1.0;
            }
            double[] e = new double[x.length];
            double[] r = new double[x.length];
            double fx = problem(m).costAndGradient(x, e, r);
            double logK = Math.log(k);
            assertEquals(logK, m.value(x), 2 * Math.ulp(logK), "value() at total collapse");
            // valueAndGradient evaluates a non-argmax sample's loss as (z_max - z_y) + (lse - z_max): the
            // subtraction lse - z_max costs an absolute error of ulp(z_max) = ulp(tau) (SoftmaxKernels).
            assertEquals(logK, fx, 2 * Math.ulp(logK) + 4 * Math.ulp(c.tau()), "valueAndGradient at total collapse");
            assertTrue(Dense.norm(r) <= 1e-15, "Riemannian gradient at total collapse " + Dense.norm(r));
            Random rnd = new Random(c.seed());
            double[][] u = new double[k][d];
            double[] ubar = new double[d];
            for (int col = 0; col < k; col++) {
                for (int i = 1; i < d; i++) {
                    u[col][i] = rnd.nextGaussian();
                    ubar[i] += u[col][i] / k;
                }
            }
            double[] xi = new double[x.length];
            double expected = 0;
            for (int col = 0; col < k; col++) {
                for (int i = 0; i < d; i++) {
                    xi[lay.classIndex(col, i)] = u[col][i];
                }
            }
            for (int j = 0; j < big; j++) {
                for (int i = 0; i < d; i++) {
                    double v = u[labels.label(j)][i] - ubar[i];
                    xi[lay.featureIndex(j, i)] = v;
                    expected -= 2 * c.tau() / big * v * v;
                }
            }
            double[] hxi = new double[x.length];
            problem(m).hessian(x, xi, hxi);
            double got = dot(xi, hxi);
            assertEquals(expected, got, 1e-12 * Math.abs(expected), "<xi, Hess xi> along the collapse saddle direction");
        }
    }

    // ---------------------------------------------------------------- d < K-1

    /** Below d = K-1 no global certificate is issued and the value stays above the ETF bound. */
    static void belowKMinusOne(ModelFactory f, Cases.Ce c, Cases.Sphere s) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(c.k(), c.n());
            UfmModel m = ce(f, c, labels, ch);
            Result r = solve(m, c.seed(), 1e-9, 20_000);
            Certificate cert = Certificate.of(m, r.x(), r.cost(), r.gradNorm(), 1e-9, 1e-9);
            assertFalse(cert.global, "global certificate at d < K-1");
            double fstar = CrossEntropyClosedForm.of(c.k(), c.n(), c.lw(), c.lh()).fstar;
            assertTrue(r.cost() > fstar * (1 + 1e-6), "CE value " + r.cost() + " not above the ETF value " + fstar);

            Labels sl = Labels.balanced(s.k(), s.n());
            UfmModel sm = f.sphere(sl, s.d(), s.tau(), ch);
            Result sr = solve(sm, s.seed(), 1e-9, 20_000);
            assertFalse(Certificate.of(sm, sr.x(), sr.cost(), sr.gradNorm(), 1e-9, 1e-9).global,
                    "sphere global certificate at d < K-1");
            double sstar = SphereClosedForm.fstar(s.k(), s.tau());
            assertTrue(sr.cost() > sstar * (1 + 1e-6), "sphere value " + sr.cost() + " not above the ETF value " + sstar);
        }
    }

    // ---------------------------------------------------------------- determinism

    static Result fixedBudgetSolve(UfmModel m, long seed) {
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(seed), 1.0, x0);
        return GradientDescent.armijo().minimize(problem(m), x0, StoppingCriterion.maxIterations(40), new Trace());
    }

    static void assertBitwiseEqual(Result a, Result b, String what) {
        assertEquals(Double.doubleToRawLongBits(a.cost()), Double.doubleToRawLongBits(b.cost()),
                what + ": cost " + a.cost() + " vs " + b.cost());
        assertEquals(a.iterations(), b.iterations(), what + ": iterations");
        for (int i = 0; i < a.x().length; i++) {
            assertEquals(Double.doubleToRawLongBits(a.x()[i]), Double.doubleToRawLongBits(b.x()[i]),
                    what + ": x[" + i + "]");
        }
        for (int i = 0; i < a.trace().rows().size(); i++) {
            assertEquals(Double.doubleToRawLongBits(a.trace().rows().get(i).gradNorm()),
                    Double.doubleToRawLongBits(b.trace().rows().get(i).gradNorm()), what + ": trace row " + i);
        }
    }

    /** 1 and 2 threads, and a repeated 2-thread run, give bit-identical results (N > 256: several chunks). */
    static void determinism(ModelFactory f, Cases.Ce c, Cases.Sphere s) {
        Labels labels = Labels.balanced(c.k(), c.n());
        Labels sl = Labels.balanced(s.k(), s.n());
        Result[] ce = new Result[3];
        Result[] sp = new Result[3];
        int[] threads = {1, 2, 2};
        for (int run = 0; run < 3; run++) {
            try (Chunks ch = new Chunks(threads[run])) {
                ce[run] = fixedBudgetSolve(ce(f, c, labels, ch), c.seed());
                sp[run] = fixedBudgetSolve(f.sphere(sl, s.d(), s.tau(), ch), s.seed());
            }
        }
        assertBitwiseEqual(ce[0], ce[1], "CE 1 vs 2 threads");
        assertBitwiseEqual(ce[1], ce[2], "CE repeated 2-thread run");
        assertBitwiseEqual(sp[0], sp[1], "sphere 1 vs 2 threads");
        assertBitwiseEqual(sp[1], sp[2], "sphere repeated 2-thread run");
    }
}
