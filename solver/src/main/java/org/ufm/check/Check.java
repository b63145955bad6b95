package org.ufm.check;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.ufm.manifold.Manifold;
import org.ufm.solver.Problem;

/** The checks by name, and a runner that draws the random unit tangent directions they use. */
public enum Check {
    /** {@link DerivativeCheck#gradient}. */
    GRADIENT,
    /** {@link DerivativeCheck#hessian}. */
    HESSIAN,
    /** {@link RetractionCheck#secondOrder}. */
    RETRACTION;

    /** Lower-case command-line name. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The check named {@code s} ("gradient", "hessian", "retraction"), or all three for "all". */
    public static Set<Check> parse(String s) {
        if ("all".equals(s)) {
            return EnumSet.allOf(Check.class);
        }
        for (Check c : values()) {
            if (c.cliName().equals(s)) {
                return EnumSet.of(c);
            }
        }
        throw new IllegalArgumentException("unknown check '" + s + "' (one of gradient, hessian, retraction, all)");
    }

    /**
     * Runs the selected checks at the point x of the problem's manifold, in enum order, along one random
     * unit tangent v (the Hessian's symmetry uses a second one, u), both drawn from {@code random}.
     */
    public static List<CheckResult> run(Problem p, double[] x, Random random, Set<Check> which) {
        Manifold m = p.manifold();
        if (m.dimension() == 0) {
            throw new IllegalArgumentException(m + " has dimension 0: there is no tangent direction to check along");
        }
        String bad = notFinite(p, x);
        if (bad != null) {
            throw new IllegalArgumentException("the point is not finite (" + bad + "): a check there says nothing about the model");
        }
        double[] v = new double[p.size()];
        double[] u = new double[p.size()];
        m.randomTangent(x, random, v);
        m.randomTangent(x, random, u);
        List<CheckResult> out = new ArrayList<>();
        for (Check c : which) {
            switch (c) {
                case GRADIENT:
                    out.add(DerivativeCheck.gradient(p, x, v));
                    break;
                case HESSIAN:
                    out.add(DerivativeCheck.hessian(p, x, v, u));
                    break;
                default:
                    out.add(RetractionCheck.secondOrder(m, x, v));
            }
        }
        return out;
    }

    /**
     * Null when x, f(x) and the Riemannian gradient at x are all finite; else which is not ("f = NaN",
     * "an entry of x is Infinity", ...): a Taylor check at such a point would blame the model for an overflow.
     */
    public static String notFinite(Problem p, double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return "an entry of x is " + v;
            }
        }
        double[] g = new double[p.size()];
        double f = p.costAndGradient(x, g);
        if (!Double.isFinite(f)) {
            return "f = " + f;
        }
        for (double v : g) {
            if (!Double.isFinite(v)) {
                return "f = " + f + " but the gradient has an entry " + v;
            }
        }
        return null;
    }

    /** Runs the selected checks at a random point of the manifold (entries of size {@code scale} where it applies). */
    public static List<CheckResult> runAtRandomPoint(Problem p, Random random, double scale, Set<Check> which) {
        double[] x = new double[p.size()];
        p.manifold().randomPoint(random, scale, x);
        return run(p, x, random, which);
    }

    /** True when every result passed or was skipped. */
    public static boolean allOk(List<CheckResult> results) {
        return results.stream().allMatch(CheckResult::ok);
    }
}
