package org.ufm.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.closedform.StrictSaddle;
import org.ufm.closedform.StrictSaddles;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;
import org.ufm.solver.Lbfgs;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;
import org.ufm.solver.TrustRegions;

/** Lanczos against the dense spectrum, the certificate at optima and at SPEC 4's saddles, the Procrustes distance. */
class SecondOrderTest {

    private static final Chunks ONE = new Chunks(1);

    private static double[] randomPoint(UfmModel m, long seed) {
        double[] x = new double[m.ambientDimension()];
        m.manifold().randomPoint(new Random(seed), 1.0, x);
        return x;
    }

    @Test
    void lanczosMatchesDenseAtRandomPoints() {
        UfmModel[] models = {EuclideanUfm.crossEntropy(Labels.balanced(3, 3), 4, 1e-2, 2e-2, 0, true, ONE),
            new SphereUfm(Labels.balanced(3, 3), 4, 3.0, ONE)};
        for (UfmModel m : models) {
            double[] x = randomPoint(m, 3);
            Problem p = new Problem(m.manifold(), m);
            for (List<double[]> s : List.of(Collections.<double[]>emptyList(), Symmetries.basis(m, x))) {
                double[] dense = HessianSpectrum.dense(p, x, s);
                assertEquals(m.manifold().dimension() - s.size(), dense.length);
                HessianSpectrum.Ritz r = HessianSpectrum.lanczos(p, x, s, 1000, 11);
                assertEquals(dense[0], r.value, 1e-9 * Math.max(1, Math.abs(dense[dense.length - 1])), m.name());
                assertTrue(r.residual < 1e-6, "residual " + r.residual);
            }
        }
    }

    @Test
    void denseSpectrumIsTheHessianQuadraticForm() {
        // trace of the compressed Hessian = sum of <b_i, Hess b_i> over an orthonormal tangent basis (the projected
        // unit vectors of a Euclidean model are the unit vectors themselves)
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(3, 2), 3, 1e-2, 1e-2, 1e-3, true, ONE);
        double[] x = randomPoint(m, 5);
        Problem p = new Problem(m.manifold(), m);
        double trace = 0.0;
        double[] e = new double[x.length];
        double[] he = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            java.util.Arrays.fill(e, 0);
            e[i] = 1;
            p.hessian(x, e, he);
            trace += he[i];
        }
        double sum = 0.0;
        for (double v : HessianSpectrum.dense(p, x, Collections.emptyList())) {
            sum += v;
        }
        assertEquals(trace, sum, 1e-10 * Math.abs(trace));
    }

    @Test
    void crossEntropyOptimumIsSecondOrderWithSymmetryZeros() {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 0, true, ONE);
        double[] x = CrossEntropyClosedForm.optimalPoint(m, new Random(2));
        SecondOrderCertificate c = SecondOrderCertificate.of(m, x, 1e-8);
        // rotations of R^8 fixing the 3-dim span of the ETF act trivially: 28 - 10 = 18 directions, plus b -> b + beta 1
        assertEquals(19, c.symmetryDimension);
        assertEquals(c.symmetryDimension, c.nearZeroEigenvalues, "no flat direction beyond the symmetries");
        assertTrue(c.secondOrder);
        assertTrue(c.minEigenvalue > 1e-5, "deflated spectrum strictly positive: " + c.minEigenvalue);
        assertTrue(Math.abs(c.minEigenvalueUndeflated) < 1e-10, "" + c.minEigenvalueUndeflated);
        assertEquals(0.0, OptimumDistance.of(m, x), 1e-12);
    }

    @Test
    void sphereOptimumIsSecondOrderWithSymmetryZeros() {
        SphereUfm m = new SphereUfm(Labels.balanced(4, 5), 8, 5.0, ONE);
        double[] x = SphereClosedForm.optimalPoint(m, new Random(4));
        SecondOrderCertificate c = SecondOrderCertificate.of(m, x, 1e-8);
        assertEquals(18, c.symmetryDimension);
        assertEquals(c.symmetryDimension, c.nearZeroEigenvalues);
        assertTrue(c.secondOrder);
        assertTrue(c.minEigenvalue > 1e-6, "" + c.minEigenvalue);
        assertEquals(0.0, OptimumDistance.of(m, x), 1e-12);
    }

    @Test
    void solvedPointsAreCertifiedAndCloseToTheMinimiser() {
        EuclideanUfm ce = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 5e-4, true, ONE);
        SphereUfm sp = new SphereUfm(Labels.balanced(4, 5), 8, 5.0, ONE);
        for (UfmModel m : new UfmModel[] {ce, sp}) {
            double[] x0 = new double[m.ambientDimension()];
            m.initialPoint(new Random(9), 1.0, x0);
            Result r = new TrustRegions().minimize(new Problem(m.manifold(), m), x0,
                    StoppingCriterion.standard(1e-11, 10_000, 0, 60), new Trace());
            SecondOrderCertificate c = SecondOrderCertificate.of(m, r.x(), 1e-8);
            assertTrue(c.secondOrder && c.minEigenvalue > 0, m.name() + " " + c.minEigenvalue);
            assertTrue(OptimumDistance.of(m, r.x()) < 1e-7, m.name() + " distance " + OptimumDistance.of(m, r.x()));
            // a perturbed point is measurably away
            double[] y = r.x().clone();
            y[0] += 1e-3;
            assertTrue(OptimumDistance.of(m, y) > 5e-4 || m instanceof SphereUfm);
        }
    }

    @Test
    void originSaddleMatchesSpec41() {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 0, true, ONE);
        StrictSaddle s = StrictSaddles.origin(m);
        Problem p = new Problem(m.manifold(), m);
        double[] g = new double[s.point().length];
        double[] rg = new double[s.point().length];
        p.costAndGradient(s.point(), g, rg);
        assertEquals(0.0, m.manifold().norm(s.point(), rg), 1e-15);
        assertEquals(-0.111303398874989, StrictSaddles.originMinEigenvalue(4, 5, 5e-4, 5e-4), 1e-15);
        assertEquals(-0.111303398874989, s.predicted(), 1e-15);
        assertEquals(s.predicted(), Saddles.rayleigh(p, s.point(), s.direction()), 1e-14);
        double[] spectrum = HessianSpectrum.dense(p, s.point(), Collections.emptyList());
        assertEquals(-0.111303398874989, spectrum[0], 1e-14);
        int negative = 0;
        for (double v : spectrum) {
            negative += v < -1e-12 ? 1 : 0;
        }
        assertEquals(24, negative, "(K-1) d negative eigenvalues");
        SecondOrderCertificate c = SecondOrderCertificate.of(m, s.point(), 1e-8);
        assertFalse(c.secondOrder);
        assertEquals(-0.111303398874989, c.minEigenvalue, 1e-14);
        HessianSpectrum.Ritz r = HessianSpectrum.lanczos(p, s.point(), Collections.emptyList(), 300, 3);
        assertEquals(-0.111303398874989, r.value, 1e-10);
    }

    @Test
    void originSaddleWithUnequalDecay() {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(3, 4), 5, 1e-3, 4e-2, 1e-3, true, ONE);
        StrictSaddle s = StrictSaddles.origin(m);
        Problem p = new Problem(m.manifold(), m);
        double expected = StrictSaddles.originMinEigenvalue(3, 4, 1e-3, 4e-2);
        assertEquals(expected, Saddles.rayleigh(p, s.point(), s.direction()), 1e-14);
        assertEquals(expected, HessianSpectrum.dense(p, s.point(), Collections.emptyList())[0], 1e-13);
    }

    @Test
    void totalCollapseSaddleMatchesSpec42() {
        SphereUfm m = new SphereUfm(Labels.balanced(4, 5), 4, 3.0, ONE);
        StrictSaddle s = StrictSaddles.totalCollapse(m, 1);
        Problem p = new Problem(m.manifold(), m);
        double[] g = new double[s.point().length];
        double[] rg = new double[s.point().length];
        p.costAndGradient(s.point(), g, rg);
        assertEquals(0.0, m.manifold().norm(s.point(), rg), 1e-15);
        assertTrue(s.predicted() < 0);
        assertEquals(s.predicted(), Saddles.rayleigh(p, s.point(), s.direction()), 1e-12 * Math.abs(s.predicted()));
        double lmin = HessianSpectrum.dense(p, s.point(), Collections.emptyList())[0];
        assertTrue(lmin <= s.predicted() + 1e-12);
    }

    @Test
    void saddlesAreEscapedAlongTheNegativeDirection() {
        EuclideanUfm ce = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 0, true, ONE);
        SphereUfm sp = new SphereUfm(Labels.balanced(4, 5), 4, 3.0, ONE);
        StrictSaddle[] saddles = {StrictSaddles.origin(ce), StrictSaddles.totalCollapse(sp, 1)};
        UfmModel[] models = {ce, sp};
        double[] fstar = {CrossEntropyClosedForm.of(4, 5, 5e-4, 5e-4).fstar, SphereClosedForm.fstar(4, 3.0)};
        for (int i = 0; i < 2; i++) {
            Problem p = new Problem(models[i].manifold(), models[i]);
            for (org.ufm.solver.Solver solver : new org.ufm.solver.Solver[] {new Lbfgs(10), new TrustRegions()}) {
                double[] x0 = Saddles.escapeStart(p, saddles[i], 1e-3, 5);
                Result r = solver.minimize(p, x0, StoppingCriterion.standard(1e-10, 10_000, 0, 60), new Trace());
                assertEquals(fstar[i], r.cost(), 1e-12 * fstar[i], solver.name() + " " + models[i].name());
            }
        }
    }

    /** Along the CE origin's direction alone, L-BFGS stays rank one and stops at another strict saddle. */
    @Test
    void theRankOneFlowFromTheOriginEndsAtASaddle() {
        EuclideanUfm ce = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 0, true, ONE);
        StrictSaddle s = StrictSaddles.origin(ce);
        double[] x0 = s.point().clone();
        for (int i = 0; i < x0.length; i++) {
            x0[i] += 1e-3 * s.direction()[i];
        }
        Problem p = new Problem(ce.manifold(), ce);
        Result r = new Lbfgs(10).minimize(p, x0, StoppingCriterion.standard(1e-10, 10_000, 0, 60), new Trace());
        assertTrue(r.cost() > CrossEntropyClosedForm.of(4, 5, 5e-4, 5e-4).fstar + 1e-3, "" + r.cost());
        assertTrue(r.gradNorm() <= 1e-10);
        assertFalse(SecondOrderCertificate.of(ce, r.x(), 1e-8).secondOrder, "a strict saddle");
    }

    /**
     * Regression: at an optimum the Krylov space is exhausted after a few dozen steps and the next Lanczos vectors
     * are normalised rounding noise; they must be re-projected, or they leave the tangent space and give spurious
     * negative Ritz values.
     */
    @Test
    void lanczosAtASphereOptimumStaysTangentAndMatchesDense() {
        SphereUfm m = new SphereUfm(Labels.balanced(4, 10), 8, 5.0, ONE);
        double[] x0 = new double[m.ambientDimension()];
        m.initialPoint(new Random(1), 1.0, x0);
        Problem p = new Problem(m.manifold(), m);
        Result r = new TrustRegions().minimize(p, x0, StoppingCriterion.standard(1e-12, 1000, 0, 60), new Trace());
        List<double[]> s = Symmetries.basis(m, r.x());
        double dense = HessianSpectrum.dense(p, r.x(), s)[0];
        HessianSpectrum.Ritz z = HessianSpectrum.lanczos(p, r.x(), s, 300, 1);
        assertEquals(dense, z.value, 1e-10);
        double[] projected = z.vector.clone();
        m.manifold().project(r.x(), projected, projected);
        for (int i = 0; i < projected.length; i++) {
            assertEquals(z.vector[i], projected[i], 1e-14);
        }
        HessianSpectrum.Ritz all = HessianSpectrum.lanczos(p, r.x(), Collections.emptyList(), 300, 1);
        assertTrue(all.value > -1e-12, "undeflated: the symmetry zeros, not a negative value: " + all.value);
    }
}
