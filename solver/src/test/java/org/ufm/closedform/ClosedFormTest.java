package org.ufm.closedform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;

/** Closed forms against SPEC.md's worked numbers, and the explicit optimal points against the models. */
class ClosedFormTest {

    private static final Chunks ONE = new Chunks(1);

    @ParameterizedTest
    @CsvSource({
        "4, 5, 5e-4, 0.0261435631182366, 5.09461782281188",
        "10, 100, 5e-4, 0.282396242764, 4.72704608524",
        "10, 500, 5e-4, 0.547541279454, 3.94879083045",
        "100, 50, 5e-4, 2.25583169349, 5.16193976285",
        "3, 3, 1e-2, 0.17453321717, 2.68040586588"})
    void crossEntropyMatchesSpecTable(int k, int n, double lambda, double fstar, double rho) {
        CrossEntropyClosedForm cf = CrossEntropyClosedForm.of(k, n, lambda, lambda);
        assertEquals(fstar, cf.fstar, 1e-11 * fstar);
        assertEquals(rho, cf.rho, 1e-11 * rho);
    }

    @Test
    void workedExampleNorms() {
        CrossEntropyClosedForm cf = CrossEntropyClosedForm.of(4, 5, 5e-4, 5e-4);
        assertEquals(11.3919117711893, cf.w2, 1e-12);
        assertEquals(2.27838235423787, cf.h2, 1e-12);
        assertEquals(0.99664589803375, cf.pStar, 1e-13);
    }

    @Test
    void thresholdGivesLogK() {
        assertEquals(Math.log(4), CrossEntropyClosedForm.of(4, 5, 0.12, 0.12).fstar, 0.0);
        assertTrue(CrossEntropyClosedForm.of(4, 5, 0.12, 0.12).atOrigin());
        assertEquals(1.370567650306, CrossEntropyClosedForm.of(4, 5, 0.10, 0.10).fstar, 1e-11);
        assertEquals(1.385908172851, CrossEntropyClosedForm.of(4, 5, 0.11, 0.11).fstar, 1e-11);
        double below = CrossEntropyClosedForm.of(4, 5, 0.1118033988749, 0.1118033988749).fstar;
        assertEquals(Math.log(4), below, 1e-9, "continuous at the threshold");
    }

    @ParameterizedTest
    @CsvSource({
        "4, 1, 0.582657653061801", "4, 5, 0.00381063171588069", "4, 10, 4.8587785730541e-06",
        "10, 1, 1.37693492045019", "10, 5, 0.0342016785131961", "10, 10, 1.34499001326826e-4",
        "100, 10, 4.05453932102907e-3"})
    void sphereMatchesSpecTable(int k, double tau, double fstar) {
        assertEquals(fstar, SphereClosedForm.fstar(k, tau), 1e-13 * fstar);
    }

    @ParameterizedTest
    @CsvSource({"4, 5, 8, true, 5e-4", "4, 5, 3, true, 0", "5, 2, 6, false, 0", "3, 3, 9, true, 1e-2"})
    void explicitCrossEntropyOptimumIsCriticalWithTheClosedFormValue(int k, int n, int d, boolean bias, double lb) {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(k, n), d, 5e-4, 5e-4, lb, bias, ONE);
        double[] x = CrossEntropyClosedForm.optimalPoint(m, new Random(k * 31 + d));
        double[] g = new double[x.length];
        double f = m.valueAndGradient(x, g);
        double gn = Math.sqrt(org.ufm.model.FiniteDifferences.dot(g, g));
        assertTrue(gn < 1e-10, "gradient norm at the explicit optimum: " + gn);
        double fstar = CrossEntropyClosedForm.optimum(m);
        assertEquals(fstar, f, 1e-14);
    }

    @Test
    void explicitSphereOptimumIsCriticalWithTheClosedFormValue() {
        SphereUfm m = new SphereUfm(Labels.balanced(5, 3), 4, 3.0, ONE);
        double[] x = SphereClosedForm.optimalPoint(m, new Random(9));
        assertTrue(m.manifold().constraintViolation(x) < 1e-15);
        double[] e = new double[x.length];
        double[] r = new double[x.length];
        double f = m.valueAndGradient(x, e);
        m.manifold().egradToRgrad(x, e, r);
        assertTrue(org.ufm.model.FiniteDifferences.norm(r) < 1e-12);
        assertEquals(SphereClosedForm.fstar(5, 3.0), f, 1e-15);
    }

    @Test
    void noClosedFormBelowKMinusOneDimensionsOrWhenImbalanced() {
        assertNull(CrossEntropyClosedForm.optimum(EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 2, 5e-4, 5e-4, 0, true, ONE)));
        assertNull(CrossEntropyClosedForm.optimum(EuclideanUfm.crossEntropy(Labels.ofClassSizes(new int[] {2, 3}), 4, 5e-4, 5e-4, 0, true, ONE)));
        assertNull(SphereClosedForm.optimum(new SphereUfm(Labels.balanced(4, 5), 2, 1.0, ONE)));
        assertEquals(Math.log(4), CrossEntropyClosedForm.optimum(
                EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 2, 0.2, 0.2, 0, true, ONE)), 0.0,
                "above the threshold the origin is optimal in every dimension");
    }

    @Test
    void simplexEtfHasUnitRowsAndEquiangles() {
        double[][] w = SimplexEtf.rows(6, 9, SimplexEtf.randomOrthogonal(9, new Random(4)));
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                double s = 0;
                for (int i = 0; i < 9; i++) {
                    s += w[a][i] * w[b][i];
                }
                assertEquals(a == b ? 1.0 : -1.0 / 5, s, 1e-14);
            }
        }
    }
}
