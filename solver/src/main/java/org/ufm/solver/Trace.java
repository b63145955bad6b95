package org.ufm.solver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The record of every iteration of a solve, kept in memory and passed on to listeners as it grows. */
public final class Trace {

    private final List<IterationRecord> rows = new ArrayList<>();
    private final List<IterationListener> listeners = new ArrayList<>();
    private final boolean keepRows;

    /** A trace that keeps every row in memory. */
    public Trace() {
        this(true);
    }

    /** A trace that keeps rows in memory only when {@code keepRows}. */
    public Trace(boolean keepRows) {
        this.keepRows = keepRows;
    }

    /** Adds a listener; returns this trace. */
    public Trace listen(IterationListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Records a row and tells the listeners. */
    public void add(IterationRecord row, double[] x) {
        if (keepRows) {
            rows.add(row);
        }
        for (IterationListener l : listeners) {
            l.onIteration(row, x);
        }
    }

    /**
     * Records the row of an iterate and says whether to stop after it: the criterion's reason, else
     * INTERRUPTED when the solver's thread was interrupted (Ctrl-C), else null to go on. Every solver calls
     * this once per iterate, so they all stop and trace alike.
     */
    public StopReason recordAndCheck(IterationRecord row, double[] x, StoppingCriterion stop) {
        add(row, x);
        StopReason reason = stop.check(row);
        if (reason == null && Thread.currentThread().isInterrupted()) {
            reason = StopReason.INTERRUPTED;
        }
        return reason;
    }

    /** Tells the listeners that the solver stopped. */
    public void finish(StopReason reason) {
        for (IterationListener l : listeners) {
            l.onFinish(reason);
        }
    }

    /** The rows kept so far (unmodifiable). */
    public List<IterationRecord> rows() {
        return Collections.unmodifiableList(rows);
    }
}
