package org.ufm.certificate;

import java.util.Random;
import org.ufm.closedform.StrictSaddle;
import org.ufm.solver.Problem;

/**
 * Measuring a strict saddle ({@link org.ufm.closedform.StrictSaddles}) and leaving it: the measured curvature
 * along its direction, and the escape start a small step along that direction.
 */
public final class Saddles {

    private Saddles() {
    }

    /**
     * The escape start R_x(eps xi + eps 1e-3 zeta): a step eps along the negative-curvature direction xi plus a
     * random unit tangent zeta (seeded) a thousand times smaller. The small random part matters: the flow
     * started along xi alone stays in an invariant subspace (at the CE origin, W and H of rank one along a),
     * where it converges to another saddle instead of the global minimiser.
     */
    public static double[] escapeStart(Problem problem, StrictSaddle s, double eps, long seed) {
        int n = s.point().length;
        double[] zeta = new double[n];
        problem.manifold().randomTangent(s.point(), new Random(seed), zeta);
        double[] step = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = s.direction()[i] + 1e-3 * zeta[i];
        }
        double[] out = new double[n];
        problem.manifold().retract(s.point(), step, eps, out);
        return out;
    }

    /** The measured Rayleigh quotient &lt;xi, Hess xi&gt;/&lt;xi, xi&gt; of the problem at x along xi. */
    public static double rayleigh(Problem problem, double[] x, double[] xi) {
        double[] hx = new double[xi.length];
        problem.hessian(x, xi, hx);
        return problem.manifold().inner(x, xi, hx) / problem.manifold().inner(x, xi, xi);
    }
}
