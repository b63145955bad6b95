package org.ufm.certificate;

import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.ufm.compute.Gemm;
import org.ufm.model.UfmModel;
import org.ufm.variant.SymmetryLayout;
import org.ufm.variant.Variant;
import org.ufm.variant.Variants;

/**
 * Distance of a point to the closed-form minimiser set (SPEC.md 3.5, 3.6; 3.2): stack the classifier
 * rows and feature columns as the (K+N) x d matrix Z = [w_1 ... w_K h_1 ... h_N]^T (every symmetry
 * rotates all of them at once, Z -> Z Q), align the minimiser Z* by orthogonal Procrustes,
 * Q = U V^T from the SVD Z*^T Z = U S V^T (the d x d product by one GEMM, its polar factor U V^T by
 * Newton-Schulz on GEMMs, {@link PolarFactor}, or by Hipparchus's SVD when that does not converge), and return
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
        int d = model.dim();
        double[] z = stack(model, x);
        double[] zs = stack(model, star);
        int rows = z.length / d;
        double d2;
        if (isZero(zs)) {
            // the minimiser W = H = 0 (CE above the threshold sqrt(K N lambda_W lambda_H) >= 1, e.g. K=1000, n=20,
            // d=512, all lambdas 5e-4): every rotation aligns it alike, ||Z - Z* Q||^2 = ||Z||^2, and the two GEMMs
            // of 11 GFLOP each would multiply by zeros
            d2 = squaredNorm(z);
        } else {
            // C = Z*^T Z (d x d) by one GEMM over the K + N rows, then its polar factor Q = U V^T
            double[] c = new double[d * d];
            Gemm.dgemm(false, true, d, d, rows, 1.0, zs, 0, d, z, 0, d, 0.0, c, 0, d);
            double[] qf = PolarFactor.of(c, d);
            if (qf == null) {
                qf = polarBySvd(c, d);
            }
            // the aligned rows Q^T z*_r (row r of Z* Q), subtracted from z_r in place: z <- z - Q^T Z*^T
            Gemm.dgemm(true, false, d, rows, d, -1.0, qf, 0, d, zs, 0, d, 1.0, z, 0, d);
            d2 = squaredNorm(z);
        }
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

    /** True when every entry of c is 0. */
    private static boolean isZero(double[] c) {
        for (double v : c) {
            if (v != 0.0) {
                return false;
            }
        }
        return true;
    }

    /** The sum of the squares of the entries of z. */
    private static double squaredNorm(double[] z) {
        double s = 0.0;
        for (double v : z) {
            s += v * v;
        }
        return s;
    }

    /** Q = U V^T from Hipparchus's SVD of the d x d column-major C (when Newton-Schulz does not converge). */
    private static double[] polarBySvd(double[] c, int d) {
        double[][] cm = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int l = 0; l < d; l++) {
                cm[i][l] = c[i + l * d];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(cm, false));
        RealMatrix q = svd.getU().multiply(svd.getVT());
        double[] qf = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int l = 0; l < d; l++) {
                qf[i + l * d] = q.getEntry(i, l);
            }
        }
        return qf;
    }

    /** The rows w_1..w_K, h_1..h_N of Z as the columns of a d x (K+N) column-major array (Z^T). */
    private static double[] stack(UfmModel model, double[] x) {
        double[][] w = model.classifierRows(x);
        int d = model.dim();
        double[] z = new double[(w.length + model.labels().samples()) * d];
        for (int r = 0; r < w.length; r++) {
            System.arraycopy(w[r], 0, z, r * d, d);
        }
        model.copyFeatureColumns(x, z, w.length * d);
        return z;
    }
}
