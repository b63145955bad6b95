package org.ufm.metric;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ufm.linalg.SymmetricEigen;

/**
 * Neural-collapse metrics of classifier rows W (K x d), features H (N columns in R^d) and labels y
 * (SPEC.md 5), each under an explicit variant name. The four headline metrics are
 * nc1 = nc1_pinv_over_K = Tr(Sigma_W Sigma_B^+)/K (mu_G the sample mean, Sigma_B^+ dropping eigenvalues
 * below 1e-12 of the largest); nc2 = nc2_etf_W = ||WW^T/||WW^T||_F - P_K/sqrt(K-1)||_F;
 * nc3 = nc3_papyan = ||W^T/||W||_F - M/||M||_F||_F (unsquared, centred means M);
 * nc4 = nc4_ncc_mismatch = fraction of samples whose argmax_k (W h + b)_k differs from the nearest
 * class mean. A metric whose definition divides by zero (Sigma_B = 0, W = 0) is NaN, never 0.
 */
public final class NeuralCollapseMetrics {

    private final Map<String, Double> values = new LinkedHashMap<>();

    private NeuralCollapseMetrics() {
    }

    /** Name of the variant reported as nc1. */
    public static final String NC1 = "nc1_pinv_over_K";
    /** Name of the variant reported as nc2. */
    public static final String NC2 = "nc2_etf_W";
    /** Name of the variant reported as nc3. */
    public static final String NC3 = "nc3_papyan";
    /** Name of the variant reported as nc4. */
    public static final String NC4 = "nc4_ncc_mismatch";

    /** Below this Frobenius norm of both W and H the point counts as the origin (see {@link #undefinedAt}). */
    public static final double ORIGIN_NORM = 1e-6;

    /**
     * True when W and H are both numerically zero (Frobenius norms below {@value #ORIGIN_NORM}), as at the
     * minimiser above the threshold sqrt(lambda_W lambda_H) >= 1/(K sqrt n): every metric is then a ratio of
     * rounding noise and must be reported as undefined, not as collapse or its absence (SPEC.md 7.4).
     */
    public static boolean undefinedAt(double[][] w, double[][] h) {
        return frobenius(w) < ORIGIN_NORM && frobenius(h) < ORIGIN_NORM;
    }

    /** True when every entry of W, H and b (null: no bias) is finite. */
    public static boolean finite(double[][] w, double[][] h, double[] b) {
        for (double[][] m : new double[][][] {w, h}) {
            for (double[] row : m) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        return false;
                    }
                }
            }
        }
        if (b != null) {
            for (double v : b) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The metrics at (W, H, b), or null where they are undefined: at a point with a non-finite entry, at
     * one where computing them overflows (any of NC1-NC4 not finite: at entries of 1e300, NC3 and NC4 came
     * out 0, "perfect collapse", beside NaN NC1 and NC2), or where W and H are both numerically zero
     * ({@link #undefinedAt}).
     */
    public static NeuralCollapseMetrics at(double[][] w, double[][] h, int[] y, double[] b) {
        if (!finite(w, h, b) || undefinedAt(w, h)) {
            return null;
        }
        NeuralCollapseMetrics nc = compute(w, h, y, b);
        boolean ok = Double.isFinite(nc.nc1()) && Double.isFinite(nc.nc2()) && Double.isFinite(nc.nc3())
                && Double.isFinite(nc.nc4());
        return ok ? nc : null;
    }

    /** nc1_pinv_over_K. */
    public double nc1() {
        return values.get(NC1);
    }

    /** nc2_etf_W. */
    public double nc2() {
        return values.get(NC2);
    }

    /** nc3_papyan. */
    public double nc3() {
        return values.get(NC3);
    }

    /** nc4_ncc_mismatch. */
    public double nc4() {
        return values.get(NC4);
    }

    /** Every variant by name, in a fixed order. */
    public Map<String, Double> all() {
        return new LinkedHashMap<>(values);
    }

    /**
     * Computes every metric.
     *
     * @param w classifier rows w_k (K x d)
     * @param h feature columns h_j (N x d)
     * @param y labels in 0..K-1 (length N; every class present)
     * @param b bias (length K) or null
     */
    public static NeuralCollapseMetrics compute(double[][] w, double[][] h, int[] y, double[] b) {
        int k = w.length;
        int d = w[0].length;
        int n = h.length;
        double[][] mu = new double[k][d];
        int[] count = new int[k];
        double[] muG = new double[d];
        for (int j = 0; j < n; j++) {
            count[y[j]]++;
            for (int i = 0; i < d; i++) {
                mu[y[j]][i] += h[j][i];
                muG[i] += h[j][i];
            }
        }
        for (int i = 0; i < d; i++) {
            muG[i] /= n;
        }
        double[][] centred = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                mu[c][i] /= count[c];
                centred[c][i] = mu[c][i] - muG[i];
            }
        }
        NeuralCollapseMetrics m = new NeuralCollapseMetrics();
        m.values.put(NC1, nc1(centred, mu, h, y));
        m.values.put(NC2, etfDistance(gram(w)));
        m.values.put(NC3, papyanSelfDuality(w, centred));
        m.values.put(NC4, nccMismatch(w, b, mu, h));
        m.values.put("nc1_trace_quotient", traceQuotient(centred, mu, h, y));
        m.values.put("nc2_etf_means", etfDistance(gram(centred)));
        m.values.put("nc2_equinorm_W", equinorm(w));
        m.values.put("nc2_equinorm_means", equinorm(centred));
        m.values.put("nc2_equiangular_means", maxAngle(centred));
        m.values.put("nc3_zhu_product", zhuProduct(w, centred));
        return m;
    }

    private static double[][] gram(double[][] rows) {
        int k = rows.length;
        double[][] g = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int c = 0; c <= a; c++) {
                double s = dot(rows[a], rows[c]);
                g[a][c] = s;
                g[c][a] = s;
            }
        }
        return g;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** ||G/||G||_F - P_K/sqrt(K-1)||_F for a K x K Gram matrix G (NaN if G = 0). */
    static double etfDistance(double[][] g) {
        int k = g.length;
        double norm = 0.0;
        for (double[] row : g) {
            for (double v : row) {
                norm += v * v;
            }
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0)) {
            return Double.NaN;
        }
        double s = 0.0;
        double c = 1.0 / Math.sqrt(k - 1.0);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double target = c * ((a == b ? 1.0 : 0.0) - 1.0 / k);
                double r = g[a][b] / norm - target;
                s += r * r;
            }
        }
        return Math.sqrt(s);
    }

    private static double nc1(double[][] centred, double[][] mu, double[][] h, int[] y) {
        int k = centred.length;
        int d = centred[0].length;
        double[][] sb = new double[d][d];
        for (double[] m : centred) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    sb[i][j] += m[i] * m[j] / k;
                }
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(sb);
        double[] ev = eig.values();
        double max = 0.0;
        for (double v : ev) {
            max = Math.max(max, v);
        }
        if (!(max > 0)) {
            return Double.NaN;
        }
        double total = 0.0;
        for (int e = 0; e < ev.length; e++) {
            if (ev[e] <= 1e-12 * max) {
                continue;
            }
            double[] u = eig.vector(e);
            double q = 0.0;
            for (int j = 0; j < h.length; j++) {
                double p = 0.0;
                for (int i = 0; i < d; i++) {
                    p += u[i] * (h[j][i] - mu[y[j]][i]);
                }
                q += p * p;
            }
            total += q / h.length / ev[e];
        }
        return total / k;
    }

    private static double traceQuotient(double[][] centred, double[][] mu, double[][] h, int[] y) {
        double tb = 0.0;
        for (double[] m : centred) {
            tb += dot(m, m);
        }
        tb /= centred.length;
        double tw = 0.0;
        for (int j = 0; j < h.length; j++) {
            for (int i = 0; i < h[j].length; i++) {
                double r = h[j][i] - mu[y[j]][i];
                tw += r * r;
            }
        }
        tw /= h.length;
        return tb > 0 ? tw / tb : Double.NaN;
    }

    private static double frobenius(double[][] a) {
        double s = 0.0;
        for (double[] r : a) {
            s += dot(r, r);
        }
        return Math.sqrt(s);
    }

    private static double papyanSelfDuality(double[][] w, double[][] centred) {
        double nw = frobenius(w);
        double nm = frobenius(centred);
        if (!(nw > 0) || !(nm > 0)) {
            return Double.NaN;
        }
        double s = 0.0;
        for (int c = 0; c < w.length; c++) {
            for (int i = 0; i < w[c].length; i++) {
                double r = w[c][i] / nw - centred[c][i] / nm;
                s += r * r;
            }
        }
        return Math.sqrt(s);
    }

    private static double zhuProduct(double[][] w, double[][] centred) {
        int k = w.length;
        double[][] p = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
                p[a][c] = dot(w[a], centred[c]);
            }
        }
        double norm = frobenius(p);
        if (!(norm > 0)) {
            return Double.NaN;
        }
        double s = 0.0;
        double t = 1.0 / Math.sqrt(k - 1.0);
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
                double r = p[a][c] / norm - t * ((a == c ? 1.0 : 0.0) - 1.0 / k);
                s += r * r;
            }
        }
        return Math.sqrt(s);
    }

    /** Population std over mean of the row norms (NaN if the mean is 0). */
    private static double equinorm(double[][] rows) {
        int k = rows.length;
        double mean = 0.0;
        double[] norms = new double[k];
        for (int c = 0; c < k; c++) {
            norms[c] = Math.sqrt(dot(rows[c], rows[c]));
            mean += norms[c] / k;
        }
        if (!(mean > 0)) {
            return Double.NaN;
        }
        double var = 0.0;
        for (double v : norms) {
            var += (v - mean) * (v - mean) / k;
        }
        return Math.sqrt(var) / mean;
    }

    /** Avg_{k != k'} |cos(m_k, m_k') + 1/(K-1)|. */
    private static double maxAngle(double[][] rows) {
        int k = rows.length;
        double s = 0.0;
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
                if (a == c) {
                    continue;
                }
                double den = Math.sqrt(dot(rows[a], rows[a]) * dot(rows[c], rows[c]));
                if (!(den > 0)) {
                    return Double.NaN;
                }
                s += Math.abs(dot(rows[a], rows[c]) / den + 1.0 / (k - 1));
            }
        }
        return s / (k * (k - 1.0));
    }

    private static double nccMismatch(double[][] w, double[] b, double[][] mu, double[][] h) {
        int k = w.length;
        int mismatched = 0;
        for (double[] hj : h) {
            int arg = 0;
            double best = Double.NEGATIVE_INFINITY;
            int near = 0;
            double dist = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double z = dot(w[c], hj) + (b == null ? 0.0 : b[c]);
                if (z > best) {
                    best = z;
                    arg = c;
                }
                double s = 0.0;
                for (int i = 0; i < hj.length; i++) {
                    double r = hj[i] - mu[c][i];
                    s += r * r;
                }
                if (s < dist) {
                    dist = s;
                    near = c;
                }
            }
            if (arg != near) {
                mismatched++;
            }
        }
        return (double) mismatched / h.length;
    }
}
