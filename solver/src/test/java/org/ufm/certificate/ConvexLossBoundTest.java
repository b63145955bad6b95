package org.ufm.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.variant.Variants;

/**
 * The second-order bound from sigma_max against the dense Hessian spectrum: a lower bound at every point (random
 * points of several scales, CE and squared loss, with and without a bias, unequal decays), attained at W = H = 0,
 * and null where the model has no decay on W or H.
 */
class ConvexLossBoundTest {

    private static final Chunks ONE = new Chunks(1);

    @AfterAll
    static void close() {
        ONE.close();
    }

    private static EuclideanUfm[] models() {
        Labels labels = Labels.balanced(3, 4);
        return new EuclideanUfm[] {
            EuclideanUfm.crossEntropy(labels, 3, 2e-2, 5e-3, 1e-2, true, ONE),
            EuclideanUfm.crossEntropy(labels, 3, 1e-2, 1e-2, 0.0, true, ONE),
            EuclideanUfm.crossEntropy(labels, 4, 3e-2, 1e-3, 0.0, false, ONE),
            EuclideanUfm.meanSquared(labels, 3, 5e-2, 2e-2, 1e-3, true, ONE),
            EuclideanUfm.meanSquared(labels, 3, 1e-2, 4e-2, 0.0, false, ONE),
        };
    }

    private static double bound(EuclideanUfm m, double[] x) {
        double sigma = LargestSingularValue.dense(m.logitGradient(x), m.labels().classes());
        return Variants.of(m).hessianLowerBound(m, x, sigma);
    }

    @Test
    void theBoundIsBelowTheSmallestEigenvalueAtRandomPoints() {
        Random random = new Random(11);
        for (EuclideanUfm m : models()) {
            for (double scale : new double[] {0.01, 0.3, 1.0, 3.0}) {
                double[] x = new double[m.ambientDimension()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = scale * random.nextGaussian();
                }
                double lower = bound(m, x);
                double lambda = DenseSpectrum.smallestEigenvalue(m, x);
                assertTrue(lower <= lambda + 1e-12, m.name() + " scale " + scale + ": bound " + lower + " > lambda_min "
                        + lambda);
            }
        }
    }

    @Test
    void theBoundIsAttainedAtTheOrigin() {
        Random random = new Random(5);
        for (EuclideanUfm m : models()) {
            double[] x = new double[m.ambientDimension()];
            if (m.hasBias()) {
                for (int i = 0; i < m.labels().classes(); i++) {
                    x[m.bOffset() + i] = random.nextGaussian();
                }
            }
            // W = H = 0: dZ = db 1^T has no (dW, dH) part, so the (dW, dH) block is [[lambda_W, G], [G^T, lambda_H]]
            // exactly, and the bias block is lambda_b plus a soft-max (or identity / N) curvature that is >= 0
            double lower = bound(m, x);
            double lambda = DenseSpectrum.smallestEigenvalue(m, x);
            if (m.hasBias() && m.lambdaB() < lower) {
                assertTrue(lambda >= lower - 1e-12, m.name());
            } else {
                assertEquals(lambda, lower, 1e-12, m.name() + " lambda_b " + m.lambdaB());
            }
        }
    }

    @Test
    void theFormulaIsTheTwoByTwoBlocksSmallestEigenvalue() {
        // sigma = 0: min(lambda_W, lambda_H); sigma^2 = lambda_W lambda_H: 0; the bias caps it; no cancellation
        assertEquals(1e-3, SecondOrderCertificate.convexLossBound(0.0, 2e-3, 1e-3, Double.POSITIVE_INFINITY), 1e-18);
        assertEquals(0.0, SecondOrderCertificate.convexLossBound(Math.sqrt(2e-3 * 1e-3), 2e-3, 1e-3, 1.0), 1e-18);
        assertEquals(1e-4, SecondOrderCertificate.convexLossBound(0.0, 2e-3, 1e-3, 1e-4), 0.0);
        // sigma^2 a hair above lambda_W lambda_H: mu = -1.5e-16 or so, against terms of 1.5e-3; the value to 60 digits
        double lw = 2e-3;
        double lh = 1e-3;
        double s = Math.sqrt(lw * lh) * (1 + 1e-12);
        MathContext mc = new MathContext(60);
        BigDecimal mean = new BigDecimal(lw).add(new BigDecimal(lh)).divide(BigDecimal.valueOf(2), mc);
        BigDecimal half = new BigDecimal(lw).subtract(new BigDecimal(lh)).divide(BigDecimal.valueOf(2), mc);
        BigDecimal sb = new BigDecimal(s);
        double exact = mean.subtract(half.multiply(half, mc).add(sb.multiply(sb, mc), mc).sqrt(mc), mc).doubleValue();
        assertTrue(exact < 0 && exact > -1e-14, "the case is near cancellation: " + exact);
        double got = SecondOrderCertificate.convexLossBound(s, lw, lh, Double.POSITIVE_INFINITY);
        assertEquals(exact, got, 1e-14 * Math.abs(exact));
        double naive = 0.5 * (lw + lh) - Math.sqrt(0.25 * (lw - lh) * (lw - lh) + s * s);
        assertTrue(Math.abs(naive - exact) > 1e-7 * Math.abs(exact), "the naive form loses digits: " + naive + " vs " + exact);
    }

    @Test
    void modelsWithoutDecayOnBothFactorsHaveNoBound() {
        Labels labels = Labels.balanced(3, 2);
        EuclideanUfm ulpm = EuclideanUfm.ulpm(labels, 3, ONE);
        assertEquals(null, Variants.of(ulpm).hessianLowerBound(ulpm, new double[ulpm.ambientDimension()], 0.0));
        EuclideanUfm noFeatureDecay = EuclideanUfm.crossEntropy(labels, 3, 1e-2, 0.0, 0.0, true, ONE);
        assertEquals(null, Variants.of(noFeatureDecay).hessianLowerBound(noFeatureDecay, new double[noFeatureDecay.ambientDimension()], 0.0));
    }

    /**
     * At the strict saddle W = H = 0, b = 0 of a CE model above the dense limit (K=10, n=10, d=16: 1770 variables)
     * sigma_max exceeds sqrt(lambda_W lambda_H), the bound is negative and proves nothing: the certificate falls back
     * to Lanczos, which finds the negative curvature lambda_W - sigma_max that the bound also gives there (SPEC 4.1).
     */
    @Test
    void aSaddleFallsBackToLanczosWhichFindsTheNegativeCurvature() {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(10, 10), 16, 5e-4, 5e-4, 5e-4, true, ONE);
        double[] x = new double[m.ambientDimension()];
        double sigma = LargestSingularValue.dense(m.logitGradient(x), 10);
        double bound = Variants.of(m).hessianLowerBound(m, x, sigma);
        assertTrue(bound < -1e-3, "a strict saddle: " + bound);
        SecondOrderCertificate c = SecondOrderCertificate.of(m, x, SecondOrderCertificate.DEFAULT_TOLERANCE, sigma);
        assertEquals("lanczos", c.method);
        assertEquals(false, c.secondOrder);
        assertEquals(bound, c.minEigenvalue, 1e-9);
    }
}
