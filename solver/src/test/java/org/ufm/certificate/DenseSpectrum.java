package org.ufm.certificate;

import java.util.Collections;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;

/** The truth the certificate bounds are tested against: the dense Riemannian Hessian's smallest eigenvalue. */
final class DenseSpectrum {

    private DenseSpectrum() {
    }

    /** lambda_min of the Riemannian Hessian of {@code model} at {@code x}, from the dense matrix, nothing deflated. */
    static double smallestEigenvalue(UfmModel model, double[] x) {
        return HessianSpectrum.dense(new Problem(model.manifold(), model), x, Collections.emptyList())[0];
    }
}
