package org.ufm.sweep;

import java.io.Serializable;
import java.util.List;

/** Solves one cell's {@code solve} arguments and returns the line {@code solve --json} prints. */
@FunctionalInterface
public interface CellSolver extends Serializable {

    /** The solve's JSON; an interrupt of the calling thread stops it with reason INTERRUPTED. */
    String solveJson(List<String> arguments);
}
