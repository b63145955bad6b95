package org.ufm.cli;

import org.ufm.model.UfmModel;

/**
 * Refuses a model whose manifold has dimension 0 (the sphere model with d = 1: every column is +-1, a point
 * of S^0), where a solve would report CONVERGED after 0 iterations at whatever sign pattern the seed drew
 * and a check would have no direction to check along.
 */
final class ZeroDimension {

    private ZeroDimension() {
    }

    /** Throws a {@link UsageException} when the model has no free direction. */
    static void refuse(ModelOptions mo, UfmModel model) {
        if (model.manifold().dimension() == 0) {
            throw new UsageException("the " + mo.model + " model with --dim " + mo.dim + " has no free direction "
                    + "(every column is a point of S^0, +-1): there is nothing to optimise; use --dim >= 2");
        }
    }
}
