package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * Limited-memory BFGS on a manifold embedded in R^n: the direction eta = -P_x(H_k grad f(x_k)) from the last m pairs
 * s_i = t eta_i, y_i = grad f(x_{i+1}) - grad f(x_i) (Riemannian gradients), P_x the projection onto the tangent
 * space at x, with the initial matrix H_0 = gamma_b I on each block b of variables the objective declares
 * ({@link Objective#blockStarts}: W and H for the sphere model, W with H and then b for the Euclidean ones), gamma_b = <s_b, y_b>/<y_b, y_b> of the newest pair on
 * that block (the whole pair's <s, y>/<y, y> where that is not positive; with one block, the usual
 * Oren-Luenberger scaling). On a Euclidean space this is ordinary L-BFGS.
 *
 * <p>Per-block scales because the UFM's blocks differ in curvature: on the sphere model the H block's gamma is
 * 10-60 times W's, and one scale for both took 83 iterations to a relative gap of 1e-10 at K=100, n=20, d=128
 * where per-block scales take 47 (SciPy L-BFGS-B on the normalised parametrisation: 47); at n=100, 151 against 48.
 * On the CE model a scale of its own for b saves iterations, one for W apart from H does not (measured in
 * {@code EuclideanUfm.blockStarts}; issue 16).
 *
 * <p>The pairs stay in R^n, not carried to each new tangent space: the direction is projected once instead
 * (Huang, Gallivan and Absil's Riemannian L-BFGS, in Manopt's form, transports every stored vector;
 * {@link #withTransportedMemory} does that, by the manifold's projection). Without the transports the direction
 * comes from the compact representation on every manifold, two passes over the memory instead of the transports'
 * pass and the two-loop recursion's 4m, and on the sphere model the iterations did not suffer: 45, 45, 48 to the
 * gap for seeds 1-3 at K=100, n=20, d=128 (transported: 47, 51, 50), 47 at n=100 (48); solves 0.86-1.18 s against
 * 1.14-1.26 s to the gap (issue 16). The direction is checked for descent after the projection, as below, so the
 * method stays a descent method on any manifold.
 *
 * <p>The step satisfies the strong Wolfe conditions from t = 1 ({@link WolfeLineSearch}: one evaluation of f and
 * its gradient when t = 1 is accepted); when that search fails (near the noise floor of f, or no step within its
 * budget) it is an Armijo backtracking with the gradient-norm fallback of {@link GradientDescent}
 * ({@link LineStep}). A pair is stored only when <s, y> > 1e-10 ||s|| ||y|| (the cautious update, which keeps H_k
 * positive definite where the curvature condition was not enforced); a direction that is not a descent direction
 * clears the memory and falls back to -grad f.
 *
 * <p>The vector work is memory-bound at small N (270k unknowns and 10 pairs are 43 MB of history), so it is
 * done in fused passes over the manifold's fixed pieces, in parallel on its threads: the compact representation
 * ({@link CompactLbfgs}: two passes, each reading every stored vector once) or, with a transported memory, the
 * two-loop recursion, every update of eta carrying the inner product the recursion needs next
 * ({@link LbfgsPasses}). The new pair comes with s.y, s.s and y.y in one pass.
 *
 * <p>The pairs are stored in double. Single precision (half the bytes streamed) was implemented and measured
 * slower on Java 17: 1.03-1.34 times the solver's own time per iteration at m = 10 on the K=100, n=20 and n=100
 * sizes, no faster to a certified optimum. HotSpot 17 does not vectorise float-to-double conversion, so the
 * passes become compute-bound before the halved traffic pays (commit 52ef82b, issue 16).
 */
public final class Lbfgs implements Solver {

    /**
     * Default memory: 5 pairs, not SciPy's 10. Each pair costs two streamed vectors per iteration (four with a
     * transported memory, as the sphere's was when this was measured), and here the iterations do not make up for
     * it: whole solves with
     * 5 and 10 pairs (issue 16, quiet machine) took 0.94-1.02 s against 1.24-1.26 s (CE K=100 n=20 d=128, 118 and
     * 117 iterations), 1.22-1.30 s against 1.55-1.80 s (sphere, 117 and 106), 6.1 s against 7.4 s (CE n=100, 149
     * and 131), 12.4 s against 21.7 s (sphere n=100, 210 and 214), and 30.7 s against 28.2 s at K=1000 n=20 d=512
     * (CE, 26 and 25, where one evaluation costs as much as the memory's passes). Fewer pairs, which would keep an
     * n=20 solve's vectors inside a 32 MB L3 (five pairs and the iterates are 32.4 MB there), bought nothing
     * consistent (solve seconds to the gap 1e-10, seeds 1-4, 2026-12-03): CE n=20 0.87-0.98 s with 3 pairs,
     * 0.87-0.94 with 4, 0.86-0.94 with 5; CE n=100 2.31-2.65, 2.48-2.78, 2.59-2.78; sphere n=20 0.62-0.71,
     * 0.63-0.71, 0.67-0.86; sphere n=100 2.07-2.48, 2.37-2.56, 2.18-2.85.
     */
    public static final int DEFAULT_MEMORY = 5;

    private final int memory;
    private final boolean transported;

    /** L-BFGS keeping the last {@code memory} >= 1 pairs in R^n (see the class comment). */
    public Lbfgs(int memory) {
        this(memory, false);
    }

    private Lbfgs(int memory, boolean transported) {
        if (memory < 1) {
            throw new IllegalArgumentException("the L-BFGS memory must be >= 1, got " + memory);
        }
        this.memory = memory;
        this.transported = transported;
    }

    /**
     * Huang, Gallivan and Absil's Riemannian L-BFGS as Manopt has it: every stored pair, the last direction and the
     * last gradient are carried to the new tangent space by the manifold's transport (projection) each iteration,
     * and the direction comes from the two-loop recursion. The same as {@link #Lbfgs(int)} on a flat space.
     */
    public static Lbfgs withTransportedMemory(int memory) {
        return new Lbfgs(memory, true);
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    /** Work vectors of the problem's size kept for a memory of m pairs. */
    public static int workVectors(int m) {
        return 2 * m + 9;
    }

    @Override
    public Result minimize(Problem problem, double[] x0, StoppingCriterion stop, Trace trace) {
        Manifold m = problem.manifold();
        int n = problem.size();
        Iterates it = new Iterates(problem, x0);
        double[] eta = new double[n];
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        VariableBlocks blocks = VariableBlocks.of(problem);
        // gamma[slot][b] = s_b.y_b / y_b.y_b of the pair in slot, the initial Hessian's scale on block b
        double[][] gamma = new double[memory][blocks.count()];
        double[] minusGamma = new double[blocks.count()];
        double[] alpha = new double[memory];
        double[][] carried = new double[2 * memory + 2][];
        int stored = 0;
        int newest = -1;
        boolean tangentOnly = !m.transportIsIdentity();
        // the compact form needs stored vectors that do not change: no transports
        boolean fixedMemory = !tangentOnly || !transported;
        LbfgsPasses passes = new LbfgsPasses(m.entryPieces(), blocks);
        CompactLbfgs compact = fixedMemory ? new CompactLbfgs(memory, m.entryPieces(), blocks) : null;
        WolfeLineSearch wolfe = new WolfeLineSearch();
        LineStep line = new LineStep();
        StopReason reason;
        while ((reason = it.record(trace, stop)) == null) {
            double[] x = it.x;
            double[] rgrad = it.rgrad;
            double[] next = it.next;
            double[] nextRgrad = it.nextRgrad;
            double gn = it.gn;
            // eta = -H_k grad f(x_k): scaled steepest descent while the memory is empty
            double slope;
            if (stored == 0) {
                slope = scaledSteepest(passes, rgrad, gn, eta);
            } else if (fixedMemory) {
                slope = compact.direction(stored, newest, s, y, gamma[newest], rgrad, eta);
            } else {
                for (int b = 0; b < minusGamma.length; b++) {
                    minusGamma[b] = -gamma[newest][b];
                }
                slope = twoLoop(passes, memory, stored, newest, s, y, rho, minusGamma, alpha, rgrad, eta);
            }
            if (tangentOnly) {
                m.project(x, eta, eta);
                slope = m.inner(x, rgrad, eta);
            }
            if (!(slope < 0)) {
                stored = 0;
                scaledSteepest(passes, rgrad, gn, eta);
                slope = m.inner(x, rgrad, eta);
            }
            double t;
            double cost;
            double newGn;
            if (wolfe.search(problem, x, it.f, eta, slope, 1.0, next, nextRgrad)) {
                it.evals += wolfe.evaluations;
                t = wolfe.t;
                cost = wolfe.cost;
                newGn = wolfe.gradNorm;
            } else if (wolfe.notFinite) {
                it.evals += wolfe.evaluations;
                reason = StopReason.NOT_FINITE;
                break;
            } else {
                it.evals += wolfe.evaluations;
                boolean ok = line.take(problem, x, it.f, gn, eta, slope, 1.0, next, nextRgrad);
                it.evals += line.evaluations;
                if (!ok && stored > 0) {
                    // the quasi-Newton direction failed: forget the memory and try steepest descent
                    stored = 0;
                    scaledSteepest(passes, rgrad, gn, eta);
                    slope = m.inner(x, rgrad, eta);
                    ok = line.take(problem, x, it.f, gn, eta, slope, 1.0, next, nextRgrad);
                    it.evals += line.evaluations;
                }
                if (!ok) {
                    reason = Double.isFinite(line.gradNorm) || line.t == 0.0 ? StopReason.STEP_TOO_SMALL : StopReason.NOT_FINITE;
                    break;
                }
                t = line.t;
                cost = line.cost;
                newGn = line.gradNorm;
            }
            reason = it.accept(cost, newGn, t * m.norm(x, eta));
            if (reason != null) {
                break;
            }
            // x, rgrad and eta still belong to the previous iterate; next is now it.x.
            // The new pair goes to the slot after the newest: the oldest pair's slot once the memory is full.
            int slot = (newest + 1) % memory;
            if (!fixedMemory) {
                // carry the memory to the new point (not the oldest pair when its slot is about to be reused), and
                // eta and the old gradient with it (neither is read again), in one call; then form the new pair
                // there: s = T(t eta) = t T(eta), y = grad f(next) - T(grad f(x))
                int keep = stored == memory ? memory - 1 : stored;
                for (int c = 0; c < keep; c++) {
                    int i = Math.floorMod(newest - c, memory);
                    carried[2 * c] = s[i];
                    carried[2 * c + 1] = y[i];
                }
                carried[2 * keep] = eta;
                carried[2 * keep + 1] = rgrad;
                m.transportAll(x, next, carried, 2 * keep + 2);
            }
            double[] sums = passes.pair(t, eta, s[slot], nextRgrad, rgrad, y[slot]);
            double sy = sums[0];
            if (sy > 1e-10 * Math.sqrt(sums[1] * sums[2]) && sy > 0) {
                rho[slot] = 1.0 / sy;
                double[] blockYy = new double[blocks.count()];
                for (int b = 0; b < blocks.count(); b++) {
                    double syB = sums[3 + 2 * b];
                    blockYy[b] = sums[4 + 2 * b];
                    // a block whose own curvature is not positive takes the scale of the whole pair
                    gamma[slot][b] = syB > 0 && blockYy[b] > 0 ? syB / blockYy[b] : sy / sums[2];
                }
                newest = slot;
                stored = Math.min(stored + 1, memory);
                if (fixedMemory) {
                    compact.added(slot, sy, blockYy);
                }
            } else if (stored == memory) {
                // the rejected pair overwrote the oldest one (and, with a transported memory, it was not transported)
                stored--;
            }
        }
        return it.finish(name(), reason, trace);
    }

    /**
     * The two-loop recursion over the {@code stored} >= 1 newest pairs of a ring of {@code memory} slots (pair i in
     * s[i], y[i] with rho[i] = 1 / s_i.y_i), each update of eta fused with the next inner product: eta = -H g with
     * H_0 = gamma_b I on block b, given as {@code minusGamma[b]} = -gamma_b; alpha is scratch. Returns g . eta (the
     * slope along eta on a flat space; elsewhere the caller projects eta and takes the slope again).
     */
    static double twoLoop(LbfgsPasses passes, int memory, int stored, int newest, double[][] s, double[][] y, double[] rho,
            double[] minusGamma, double[] alpha, double[] g, double[] eta) {
        int first = newest;
        alpha[first] = rho[first] * passes.scaledCopyDot(1.0, g, eta, s[first]);
        int prev = first;
        for (int c = 1; c < stored; c++) {
            int i = Math.floorMod(newest - c, memory);
            alpha[i] = rho[i] * passes.axpyDot(-alpha[prev], y[prev], 1.0, eta, s[i]);
            prev = i;
        }
        // prev is the oldest pair: finish the first loop with it, apply -H_0, start the second loop with it
        double beta = rho[prev] * passes.axpyDot(-alpha[prev], y[prev], minusGamma, eta, y[prev]);
        for (int c = stored - 1; c >= 1; c--) {
            int i = Math.floorMod(newest - c, memory);
            int nextPair = Math.floorMod(newest - c + 1, memory);
            double b = passes.axpyDot(-alpha[i] - beta, s[i], 1.0, eta, y[nextPair]);
            beta = rho[nextPair] * b;
        }
        return passes.axpyDot(-alpha[first] - beta, s[first], 1.0, eta, g);
    }

    /**
     * eta = -g min(1, 1/||g||), the steepest-descent direction cut to length at most 1, in one fused pass that
     * also returns g . eta (the slope on a flat space; elsewhere the caller takes the manifold's inner product).
     */
    private static double scaledSteepest(LbfgsPasses passes, double[] g, double gn, double[] eta) {
        return passes.scaledCopyDot(-Math.min(1.0 / Math.max(gn, Double.MIN_NORMAL), 1.0), g, eta, g);
    }
}
