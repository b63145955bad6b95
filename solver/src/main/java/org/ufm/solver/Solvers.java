package org.ufm.solver;

import java.util.Arrays;
import java.util.List;

/** The solvers by command-line name. */
public final class Solvers {

    private Solvers() {
    }

    /** Names accepted by {@link #create}. */
    public static List<String> names() {
        return Arrays.asList("gd", "armijo", "bb", "cg", "lbfgs", "tr");
    }

    /**
     * The solver called {@code name}; {@code step} is the fixed step of "gd" (NaN: the caller's default).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Solver create(String name, double step) {
        return create(name, step, "prp+", Lbfgs.DEFAULT_MEMORY);
    }

    /**
     * The solver called {@code name} with its options: the fixed step of "gd", the beta rule of "cg"
     * (fr, prp+, hs) and the memory of "lbfgs".
     *
     * @throws IllegalArgumentException for an unknown name or a bad option
     */
    public static Solver create(String name, double step, String cgRule, int memory) {
        switch (name) {
            case "gd":
                return GradientDescent.fixedStep(Double.isNaN(step) ? 1.0 : step);
            case "armijo":
                return GradientDescent.armijo();
            case "bb":
                return new BarzilaiBorwein();
            case "cg":
                return new ConjugateGradient(ConjugateGradient.Rule.parse(cgRule));
            case "lbfgs":
                return new Lbfgs(memory);
            case "tr":
                return new TrustRegions();
            default:
                throw new IllegalArgumentException("unknown solver '" + name + "' (one of " + String.join(", ", names()) + ")");
        }
    }

    /** Work vectors of the problem's size a solver keeps, for the memory estimate. */
    public static int workVectors(String name) {
        return workVectors(name, Lbfgs.DEFAULT_MEMORY);
    }

    /** Work vectors of the problem's size a solver keeps, for the memory estimate; {@code memory} for lbfgs. */
    public static int workVectors(String name, int memory) {
        switch (name) {
            case "bb":
                return BarzilaiBorwein.workVectors();
            case "cg":
                return ConjugateGradient.workVectors();
            case "lbfgs":
                return Lbfgs.workVectors(memory);
            case "tr":
                return TrustRegions.workVectors();
            default:
                return 8;
        }
    }
}
