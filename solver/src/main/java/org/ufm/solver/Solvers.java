package org.ufm.solver;

import java.util.Arrays;
import java.util.List;

/** The solvers by command-line name. */
public final class Solvers {

    private Solvers() {
    }

    /** Names accepted by {@link #create}. */
    public static List<String> names() {
        return Arrays.asList("gd", "armijo");
    }

    /**
     * The solver called {@code name}; {@code step} is the fixed step of "gd" (NaN: the caller's default).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Solver create(String name, double step) {
        switch (name) {
            case "gd":
                return GradientDescent.fixedStep(Double.isNaN(step) ? 1.0 : step);
            case "armijo":
                return GradientDescent.armijo();
            default:
                throw new IllegalArgumentException("unknown solver '" + name + "' (one of " + String.join(", ", names()) + ")");
        }
    }

    /** Work vectors of the problem's size a solver keeps, for the memory estimate. */
    public static int workVectors(String name) {
        return 8;
    }
}
