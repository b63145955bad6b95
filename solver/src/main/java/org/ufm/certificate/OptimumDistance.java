package org.ufm.certificate;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.ufm.compute.Dot;
import org.ufm.compute.Gemm;
import org.ufm.model.UfmModel;
import org.ufm.variant.SymmetryLayout;
import org.ufm.variant.Variant;
import org.ufm.variant.Variants;

/**
 * Distance of a point to the closed-form minimiser set (SPEC.md 3.5, 3.6; 3.2): stack the classifier
 * rows and feature columns as the (K+N) x d matrix Z = [w_1 ... w_K h_1 ... h_N]^T (every symmetry
 * rotates all of them at once, Z -> Z Q), align the minimiser Z* by orthogonal Procrustes and return
 * sqrt(min_Q ||Z - Z* Q||_F^2 + ||b - b*||^2), b* the minimiser's bias, shifted by the mean of b - b* where the
 * variant has the bias-shift symmetry (lambda_b = 0). The minimiser comes from the model's variant description,
 * unrotated: Z* = [A 0] is supported on r coordinates (r = K - 1 for the simplex ETF), so Z* Q = A V with V the r
 * rows of Q on the support, any r x d matrix with orthonormal rows, and the best V is the polar factor of the
 * r x d product A^T Z (one GEMM over the K + N rows; Newton-Schulz on GEMMs, {@link PolarFactor}, or Hipparchus's SVD
 * when that does not converge). Near a minimiser A^T Z is about A^T A V, as well conditioned as the ETF, so the
 * iteration takes about 10 steps; a d x d Procrustes of a rotated Z* would carry d - r singular values at rounding
 * level. A class permutation needs no separate search: it maps the simplex ETF to itself up to a rotation of
 * R^d (P M_K = M_K P), so the Procrustes step already absorbs it.
 */
public final class OptimumDistance {

    private OptimumDistance() {
    }

    /** The distance, or null where no closed-form minimiser applies or x (or the distance) is not finite. */
    public static Double of(UfmModel model, double[] x) {
        if (!Dot.allFinite(x, 0, x.length)) {
            return null;
        }
        Variant v = Variants.of(model);
        double[] star = v == null ? null : v.minimiser(model, null);
        if (star == null) {
            return null;
        }
        int d = model.dim();
        double d2;
        if (squaredNorm(model.classifierRows(star)) == 0.0 && model.featureSquaredNorm(star) == 0.0) {
            // the minimiser W = H = 0 (CE above the threshold sqrt(K N lambda_W lambda_H) >= 1, e.g. K=1000, n=20,
            // d=512, all lambdas 5e-4): every rotation aligns it alike, ||Z - Z* Q||^2 = ||W||^2 + ||H||^2, read in
            // place (stacking Z there wrote 86 MB of new pages, 0.1-0.5 s)
            d2 = squaredNorm(model.classifierRows(x)) + model.featureSquaredNorm(x);
        } else {
            d2 = alignedSquaredDistance(stack(model, x), stack(model, star), d);
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

    /**
     * min_Q ||Z - Z* Q||_F^2 over orthogonal Q for Z and Z* given as d x m column-major arrays of their rows (Z^T,
     * Z*^T, m = K + N; z is overwritten), Z* not zero. A^T (r x m) are Z*^T's rows on its support of r coordinates,
     * C = A^T Z (r x d), V its polar factor, and the aligned rows V^T a_row are subtracted from z in place. A support
     * of consecutive coordinates (the closed forms' own) is read in place from zs, leading dimension d; any other is
     * gathered first.
     */
    static double alignedSquaredDistance(double[] z, double[] zs, int d) {
        int rows = z.length / d;
        int[] support = support(zs, d);
        int r = support.length;
        double[] a = zs;
        int aOff = support[0];
        int lda = d;
        if (support[r - 1] - support[0] != r - 1) {
            a = new double[r * rows];
            aOff = 0;
            lda = r;
            for (int row = 0; row < rows; row++) {
                for (int i = 0; i < r; i++) {
                    a[i + row * r] = zs[support[i] + row * d];
                }
            }
        }
        double[] c = new double[r * d];
        Gemm.dgemm(false, true, r, d, rows, 1.0, a, aOff, lda, z, 0, d, 0.0, c, 0, r);
        double[] qf = PolarFactor.of(c, r, d);
        if (qf == null) {
            qf = polarBySvd(c, r, d);
        }
        Gemm.dgemm(true, false, d, rows, r, -1.0, qf, 0, r, a, aOff, lda, 1.0, z, 0, d);
        return squaredNorm(z);
    }

    /**
     * The coordinates (0..d-1) in which some column of the d x m column-major zs is not 0, in order. Each column is
     * read only at the coordinates not yet seen nonzero: after the first columns, the d - r outside the support.
     */
    private static int[] support(double[] zs, int d) {
        boolean[] used = new boolean[d];
        int[] open = new int[d];
        for (int j = 0; j < d; j++) {
            open[j] = j;
        }
        int left = d;
        for (int off = 0; off < zs.length && left > 0; off += d) {
            int still = 0;
            for (int u = 0; u < left; u++) {
                int j = open[u];
                if (zs[off + j] != 0.0) {
                    used[j] = true;
                } else {
                    open[still++] = j;
                }
            }
            left = still;
        }
        int[] support = new int[d - left]; // every coordinate not left open was seen nonzero
        for (int j = 0, s = 0; j < d; j++) {
            if (used[j]) {
                support[s++] = j;
            }
        }
        return support;
    }

    /** The sum of the squares of the entries of the rows. */
    private static double squaredNorm(double[][] rows) {
        double s = 0.0;
        for (double[] r : rows) {
            s += squaredNorm(r);
        }
        return s;
    }

    /** The sum of the squares of the entries of z ({@link Dot#squaredNorm}). */
    private static double squaredNorm(double[] z) {
        return Dot.squaredNorm(z, 0, z.length);
    }

    /** U V^T from Hipparchus's SVD of the r x d column-major C (when Newton-Schulz does not converge), r x d. */
    private static double[] polarBySvd(double[] c, int r, int d) {
        double[][] cm = new double[r][d];
        for (int i = 0; i < r; i++) {
            for (int l = 0; l < d; l++) {
                cm[i][l] = c[i + l * r];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(cm, false));
        RealMatrix q = svd.getU().multiply(svd.getVT());
        double[] qf = new double[r * d];
        for (int i = 0; i < r; i++) {
            for (int l = 0; l < d; l++) {
                qf[i + l * r] = q.getEntry(i, l);
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
