package org.ufm.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.certificate.OptimumDistance;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;

/** Issue 17 item 8: a point that is, or whose metrics are, not finite has no metrics (null), not "perfect collapse". */
class NonFiniteMetricsTest {

    private static final Chunks ONE = new Chunks(1);

    private static NeuralCollapseMetrics at(EuclideanUfm m, double[] x) {
        return NeuralCollapseMetrics.at(m.classifierRows(x), m.featureColumns(x), m.labels().toArray(), m.bias(x));
    }

    @Test
    void metricsAreNullAtNonFinitePointsAndWhereTheyOverflow() {
        EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 5e-4, true, ONE);
        double[] x = new double[m.ambientDimension()];
        m.initialPoint(new Random(1), 1.0, x);
        NeuralCollapseMetrics ok = at(m, x);
        assertNotNull(ok);
        NeuralCollapseMetrics direct = NeuralCollapseMetrics.compute(m.classifierRows(x), m.featureColumns(x),
                m.labels().toArray(), m.bias(x));
        assertEquals(direct.all(), ok.all(), "at a finite point: the same metrics");

        double[] huge = new double[x.length];
        m.initialPoint(new Random(1), 1e300, huge);
        NeuralCollapseMetrics raw = NeuralCollapseMetrics.compute(m.classifierRows(huge), m.featureColumns(huge),
                m.labels().toArray(), m.bias(huge));
        assertTrue(Double.isNaN(raw.nc1()) && raw.nc3() == 0.0, "the overflow the issue saw: NC1 NaN beside NC3 = 0");
        assertNull(at(m, huge));

        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] y = x.clone();
            y[3] = bad;
            assertNull(at(m, y), "entry " + bad);
            assertNull(OptimumDistance.of(m, y));
        }
        assertNull(at(m, new double[x.length]), "the origin stays undefined");
        assertNotNull(OptimumDistance.of(m, x));
        assertNull(OptimumDistance.of(m, huge), "the distance overflows to infinity: null, not Infinity");
    }
}
