package org.ufm.metric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.ufm.compute.Chunks;
import org.ufm.compute.Dot;
import org.ufm.npy.RowSource;

/**
 * Neural-collapse metrics of classifier rows W (K x d), features H (N columns in R^d) and labels y
 * (SPEC.md 5), each under an explicit variant name. The four headline metrics are
 * nc1 = nc1_pinv_over_K = Tr(Sigma_W Sigma_B^+)/K (mu_G the sample mean, Sigma_B^+ dropping eigenvalues
 * below 1e-12 of the largest); nc2 = nc2_etf_W = ||WW^T/||WW^T||_F - P_K/sqrt(K-1)||_F;
 * nc3 = nc3_papyan = ||W^T/||W||_F - M/||M||_F||_F (unsquared, centred means M);
 * nc4 = nc4_ncc_mismatch = fraction of samples whose argmax_k (W h + b)_k differs from the nearest
 * class mean. A metric whose definition divides by zero (Sigma_B = 0, W = 0) is NaN, never 0. The
 * statistics that need every feature come from {@link FeatureStatistics} (two passes over the rows, so the
 * same code serves a solver's point and a feature file larger than the heap).
 */
public final class NeuralCollapseMetrics {

    private final Map<String, Double> values = new LinkedHashMap<>();
    private final FeatureStatistics statistics;

    private NeuralCollapseMetrics(FeatureStatistics statistics) {
        this.statistics = statistics;
    }

    /** The features' statistics these metrics were computed from (class sizes, means, traces). */
    public FeatureStatistics statistics() {
        return statistics;
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

    /**
     * {@link #undefinedAt(double[][], double[][])} with the features h_j read in place from {@code x} (the d x N
     * column-major H that every model stores, h_j at hOff + j d): the same sums, without N copied arrays.
     */
    public static boolean undefinedAt(double[][] w, double[] x, int hOff, int n, int d) {
        if (!(frobenius(w) < ORIGIN_NORM)) {
            return false;
        }
        double s = 0.0;
        for (int j = 0; j < n; j++) {
            s += Dot.dot(x, hOff + j * d, x, hOff + j * d, d);
        }
        return Math.sqrt(s) < ORIGIN_NORM;
    }

    /** True when every entry of W, H and b (null: no bias) is finite. */
    public static boolean finite(double[][] w, double[][] h, double[] b) {
        return finite(w, b) && rowsFinite(h);
    }

    /** True when every entry of W and b (null: no bias) is finite. */
    private static boolean finite(double[][] w, double[] b) {
        return rowsFinite(w) && (b == null || Dot.allFinite(b, 0, b.length));
    }

    private static boolean rowsFinite(double[][] rows) {
        for (double[] row : rows) {
            if (!Dot.allFinite(row, 0, row.length)) {
                return false;
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
        return at(w, h, y, b, null);
    }

    /**
     * As {@link #at(double[][], double[][], int[], double[])}, the features' passes on {@code chunks} (null: this
     * thread) and the K x K tables on a thread of their own ({@link #of(RowSource, int[], int, double[][], double[],
     * Chunks)}).
     */
    public static NeuralCollapseMetrics at(double[][] w, double[][] h, int[] y, double[] b, Chunks chunks) {
        if (!finite(w, h, b) || undefinedAt(w, h)) {
            return null;
        }
        try {
            return finiteOrNull(of(RowSource.of(h), y, w.length, w, b, chunks));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // rows in memory: not thrown
        }
    }

    /** nc, or null where any of NC1-NC4 is not finite. */
    private static NeuralCollapseMetrics finiteOrNull(NeuralCollapseMetrics nc) {
        boolean ok = Double.isFinite(nc.nc1()) && Double.isFinite(nc.nc2()) && Double.isFinite(nc.nc3())
                && Double.isFinite(nc.nc4());
        return ok ? nc : null;
    }

    /**
     * As {@link #at(double[][], double[][], int[], double[], Chunks)} with the features h_j read in place from
     * {@code x} (h_j at hOff + j d, d x N column-major as every model stores H), never copied into N arrays: at
     * N = 20000, d = 512 those were 82 MB and, with the checks on them, 0.18 s of the report after a solve.
     */
    public static NeuralCollapseMetrics at(double[][] w, double[] x, int hOff, int n, int d, int[] y, double[] b,
                                           Chunks chunks) {
        if (!finite(w, b) || !Dot.allFinite(x, hOff, n * d) || undefinedAt(w, x, hOff, n, d)) {
            return null;
        }
        try {
            return finiteOrNull(of(RowSource.of(x, hOff, n, d), y, w.length, w, b, chunks));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // rows in memory: not thrown
        }
    }

    /** nc1_pinv_over_K. */
    public double nc1() {
        return values.get(NC1);
    }

    /** nc2_etf_W. */
    public double nc2() {
        return values.getOrDefault(NC2, Double.NaN);
    }

    /** nc3_papyan. */
    public double nc3() {
        return values.getOrDefault(NC3, Double.NaN);
    }

    /** nc4_ncc_mismatch. */
    public double nc4() {
        return values.getOrDefault(NC4, Double.NaN);
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
        return of(FeatureStatistics.of(h, y, w.length, w, b), w, b);
    }

    /**
     * Every metric from the features' statistics (computed with the same classifier and bias), the classifier
     * rows and the bias (or null); without a classifier ({@code w == null}) only the metrics of the features
     * alone. SPEC.md 5's variants include nc3_papyan_sq (the notebook's squared NC3), nc3_yaras_uncentred
     * (the product form with uncentred means) and bias_relation_zhu = ||W mu_G + b||_2.
     * Besides SPEC.md 5's variants, the scalar metrics of rhubarbwu/neural-collapse under its names:
     * variability_cdnv (Galanti: mean over class pairs of (V_a + V_c)/(2 ||mu_a - mu_c||^2)),
     * kernel_stats_dist_avg/var and kernel_stats_log_avg/var (mean and population variance over pairs of
     * ||m_a - m_c|| and log(1/||m_a - m_c||), m the normalised centred means) and clf_ncc_agreement
     * (fraction of samples with argmax_k w_k^T h equal to the nearest class mean; no bias, as there).
     */
    public static NeuralCollapseMetrics of(FeatureStatistics s, double[][] w, double[] b) {
        return of(s, w, b, null);
    }

    /**
     * As {@link #of(FeatureStatistics, double[][], double[])}, the K(K-1)/2 pair tables of CDNV and kernel_stats
     * on {@code chunks} (null: here); each pair is computed alike and the sums run in one order: the same doubles.
     */
    public static NeuralCollapseMetrics of(FeatureStatistics s, double[][] w, double[] b, Chunks chunks) {
        return assemble(s, MeanTables.of(s.means, s.centred, s.globalMean, w, b, chunks), w);
    }

    /**
     * Every metric of the rows of {@code h} with labels y, classifier rows w (or null) and bias b (or null), as
     * {@link #of(FeatureStatistics, double[][], double[], Chunks)} on {@link FeatureStatistics#of}, the same doubles:
     * passes 1 and 2 on {@code chunks} (null: this thread), and the metrics that need only the class means and W (the
     * K x K tables, {@link MeanTables}) on a thread of their own, always, while pass 2 reads the rows again, instead of
     * after it (the metrics command at K = 1000, d = 512, N = 20000: 0.965 of its wall time). Where pass 2 fails, the
     * tables' thread is waited for before the failure is thrown, so that nothing of this call outlives it.
     */
    public static NeuralCollapseMetrics of(RowSource h, int[] y, int k, double[][] w, double[] b, Chunks chunks)
            throws IOException {
        FeatureStatistics.ClassMeans first = FeatureStatistics.firstPass(h, y, k, chunks);
        FutureTask<MeanTables> tables = new FutureTask<>(
                () -> MeanTables.of(first.means, first.centred, first.globalMean, w, b, chunks));
        Thread beside = new Thread(tables, "ufm-metric-tables");
        beside.setDaemon(true);
        beside.start();
        FeatureStatistics s;
        try {
            s = FeatureStatistics.secondPass(first, h, y, w, b, chunks);
        } catch (IOException | RuntimeException | Error e) {
            try {
                awaitTables(tables);
            } catch (RuntimeException | Error t) {
                e.addSuppressed(t);
            }
            throw e;
        }
        return assemble(s, awaitTables(tables), w);
    }

    /** The tables' result once their thread has ended (an interrupt is kept for later), or what it threw. */
    private static MeanTables awaitTables(FutureTask<MeanTables> tables) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return tables.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the tables are short and their results are wanted: finish, then pass it on
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The metrics that need only the class means, the centred means, the sample mean and the classifier: the K x K
     * products and everything read off them, and the pairs' squared mean distances that CDNV divides by.
     */
    private static final class MeanTables {
        double papyan = Double.NaN;
        double etfW = Double.NaN;
        double meansTrace;
        double etfMeans;
        double equinormW = Double.NaN;
        double equinormMeans;
        double equiangularMeans;
        double zhuProduct = Double.NaN;
        double yarasUncentred = Double.NaN;
        double biasRelation = Double.NaN;
        double[] meanDistances;
        double distAvg;
        double distVar;
        double logAvg;
        double logVar;

        /**
         * Papyan's NC3 and its square, the means' ETF distance, angles and pair distances from one value / table
         * each; the three K x K products (O(K^2 d) each) are independent and run at once on the pool.
         */
        static MeanTables of(double[][] means, double[][] centred, double[] globalMean, double[][] w, double[] b,
                             Chunks chunks) {
            MeanTables t = new MeanTables();
            int k = centred.length;
            if (w != null) {
                t.papyan = papyanSelfDuality(w, centred);
            }
            double[][][] products = new double[3][][];
            Chunks.run(chunks, w != null ? 3 : 1, i -> {
                if (i == 0) {
                    products[0] = RowProducts.gram(centred);
                } else if (i == 1) {
                    products[1] = RowProducts.gram(w);
                } else {
                    products[2] = RowProducts.cross(w, centred);
                }
            });
            double[][] meansGram = products[0];
            if (w != null) {
                t.etfW = etfDistance(products[1]);
            }
            double tb = 0.0;
            for (double[] c : centred) {
                tb += dot(c, c);
            }
            t.meansTrace = tb / k;
            t.etfMeans = etfDistance(meansGram);
            if (w != null) {
                t.equinormW = equinorm(w);
            }
            t.equinormMeans = equinorm(centred);
            t.equiangularMeans = maxAngle(meansGram);
            if (w != null) {
                t.zhuProduct = etfDistance(products[2]);
                t.yarasUncentred = etfDistance(uncentred(products[2], w, globalMean));
                t.biasRelation = NeuralCollapseMetrics.biasRelation(w, globalMean, b);
            }
            t.meanDistances = PairDistances.squared(means, meansGram, chunks);
            double[] norms = rowNorms(centred);
            double[] dist = PairDistances.squared(normalised(centred, norms), normalisedGram(meansGram, norms), chunks);
            double[] logs = new double[dist.length];
            for (int from = 0; from < dist.length; from += SCAN) {
                rootsAndLogs(dist, logs, from, Math.min(dist.length, from + SCAN));
            }
            t.distAvg = mean(dist);
            t.distVar = variance(dist);
            t.logAvg = mean(logs);
            t.logVar = variance(logs);
            return t;
        }
    }

    /** The metrics from pass 2's statistics and the tables, under their names in the fixed order. */
    private static NeuralCollapseMetrics assemble(FeatureStatistics s, MeanTables t, double[][] w) {
        int k = s.classes;
        NeuralCollapseMetrics m = new NeuralCollapseMetrics(s);
        m.values.put(NC1, s.traceWithinOverBetween / k);
        if (w != null) {
            m.values.put(NC2, t.etfW);
            m.values.put(NC3, t.papyan);
            m.values.put(NC4, s.nccMismatch);
        }
        m.values.put("nc1_trace_quotient", t.meansTrace > 0 ? s.traceWithin / t.meansTrace : Double.NaN);
        m.values.put("nc2_etf_means", t.etfMeans);
        if (w != null) {
            m.values.put("nc2_equinorm_W", t.equinormW);
        }
        m.values.put("nc2_equinorm_means", t.equinormMeans);
        m.values.put("nc2_equiangular_means", t.equiangularMeans);
        if (w != null) {
            m.values.put("nc3_zhu_product", t.zhuProduct);
            m.values.put("nc3_papyan_sq", t.papyan * t.papyan);
            m.values.put("nc3_yaras_uncentred", t.yarasUncentred);
            m.values.put("bias_relation_zhu", t.biasRelation);
        }
        m.values.put("variability_cdnv", cdnv(t.meanDistances, s.classVariances));
        m.values.put("kernel_stats_dist_avg", t.distAvg);
        m.values.put("kernel_stats_dist_var", t.distVar);
        m.values.put("kernel_stats_log_avg", t.logAvg);
        m.values.put("kernel_stats_log_var", t.logVar);
        if (w != null) {
            m.values.put("clf_ncc_agreement", s.nccAgreementNoBias);
        }
        return m;
    }

    /** ||W mu_G + b||_2 (b = 0 without a bias): Zhu et al.'s compute_Wh_b_relation. */
    private static double biasRelation(double[][] w, double[] muG, double[] b) {
        double s = 0.0;
        for (int c = 0; c < w.length; c++) {
            double z = dot(w[c], muG) + (b == null ? 0.0 : b[c]);
            s += z * z;
        }
        return Math.sqrt(s);
    }

    /** Mean over pairs a &lt; c of (V_a + V_c) / (2 ||mu_a - mu_c||^2), from the pairs' squared distances. */
    private static double cdnv(double[] squaredDistances, double[] var) {
        int k = var.length;
        double sum = 0.0;
        for (int a = 0; a < k; a++) {
            sum = addCdnvRow(sum, squaredDistances, PairDistances.first(a, k), var, a);
        }
        return sum / (k * (k - 1) / 2.0);
    }

    /*
     * The K x K and pair-table loops below are one call per row or per block of SCAN entries, not loops of their own
     * in methods called once: the metrics run once per process, and at K = 1000 such loops ran interpreted until their
     * stack replacement (the square roots of the 499,500 pair distances alone took 21 ms). A method called per row
     * is compiled after a few hundred rows; the sums run in the same order either way.
     */

    /** Entries per call of the pair tables' scans. */
    private static final int SCAN = 1024;

    /** sum + (V_a + V_c) / (2 sq_t) over c > a, the pair (a, c) at t = first + c - a - 1. */
    private static double addCdnvRow(double sum, double[] sq, int first, double[] var, int a) {
        int t = first;
        for (int c = a + 1; c < var.length; c++) {
            sum += (var[a] + var[c]) / (2.0 * sq[t++]);
        }
        return sum;
    }

    /** dist[i] = sqrt(dist[i]) and logs[i] = -log(dist[i]) for from <= i < to. */
    private static void rootsAndLogs(double[] dist, double[] logs, int from, int to) {
        for (int i = from; i < to; i++) {
            dist[i] = Math.sqrt(dist[i]);
            logs[i] = -Math.log(dist[i]);
        }
    }

    /** ||r_a|| for each row, by {@link Dot}. */
    private static double[] rowNorms(double[][] rows) {
        double[] norms = new double[rows.length];
        for (int a = 0; a < rows.length; a++) {
            norms[a] = Math.sqrt(dot(rows[a], rows[a]));
        }
        return norms;
    }

    /** r_a / ||r_a|| for each row, given the norms. */
    private static double[][] normalised(double[][] rows, double[] norms) {
        double[][] out = new double[rows.length][];
        for (int a = 0; a < rows.length; a++) {
            out[a] = new double[rows[a].length];
            for (int i = 0; i < rows[a].length; i++) {
                out[a][i] = rows[a][i] / norms[a];
            }
        }
        return out;
    }

    /**
     * The Gram matrix of the normalised rows from that of the rows, G_ac / (||r_a|| ||r_c||): no second O(K^2 d)
     * product; three more roundings (about 3u relative) on the Gram form the pair table may use.
     */
    private static double[][] normalisedGram(double[][] g, double[] norms) {
        double[][] out = new double[g.length][];
        for (int a = 0; a < g.length; a++) {
            out[a] = scaledRow(g[a], norms[a], norms);
        }
        return out;
    }

    /** row[c] / na / norms[c] for every c. */
    private static double[] scaledRow(double[] row, double na, double[] norms) {
        double[] out = new double[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = row[c] / na / norms[c];
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0.0;
        for (int from = 0; from < v.length; from += SCAN) {
            s = addAll(s, v, from, Math.min(v.length, from + SCAN));
        }
        return s / v.length;
    }

    /** Population variance, (1/n) sum (v_i - mean)^2. */
    private static double variance(double[] v) {
        double m = mean(v);
        double s = 0.0;
        for (int from = 0; from < v.length; from += SCAN) {
            s = addSquaredDeviations(s, v, m, from, Math.min(v.length, from + SCAN));
        }
        return s / v.length;
    }

    /** s + v[from] + ... + v[to - 1], in order. */
    private static double addAll(double s, double[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s;
    }

    /** s + sum over from <= i < to of (v_i - m)^2, in order. */
    private static double addSquaredDeviations(double s, double[] v, double m, int from, int to) {
        for (int i = from; i < to; i++) {
            s += (v[i] - m) * (v[i] - m);
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        return Dot.dot(a, b);
    }

    /**
     * ||G/||G||_F - P_K/sqrt(K-1)||_F for a K x K matrix G (NaN if G = 0): a Gram matrix (NC2), or the products
     * w_a . m_c of the classifier and the means (Zhu et al.'s NC3 in product form).
     */
    static double etfDistance(double[][] g) {
        int k = g.length;
        double norm = 0.0;
        for (double[] row : g) {
            norm = addSquares(norm, row);
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0)) {
            return Double.NaN;
        }
        double s = 0.0;
        double c = 1.0 / Math.sqrt(k - 1.0);
        for (int a = 0; a < k; a++) {
            s = addEtfResiduals(s, g[a], a, norm, c);
        }
        return Math.sqrt(s);
    }

    /** s + sum_b row[b]^2, in order. */
    private static double addSquares(double s, double[] row) {
        for (double v : row) {
            s += v * v;
        }
        return s;
    }

    /** s + sum_b (row[b] / norm - c (delta_ab - 1/K))^2 for row a of a K x K matrix, in order. */
    private static double addEtfResiduals(double s, double[] row, int a, double norm, double c) {
        int k = row.length;
        for (int b = 0; b < k; b++) {
            double target = c * ((a == b ? 1.0 : 0.0) - 1.0 / k);
            double r = row[b] / norm - target;
            s += r * r;
        }
        return s;
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

    /**
     * w_a . mu_c for the uncentred means mu_c = (mu_c - mu_G) + mu_G, from the centred products P: P_ac + w_a . mu_G
     * (no second O(K^2 d) product).
     */
    private static double[][] uncentred(double[][] p, double[][] w, double[] muG) {
        double[][] out = new double[p.length][];
        for (int a = 0; a < p.length; a++) {
            out[a] = shiftedRow(p[a], dot(w[a], muG));
        }
        return out;
    }

    /** row[c] + shift for every c. */
    private static double[] shiftedRow(double[] row, double shift) {
        double[] out = new double[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = row[c] + shift;
        }
        return out;
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

    /** Avg_{k != k'} |cos(m_k, m_k') + 1/(K-1)| from the Gram matrix g_kk' = m_k . m_k' (NaN if a mean is 0). */
    private static double maxAngle(double[][] g) {
        int k = g.length;
        double s = 0.0;
        for (int a = 0; a < k; a++) {
            s = addAngles(s, g, a);
        }
        return s / (k * (k - 1.0));
    }

    /** s + sum over c != a of |g_ac / sqrt(g_aa g_cc) + 1/(K-1)|, in order; NaN where a denominator is not positive. */
    private static double addAngles(double s, double[][] g, int a) {
        int k = g.length;
        for (int c = 0; c < k; c++) {
            if (a == c) {
                continue;
            }
            double den = Math.sqrt(g[a][a] * g[c][c]);
            if (!(den > 0)) {
                return Double.NaN;
            }
            s += Math.abs(g[a][c] / den + 1.0 / (k - 1));
        }
        return s;
    }
}
