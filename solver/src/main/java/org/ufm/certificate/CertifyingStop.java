package org.ufm.certificate;

import org.ufm.model.UfmModel;
import org.ufm.solver.IterationListener;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.Result;
import org.ufm.solver.StopReason;
import org.ufm.solver.StoppingCriterion;

/**
 * The default gradient test of a solve that should end certified: when ||grad f|| falls below the current
 * tolerance and the model has a closed-form optimum, the global certificate ({@link Certificate}, judged
 * against the original tolerances) is checked at that iterate; if it fails, the tolerance is divided by
 * {@value #FACTOR} and the solve goes on, at most {@value #MAX_TIGHTENINGS} times and for at most
 * {@value #EXTRA_FACTOR} times as many iterations as the first tolerance took (plus {@value #EXTRA_MIN}); past
 * that budget the plain test ||grad f|| <= tol ends it. The solver's own tests (step too small) end a solve
 * whose iterates stop improving; {@link #settle} then reports it as converged when the last iterate still
 * meets tol. Where no closed form exists it is the plain test ||grad f|| <= tol. Register it as a listener of the solve's trace before using it as a
 * criterion: it needs the iterate of the row it judges.
 */
public final class CertifyingStop implements StoppingCriterion, IterationListener {

    /** Each tightening divides the gradient tolerance by this. */
    public static final double FACTOR = 100.0;
    /** At most this many tightenings (tolerance down to tol 1e-30). */
    public static final int MAX_TIGHTENINGS = 15;

    /** Iterations allowed after the first tolerance was met: this many times the iterations it took ... */
    public static final int EXTRA_FACTOR = 3;
    /** ... plus this many. */
    public static final int EXTRA_MIN = 200;

    private final UfmModel model;
    private final double tol;
    private final double gapTol;
    private final boolean refine;
    private double current;
    private int tightenings;
    private boolean certified;
    private boolean budgetSpent;
    private StopReason stalledAfterRefinement;
    private long budget = -1;
    private double[] x;
    /** The certificate that held, with the row it was computed at (null until one holds). */
    private Certificate held;
    private IterationRecord heldRow;

    /** A criterion with gradient tolerance {@code tol} and the certificate's relative gap tolerance {@code gapTol}. */
    public CertifyingStop(UfmModel model, double tol, double gapTol) {
        this.model = model;
        this.tol = tol;
        this.gapTol = gapTol;
        this.refine = Certificate.optimum(model) != null;
        this.current = tol;
    }

    @Override
    public void onIteration(IterationRecord row, double[] x) {
        this.x = x;
    }

    @Override
    public StopReason check(IterationRecord row) {
        if (budget >= 0 && row.iteration() > budget && !budgetSpent) {
            budgetSpent = true;
            current = tol;
        }
        if (!(row.gradNorm() <= current)) {
            return null;
        }
        if (!refine || x == null || budgetSpent) {
            return StopReason.CONVERGED;
        }
        if (budget < 0) {
            budget = (long) row.iteration() * (EXTRA_FACTOR + 1) + EXTRA_MIN;
        }
        Certificate c = Certificate.of(model, x, row.cost(), row.gradNorm(), tol, gapTol);
        if (c.global) {
            certified = true;
            held = c;
            heldRow = row;
            return StopReason.CONVERGED;
        }
        if (tightenings == MAX_TIGHTENINGS) {
            return StopReason.CONVERGED;
        }
        tightenings++;
        current /= FACTOR;
        return null;
    }

    /** True when a closed form exists, so the tolerance may be tightened. */
    public boolean refines() {
        return refine;
    }

    /** How many times the tolerance was tightened. */
    public int tightenings() {
        return tightenings;
    }

    /** The gradient tolerance in force at the end. */
    public double finalTolerance() {
        return current;
    }

    /** True when the extra-iteration budget ran out before a certificate. */
    public boolean budgetSpent() {
        return budgetSpent;
    }

    /**
     * The result to report: a solve that met tol, was refined, and then stopped because its iterates stopped
     * improving (step too small, cost stalled) is reported as CONVERGED when its last iterate meets tol, since
     * tol is what was asked for; any other result is returned as it is.
     */
    public Result settle(Result r) {
        boolean stalled = r.stopReason() == StopReason.STEP_TOO_SMALL || r.stopReason() == StopReason.COST_STALLED;
        if (tightenings > 0 && stalled && r.gradNorm() <= tol) {
            stalledAfterRefinement = r.stopReason();
            return new Result(r.solver(), r.x(), r.cost(), r.gradNorm(), r.iterations(), StopReason.CONVERGED,
                    r.seconds(), r.trace());
        }
        return r;
    }

    /** The solver's stop reason when {@link #settle} turned it into CONVERGED, else null. */
    public StopReason stalledAfterRefinement() {
        return stalledAfterRefinement;
    }

    /**
     * The certificate that ended the solve when {@code r} is the iterate it was computed at (same iteration, cost
     * and gradient norm), so a report need not compute it again (the same function of the same point and
     * tolerances); otherwise null.
     */
    public Certificate certificateOf(Result r) {
        if (held == null || r.iterations() != heldRow.iteration() || r.cost() != heldRow.cost()
                || r.gradNorm() != heldRow.gradNorm()) {
            return null;
        }
        return held;
    }

    /** True when the solve stopped because the global certificate held. */
    public boolean certified() {
        return certified;
    }
}
