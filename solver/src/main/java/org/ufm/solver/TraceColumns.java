package org.ufm.solver;

/**
 * Extra columns of a CSV trace computed from the iterate (for example neural-collapse metrics every k
 * iterations): fixed header names, and per row either the values or null for a row left blank.
 */
public interface TraceColumns {

    /** Names of the extra columns. */
    String[] header();

    /** The values for this row (as many as {@link #header()}), or null to leave the row's extra cells blank. */
    double[] values(IterationRecord row, double[] x);
}
