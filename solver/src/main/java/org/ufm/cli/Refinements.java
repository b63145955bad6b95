package org.ufm.cli;

import java.util.Locale;
import org.ufm.certificate.CertifyingStop;
import org.ufm.solver.StopReason;

/** How the report of a solve says what the default certifying stop did ({@link CertifyingStop}). */
final class Refinements {

    private Refinements() {
    }

    /** True when there is something to say: the stop was in force and the model has a closed form. */
    static boolean applies(CertifyingStop c) {
        return c != null && c.refines() && c.tightenings() > 0;
    }

    /** The JSON object, or null when the stop was not in force (explicit --tol) or never tightened. */
    static Json json(CertifyingStop c) {
        if (c == null) {
            return null;
        }
        return new Json().put("applies", c.refines()).put("tightenings", c.tightenings())
                .put("finalTolerance", c.finalTolerance()).put("certifiedDuringSolve", c.certified())
                .put("outcome", outcome(c, null));
    }

    /** Why the refinement ended, in words. */
    static String outcome(CertifyingStop c, StopReason reason) {
        if (c.tightenings() == 0) {
            return c.refines() ? "certified at the first tolerance or never met it" : "no closed form: nothing to refine";
        }
        if (c.certified()) {
            return "certified: the global certificate holds";
        }
        if (c.stalledAfterRefinement() != null) {
            return "not certified: the iterates stopped improving (" + c.stalledAfterRefinement()
                    + ") with the first tolerance met";
        }
        if (c.budgetSpent()) {
            return "not certified: the extra-iteration budget ran out";
        }
        if (reason != null && reason != StopReason.CONVERGED) {
            return "not certified: stopped by " + reason;
        }
        return "not certified: the tightening limit was reached";
    }

    /** One line: how far the tolerance went and why the solve ended. */
    static String text(CertifyingStop c, StopReason reason) {
        return String.format(Locale.ROOT, "gradient tolerance tightened %d time(s) to %.0e after the first one was met; %s",
                c.tightenings(), c.finalTolerance(), outcome(c, reason));
    }
}
