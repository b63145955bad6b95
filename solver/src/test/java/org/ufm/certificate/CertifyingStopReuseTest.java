package org.ufm.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;
import org.ufm.report.CertificationSettings;
import org.ufm.report.SolveReport;
import org.ufm.solver.Lbfgs;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * The certificate that ended a certified solve is handed to the report only for the iterate it was computed
 * at, and the report built with it says what a report that computes it again says.
 */
class CertifyingStopReuseTest {

    @Test
    void theCertificateThatEndedTheSolveIsTheReportsCertificate() {
        try (Chunks chunks = new Chunks(1)) {
            UfmModel m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 5e-4, true, chunks);
            double[] x0 = new double[m.ambientDimension()];
            m.initialPoint(new Random(1), 1.0, x0);
            CertifyingStop certifying = new CertifyingStop(m, 1e-9, 1e-9);
            Trace trace = new Trace(false).listen(certifying);
            Result r = new Lbfgs(10).minimize(new Problem(m.manifold(), m), x0,
                    StoppingCriterion.notFinite().or(certifying).or(StoppingCriterion.standard(-1.0, 5000, 0.0, 60)),
                    trace);
            assertTrue(certifying.certified());
            Certificate held = certifying.certificateOf(r);
            assertNotNull(held);
            CertificationSettings settings = new CertificationSettings(1e-9, 1e-9, false);
            SolveReport reused = SolveReport.of(m, r, settings, held);
            SolveReport fresh = SolveReport.of(m, r, settings);
            assertSame(held, reused.point().certificate());
            Certificate again = fresh.point().certificate();
            assertEquals(again.global, held.global);
            assertEquals(again.sigmaMax, held.sigmaMax);
            assertEquals(again.relativeGap, held.relativeGap);
            assertEquals(again.firstOrder, held.firstOrder);
            // another iterate (one step fewer) does not get it
            Result earlier = new Result(r.solver(), r.x(), r.cost(), r.gradNorm(), r.iterations() - 1, r.stopReason(),
                    r.seconds(), r.trace());
            assertNull(certifying.certificateOf(earlier));
        }
    }
}
