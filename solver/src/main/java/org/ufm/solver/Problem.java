package org.ufm.solver;

import org.ufm.manifold.Manifold;

/**
 * A Riemannian optimisation problem: minimise a smooth objective over a manifold. Turns the
 * objective's Euclidean derivatives into Riemannian ones through the manifold (projection and
 * Weingarten term), so a solver needs nothing but this class and {@link Manifold}.
 */
public final class Problem {

    private final Manifold manifold;
    private final Objective objective;
    private long evaluations;

    /** The problem min f(x) over x in M; f must be defined on M's ambient space. */
    public Problem(Manifold manifold, Objective objective) {
        if (manifold.ambientDimension() != objective.ambientDimension()) {
            throw new IllegalArgumentException("manifold and objective disagree on the ambient dimension: "
                    + manifold.ambientDimension() + " vs " + objective.ambientDimension());
        }
        this.manifold = manifold;
        this.objective = objective;
    }

    /** The manifold M. */
    public Manifold manifold() {
        return manifold;
    }

    /** The objective f. */
    public Objective objective() {
        return objective;
    }

    /** Length of the flat arrays. */
    public int size() {
        return manifold.ambientDimension();
    }

    /**
     * Objective evaluations (f alone, or f with its gradient) made through this problem since it was created:
     * the one place solvers' evaluations are counted.
     */
    public long evaluations() {
        return evaluations;
    }

    /** f(x). */
    public double cost(double[] x) {
        evaluations++;
        return objective.value(x);
    }

    /**
     * f(x), with the Riemannian gradient written into {@code rgrad}: the Euclidean gradient is formed
     * there and projected in place (no separate buffer, no copy), for solvers that never use it.
     */
    public double costAndGradient(double[] x, double[] rgrad) {
        return costAndGradient(x, rgrad, rgrad);
    }

    /** Returns f(x); overwrites egrad with the Euclidean gradient and rgrad with the Riemannian one. */
    public double costAndGradient(double[] x, double[] egrad, double[] rgrad) {
        evaluations++;
        double f = objective.valueAndGradient(x, egrad);
        manifold.egradToRgrad(x, egrad, rgrad);
        return f;
    }

    /**
     * Riemannian Hessian at x along the tangent vector xi, given the Euclidean gradient egrad at x;
     * {@code work} is scratch of length {@link #size()}.
     */
    public void hessian(double[] x, double[] egrad, double[] xi, double[] out, double[] work) {
        objective.hessianTimes(x, xi, work);
        manifold.ehessToRhess(x, egrad, work, xi, out);
    }

    /**
     * The Euclidean gradient at x that {@link #hessian(double[], double[], double[], double[], double[])} needs: it
     * enters only the Weingarten term, which vanishes on a flat space ({@link Manifold#transportIsIdentity}: one
     * tangent space for every x), so there it is zeros and f is not evaluated (three GEMMs at K=1000). Not counted
     * in {@link #evaluations()}, which counts the solvers' evaluations.
     */
    public double[] hessianGradient(double[] x) {
        double[] egrad = new double[size()];
        if (!manifold.transportIsIdentity()) {
            objective.valueAndGradient(x, egrad);
        }
        return egrad;
    }

    /** Riemannian Hessian at x along xi (computes the gradient it needs itself, {@link #hessianGradient}). */
    public void hessian(double[] x, double[] xi, double[] out) {
        hessian(x, hessianGradient(x), xi, out, new double[size()]);
    }
}
