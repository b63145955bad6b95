package org.ufm.certificate;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.ufm.manifold.Manifold;
import org.ufm.model.UfmModel;
import org.ufm.variant.SymmetryLayout;
import org.ufm.variant.Variant;
import org.ufm.variant.Variants;

/**
 * The tangent directions of the continuous symmetries of a UFM at a point (SPEC.md 3.5): the rotations
 * w_k -> Q w_k, h_j -> Q h_j of all classifier and feature vectors in R^d (W -> W Q, H -> Q^T H in Zhu's
 * layout; W -> Q W, H -> Q H on the sphere), whose tangent directions are v -> A v for the d(d-1)/2
 * skew generators A = e_p e_q^T - e_q e_p^T, and, with a bias, lambda_b = 0 and a shift-invariant loss (CE), the
 * shift b -> b + beta 1 (the variant's {@link SymmetryLayout} says which).
 * f is constant along these orbits, so at a critical point they are exact null vectors of the Hessian.
 */
public final class Symmetries {

    /** Relative size below which a rotation direction counts as zero (see {@link #basis}). */
    public static final double RANK_TOLERANCE = 1e-4;

    private Symmetries() {
    }

    /** Number of generators {@link #basis} would orthonormalise: d(d-1)/2 rotations (+1 for the bias shift). */
    public static long generatorCount(UfmModel model) {
        long d = model.dim();
        return d * (d - 1) / 2 + (biasShift(model) ? 1 : 0);
    }

    private static boolean biasShift(UfmModel model) {
        SymmetryLayout layout = layout(model);
        return layout != null && layout.biasShift();
    }

    /** The model's symmetry layout from its variant's description, or null. */
    private static SymmetryLayout layout(UfmModel model) {
        Variant v = Variants.of(model);
        return v == null ? null : v.symmetries(model);
    }

    /**
     * An orthonormal basis (Euclidean inner product, tangent at x) of the span of the symmetry directions at x;
     * generators that are (numerically) dependent on earlier ones are dropped (relative tolerance 1e-9). The
     * generators are taken in the principal axes v_p of the stacked vectors (right singular vectors of
     * Z = [w_1 .. w_K h_1 .. h_N]^T), and a rotation of two axes whose singular values are both
     * &lt;= {@value #RANK_TOLERANCE} sigma_max is left out: at an approximate optimum it moves the point only by its
     * solver-noise components outside span{w_k, h_j}, and deflating it would hide curvature, not a symmetry.
     * Empty for a model whose variant gives no {@link SymmetryLayout}.
     */
    public static List<double[]> basis(UfmModel model, double[] x) {
        List<double[]> out = new ArrayList<>();
        int d = model.dim();
        int size = model.ambientDimension();
        Manifold m = model.manifold();
        SymmetryLayout layout = layout(model);
        if (layout == null) {
            return out;
        }
        int[] base = layout.base();
        int[] stride = layout.stride();
        // rotations in the principal axes of the stacked vectors z_c (rows of Z, (K+N) x d): A = v_p v_q^T - v_q v_p^T
        // at least d rows (zero padding), so that the SVD yields all d right singular vectors
        double[][] z = new double[Math.max(base.length, d)][d];
        for (int c = 0; c < base.length; c++) {
            for (int p = 0; p < d; p++) {
                z[c][p] = x[base[c] + p * stride[c]];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(z, false));
        RealMatrix v = svd.getV();
        double[] sv = svd.getSingularValues();
        double[][] zv = new Array2DRowRealMatrix(z, false).multiply(v).getData();
        double smax = sv.length > 0 ? sv[0] : 0.0;
        for (int p = 0; p < d; p++) {
            for (int q = p + 1; q < d; q++) {
                boolean negligibleP = p >= sv.length || sv[p] <= RANK_TOLERANCE * smax;
                boolean negligibleQ = q >= sv.length || sv[q] <= RANK_TOLERANCE * smax;
                if (negligibleP && negligibleQ) {
                    continue;
                }
                double[] dir = new double[size];
                for (int c = 0; c < base.length; c++) {
                    double cq = zv[c][q];
                    double cp = zv[c][p];
                    for (int i = 0; i < d; i++) {
                        dir[base[c] + i * stride[c]] = v.getEntry(i, p) * cq - v.getEntry(i, q) * cp;
                    }
                }
                m.project(x, dir, dir);
                addOrthonormal(m, x, out, dir);
            }
        }
        if (layout.biasShift()) {
            double[] shift = new double[size];
            for (int i = 0; i < layout.shiftLength(); i++) {
                shift[layout.shiftOffset() + i] = 1.0;
            }
            addOrthonormal(m, x, out, shift, 0.0);
        }
        return out;
    }

    /** Gram-Schmidt (twice) of v against an orthonormal list; appends v normalised unless it is dependent. */
    static void addOrthonormal(Manifold m, double[] x, List<double[]> basis, double[] v) {
        addOrthonormal(m, x, basis, v, 0.0);
    }

    /** As above; v is also dropped when what is left of it has norm &lt;= {@code floor}. */
    static void addOrthonormal(Manifold m, double[] x, List<double[]> basis, double[] v, double floor) {
        double n0 = m.norm(x, v);
        if (n0 == 0.0) {
            return;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (double[] b : basis) {
                double c = m.inner(x, b, v);
                for (int i = 0; i < v.length; i++) {
                    v[i] -= c * b[i];
                }
            }
        }
        double n1 = m.norm(x, v);
        if (n1 > 1e-9 * n0 && n1 > floor) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= n1;
            }
            basis.add(v);
        }
    }

    /** Removes from v its components along an orthonormal list: v &lt;- (I - S S^T) v. */
    static void deflate(Manifold m, double[] x, List<double[]> basis, double[] v) {
        for (double[] b : basis) {
            double c = m.inner(x, b, v);
            for (int i = 0; i < v.length; i++) {
                v[i] -= c * b[i];
            }
        }
    }
}
