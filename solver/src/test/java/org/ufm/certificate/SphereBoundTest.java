package org.ufm.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.closedform.StrictSaddles;
import org.ufm.compute.Chunks;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.variant.Variants;

/**
 * The sphere model's second-order bound ({@link SecondOrderCertificate#sphereBound}) against the dense Riemannian
 * Hessian spectrum: below lambda_min at random points of OB(d, K + N) and near the minimiser (balanced and
 * imbalanced classes, d below, at and above K - 1, small and large tau), equal to it (0, the rotations) at the simplex
 * ETF, and, above the dense limit, the certificate at the ETF without a Hessian product and Lanczos at the total-collapse
 * saddle.
 */
class SphereBoundTest {

    private static final Chunks ONE = new Chunks(1);

    @AfterAll
    static void close() {
        ONE.close();
    }

    private static SphereUfm[] models() {
        return new SphereUfm[] {
            new SphereUfm(Labels.balanced(3, 3), 3, 2.0, ONE),
            new SphereUfm(Labels.balanced(4, 2), 3, 5.0, ONE),
            new SphereUfm(Labels.balanced(3, 2), 2, 0.5, ONE),
            new SphereUfm(Labels.balanced(3, 2), 5, 20.0, ONE),
            new SphereUfm(Labels.ofClassSizes(new int[] {3, 1, 2}), 3, 4.0, ONE),
        };
    }

    private static double bound(SphereUfm m, double[] x) {
        return Variants.of(m).hessianLowerBound(m, x, null);
    }

    @Test
    void theBoundIsBelowTheSmallestEigenvalueAtRandomAndNearOptimalPoints() {
        Random random = new Random(21);
        for (SphereUfm m : models()) {
            for (int trial = 0; trial < 6; trial++) {
                double[] x = new double[m.ambientDimension()];
                m.manifold().randomPoint(random, 1.0, x);
                double lower = bound(m, x);
                double lambda = DenseSpectrum.smallestEigenvalue(m, x);
                assertTrue(lower <= lambda + 1e-12, m.dim() + " tau " + m.tau() + ": bound " + lower
                        + " > lambda_min " + lambda);
            }
            if (SphereClosedForm.optimum(m) != null) {
                for (double step : new double[] {1e-6, 1e-3, 1e-1}) {
                    double[] x = perturbed(m, SphereClosedForm.optimalPoint(m, random), step, random);
                    double lower = bound(m, x);
                    double lambda = DenseSpectrum.smallestEigenvalue(m, x);
                    assertTrue(lower <= lambda + 1e-12, "step " + step + ": bound " + lower + " > " + lambda);
                }
            }
        }
    }

    @Test
    void theBoundIsZeroAtTheSimplexEtfWhereTheRotationsAreFlat() {
        Random random = new Random(8);
        for (SphereUfm m : models()) {
            if (SphereClosedForm.optimum(m) == null) {
                continue;
            }
            double[] x = SphereClosedForm.optimalPoint(m, random);
            double lambda = DenseSpectrum.smallestEigenvalue(m, x);
            assertEquals(0.0, lambda, 1e-12, "the rotations are null directions");
            assertEquals(0.0, bound(m, x), 1e-13, m.dim() + " tau " + m.tau());
        }
    }

    @Test
    void theTwoByTwoFormulaHoldsWithNegativeDiagonals() {
        // away from an optimum the Weingarten coefficients can be negative: then both eigenvalues may be <= 0
        assertEquals(-2.0, SecondOrderCertificate.sphereBound(1.0, 0.0, -2.0, -1.0), 0.0);
        double direct = -1.5 - Math.sqrt(0.25 + 9.0);
        assertEquals(direct, SecondOrderCertificate.sphereBound(3.0, 1.0, -2.0, -1.0), 1e-15);
        // a = 1e-3, c = -4e-3, tau sigma = 2e-3: the larger eigenvalue is > 0, the fma form
        assertEquals(0.5 * (1e-3 - 4e-3) - Math.sqrt(6.25e-6 + 4e-6),
                SecondOrderCertificate.sphereBound(1.0, 2e-3, 1e-3, -4e-3), 1e-18);
    }

    /** K=10, n=10, d=16: 1760 variables, above the dense limit. */
    @Test
    void aboveTheDenseLimitTheEtfIsCertifiedByTheBoundAndTheSaddleFallsBackToLanczos() {
        SphereUfm m = new SphereUfm(Labels.balanced(10, 10), 16, 5.0, ONE);
        assertTrue(m.ambientDimension() > SecondOrderCertificate.DENSE_LIMIT);
        double[] x = SphereClosedForm.optimalPoint(m, new Random(3));
        SecondOrderCertificate c = SecondOrderCertificate.of(m, x, SecondOrderCertificate.DEFAULT_TOLERANCE, null);
        assertEquals(SecondOrderCertificate.SIGMA_BOUND, c.method);
        assertTrue(c.secondOrder);
        assertEquals(0.0, c.minEigenvalue, 1e-13);

        double[] saddle = StrictSaddles.totalCollapse(m, 1).point();
        assertTrue(bound(m, saddle) < -SecondOrderCertificate.DEFAULT_TOLERANCE);
        SecondOrderCertificate s = SecondOrderCertificate.of(m, saddle, SecondOrderCertificate.DEFAULT_TOLERANCE, null);
        assertEquals("lanczos", s.method);
        assertFalse(s.secondOrder);
        assertTrue(bound(m, saddle) <= s.minEigenvalue + 1e-12);
    }

    private static double[] perturbed(SphereUfm m, double[] x, double step, Random random) {
        double[] xi = new double[x.length];
        for (int i = 0; i < xi.length; i++) {
            xi[i] = random.nextGaussian();
        }
        double[] tangent = new double[x.length];
        m.manifold().project(x, xi, tangent);
        double[] out = new double[x.length];
        m.manifold().retract(x, tangent, step, out);
        return out;
    }
}
