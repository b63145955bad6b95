package org.ufm.certificate;

import org.ufm.model.UfmModel;
import org.ufm.solver.IterationListener;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.StopReason;
import org.ufm.solver.StoppingCriterion;

/**
 * The default gradient test of a solve that should end certified: when ||grad f|| falls below the current
 * tolerance and the model has a closed-form optimum, the global certificate ({@link Certificate}, judged
 * against the original tolerances) is checked at that iterate; if it fails, the tolerance is divided by
 * {@value #FACTOR} and the solve goes on, at most {@value #MAX_TIGHTENINGS} times. The solver's other tests
 * (step too small, budget) end a solve whose iterates stop improving. Where no closed form exists it is
 * the plain test ||grad f|| <= tol. Register it as a listener of the solve's trace before using it as a
 * criterion: it needs the iterate of the row it judges.
 */
public final class CertifyingStop implements StoppingCriterion, IterationListener {

    /** Each tightening divides the gradient tolerance by this. */
    public static final double FACTOR = 100.0;
    /** At most this many tightenings (tolerance down to tol 1e-16). */
    public static final int MAX_TIGHTENINGS = 8;

    private final UfmModel model;
    private final double tol;
    private final double gapTol;
    private final boolean refine;
    private double current;
    private int tightenings;
    private boolean certified;
    private double[] x;

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
        if (!(row.gradNorm() <= current)) {
            return null;
        }
        if (!refine || x == null) {
            return StopReason.CONVERGED;
        }
        Certificate c = Certificate.of(model, x, row.cost(), row.gradNorm(), tol, gapTol);
        if (c.global) {
            certified = true;
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

    /** True when the solve stopped because the global certificate held. */
    public boolean certified() {
        return certified;
    }
}
