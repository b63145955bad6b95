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
     * thread), the K x K tables beside pass 2 where they are large ({@link #of(RowSource, int[], int, double[][],
     * double[], Chunks)}).
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
     * passes 1 and 2 on {@code chunks} (null: this thread); from K^2 d = {@value #BESIDE_MIN_WORK} on, the metrics that
     * need only the class means and W (the K x K tables, {@link MeanTables}) run on a thread of their own while pass 2
     * reads the rows again, instead of after it.
     */
    public static NeuralCollapseMetrics of(RowSource h, int[] y, int k, double[][] w, double[] b, Chunks chunks)
            throws IOException {
        return of(h, y, k, w, b, chunks, (long) k * k * h.cols() >= BESIDE_MIN_WORK);
    }

    /**
     * K^2 d from which the tables run beside pass 2. A thread and the shared pool cost about 0.4 ms a call, 20 times the
     * whole metrics at K = 4, n = 5, d = 8, and gained nothing at K = 300, d = 256 nor at K = 500, d = 512 (warm calls,
     * 2 threads); at K = 1000, d = 512 the metrics command took 0.965 of its wall time.
     */
    static final long BESIDE_MIN_WORK = 1L << 28;

    /**
     * As {@link #of(RowSource, int[], int, double[][], double[], Chunks)}, the tables beside pass 2 when {@code beside}.
     * Where pass 2 fails, the tables' thread is waited for before the failure is thrown, so that nothing of this call
     * outlives it.
     */
    static NeuralCollapseMetrics of(RowSource h, int[] y, int k, double[][] w, double[] b, Chunks chunks,
                                    boolean beside) throws IOException {
        FeatureStatistics.ClassMeans first = FeatureStatistics.firstPass(h, y, k, chunks);
        if (!beside) {
            FeatureStatistics s = FeatureStatistics.secondPass(first, h, y, w, b, chunks);
            return assemble(s, MeanTables.of(first.means, first.centred, first.globalMean, w, b, chunks), w);
        }
        FutureTask<MeanTables> tables = new FutureTask<>(
                () -> MeanTables.of(first.means, first.centred, first.globalMean, w, b, chunks));
        Thread thread = new Thread(tables, "ufm-metric-tables");
        thread.setDaemon(true);
        thread.start();
        FeatureStatistics s;
        try {
            s = FeatureStatistics.secondPass(first, h, y, w, b, chunks);
        } catch (IOException | RuntimeException | Error e) {
            try {
                awaitTables(tables, thread);
            } catch (RuntimeException | Error t) {
                e.addSuppressed(t);
            }
            throw e;
        }
        return assemble(s, awaitTables(tables, thread), w);
    }

    /**
     * The tables' result once their thread has ended (an interrupt is kept for later), or what it threw. The thread is
     * joined, not only the task: a task's result is set a moment before its thread ends. Package-private for its test.
     */
    static <T> T awaitTables(FutureTask<T> tables, Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the tables are short and their results are wanted: finish, then pass it on
            }
        }
        try {
            return tables.get(); // done: the thread ran the task to its end
        } catch (InterruptedException e) {
            throw new IllegalStateException("the tables' task is done and get() cannot wait", e);
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

    /** Mean over pairs a &lt; c of (V_a + V_c) / (2 ||mu_a - mu_c||^2), from the pairs' squared distances. */
    private static double cdnv(double[] squaredDistances, double[] var) {
        int k = var.length;
        double sum = 0.0;
        for (int a = 0; a < k; a++) {
            sum = addCdnvRow(sum, squaredDistances, PairDistances.first(a, k), var, a);
        }
        return sum / (k * (k - 1) / 2.0);
    }

    /** sum + (V_a + V_c) / (2 sq_t) over c > a, the pair (a, c) at t = first + c - a - 1. */
    private static double addCdnvRow(double sum, double[] sq, int first, double[] var, int a) {
        int t = first;
        for (int c = a + 1; c < var.length; c++) {
            sum += (var[a] + var[c]) / (2.0 * sq[t++]);
        }
        return sum;
    }

    /** ||a||_F, the rows' squared norms summed in row order. */
    static double frobenius(double[][] a) {
        double s = 0.0;
        for (double[] r : a) {
            s += Dot.dot(r, r);
        }
        return Math.sqrt(s);
    }
}
