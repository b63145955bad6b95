package org.ufm.verification;

import org.ufm.compute.Chunks;
import org.ufm.manifold.Manifold;
import org.ufm.model.ColumnLoss;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/**
 * Builds the models (and manifolds) a property checks. {@link #REAL} builds the solver's own classes; the
 * mutants in {@link Mutants} build deliberately broken ones, so that each property can be shown to fail
 * on some broken model. The closed forms and layouts a check compares against always come from the real
 * classes, never from the model under test.
 */
interface ModelFactory {

    /** Short name for reports. */
    String name();

    /** A Euclidean UFM (Zhu's CE model with {@code CrossEntropyLoss}, the MSE model with {@code SquaredLoss}). */
    UfmModel euclidean(String name, Labels labels, int d, double lw, double lh, double lb, boolean bias,
                       ColumnLoss loss, Chunks chunks);

    /** The normalised-feature (sphere) UFM. */
    UfmModel sphere(Labels labels, int d, double tau, Chunks chunks);

    /** The manifold under test in the manifold properties (the identity for real models). */
    default Manifold manifold(Manifold m) {
        return m;
    }

    /** The solver's own models. */
    ModelFactory REAL = new ModelFactory() {
        @Override
        public String name() {
            return "real";
        }

        @Override
        public UfmModel euclidean(String name, Labels labels, int d, double lw, double lh, double lb, boolean bias,
                                  ColumnLoss loss, Chunks chunks) {
            return new EuclideanUfm(name, labels, d, lw, lh, lb, bias, loss, chunks);
        }

        @Override
        public UfmModel sphere(Labels labels, int d, double tau, Chunks chunks) {
            return new SphereUfm(labels, d, tau, chunks);
        }
    };
}
