package org.ufm.certificate;

import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.ufm.model.UfmModel;
import org.ufm.variant.SymmetryLayout;
import org.ufm.variant.Variant;
import org.ufm.variant.Variants;

/**
 * Distance of a point to the closed-form minimiser set (SPEC.md 3.5, 3.6; 3.2): stack the classifier
 * rows and feature columns as the (K+N) x d matrix Z = [w_1 ... w_K h_1 ... h_N]^T (every symmetry
 * rotates all of them at once, Z -> Z Q), align the minimiser Z* by orthogonal Procrustes,
 * Q = U V^T from the SVD Z*^T Z = U S V^T (Hipparchus), and return
 * sqrt(||Z - Z* Q||_F^2 + ||b - b*||^2), b* the minimiser's bias, shifted by the mean of b - b* where the
 * variant has the bias-shift symmetry (lambda_b = 0). The minimiser comes from the model's variant description.
 * A class permutation needs no separate search: it maps the simplex ETF to itself up to a rotation of
 * R^d (P M_K = M_K P), so the Procrustes step already absorbs it.
 */
public final class OptimumDistance {

    private OptimumDistance() {
    }

    /** The distance, or null where no closed-form minimiser applies or x (or the distance) is not finite. */
    public static Double of(UfmModel model, double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        Variant v = Variants.of(model);
        double[] star = v == null ? null : v.minimiser(model, new Random(0));
        if (star == null) {
            return null;
        }
        RealMatrix z = stack(model, x);
        RealMatrix zs = stack(model, star);
        SingularValueDecomposition svd = new SingularValueDecomposition(zs.transpose().multiply(z));
        RealMatrix q = svd.getU().multiply(svd.getVT());
        RealMatrix diff = z.subtract(zs.multiply(q));
        double f = diff.getFrobeniusNorm();
        double d2 = f * f;
        double[] b = model.bias(x);
        if (b != null) {
            double[] bs = model.bias(star);
            SymmetryLayout layout = v.symmetries(model);
            boolean shift = layout != null && layout.biasShift();
            double mean = 0.0;
            for (int i = 0; i < b.length; i++) {
                mean += (b[i] - bs[i]) / b.length;
            }
            for (int i = 0; i < b.length; i++) {
                double r = (b[i] - bs[i]) - (shift ? mean : 0.0);
                d2 += r * r;
            }
        }
        double dist = Math.sqrt(d2);
        return Double.isFinite(dist) ? dist : null;
    }

    private static RealMatrix stack(UfmModel model, double[] x) {
        double[][] w = model.classifierRows(x);
        double[][] h = model.featureColumns(x);
        double[][] z = new double[w.length + h.length][];
        System.arraycopy(w, 0, z, 0, w.length);
        System.arraycopy(h, 0, z, w.length, h.length);
        return new Array2DRowRealMatrix(z, false);
    }
}
