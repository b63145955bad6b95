package org.ufm.solver;

/** A smooth function f on R^n (the ambient space of a manifold) with its Euclidean derivatives. */
public interface Objective {

    /** n, the length of the flat point array. */
    int ambientDimension();

    /** f(x). */
    double value(double[] x);

    /** Returns f(x) and overwrites {@code grad} with the Euclidean gradient of f at x. */
    double valueAndGradient(double[] x, double[] grad);

    /** Overwrites {@code out} with the Euclidean Hessian of f at x times v. */
    void hessianTimes(double[] x, double[] v, double[] out);

    /**
     * Where the objective's blocks of variables start in the flat array (first 0, ascending, each below n): groups
     * whose curvatures differ enough that a solver should scale each on its own ({@link Lbfgs}'s initial Hessian),
     * such as the sphere model's W and H. One block by default.
     */
    default int[] blockStarts() {
        return new int[] {0};
    }
}
