package org.ufm.metric;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.ufm.compute.Chunks;
import org.ufm.compute.Gemm;
import org.ufm.linalg.SymmetricEigen;
import org.ufm.npy.RowSource;

/**
 * The statistics of features h_j (rows of an N x d matrix) with labels y that the neural-collapse metrics
 * need, in two passes over the rows, holding only O(K d) numbers besides one block of rows (SPEC.md 5):
 * pass 1 the class sizes n_k, class means mu_k and the sample mean mu_G; pass 2 the within-class residuals
 * r_j = h_j - mu_{y_j}, accumulated as Tr(Sigma_W) = (1/N) sum ||r_j||^2, the per-class variances
 * V_k = (1/n_k) sum_{y_j = k} ||r_j||^2, Tr(Sigma_W Sigma_B^+) = (1/N) sum_j sum_i (u_i^T r_j)^2 / lambda_i over
 * the eigenpairs of Sigma_B = (1/K) sum_k (mu_k - mu_G)(mu_k - mu_G)^T with lambda_i > 1e-12 lambda_max
 * (found from the K x K Gram matrix of the centred means, or from Sigma_B itself where d &lt; K), and, given a
 * classifier, how often the nearest class mean disagrees with argmax_k (W h + b)_k and agrees with argmax_k (W h)_k
 * (from one GEMM of the rows with the means and W, on the rows outside their class's {@link CertainVotes} radius: near
 * collapse none is).
 * Pass 1 cuts the coordinates into fixed slices and pass 2 each block of rows into {@link #parts} fixed stretches,
 * run in parallel on a {@link Chunks} pool when one is given; each stretch keeps its own sums over the blocks and the
 * stretches are added in order, so the result is the same, bit for bit, for any number of threads (and without a
 * pool).
 */
public final class FeatureStatistics {

    /** Eigenvalues of Sigma_B at or below this fraction of the largest count as zero in the pseudo-inverse. */
    public static final double PINV_CUTOFF = 1e-12;

    /** Number of samples N. */
    public final long samples;
    /** Number of classes K. */
    public final int classes;
    /** Feature dimension d. */
    public final int dim;
    /** Class sizes n_k. */
    public final long[] counts;
    /** Class means mu_k (K x d). */
    public final double[][] means;
    /** Sample mean mu_G. */
    public final double[] globalMean;
    /** Centred class means mu_k - mu_G (K x d). */
    public final double[][] centred;
    /** Tr(Sigma_W Sigma_B^+), NaN when Sigma_B = 0. */
    public final double traceWithinOverBetween;
    /** Tr(Sigma_W). */
    public final double traceWithin;
    /** Per-class variances V_k = (1/n_k) sum ||h_j - mu_k||^2. */
    public final double[] classVariances;
    /** Fraction of samples with argmax (W h + b) != nearest class mean, NaN without a classifier. */
    public final double nccMismatch;
    /** Fraction of samples with argmax (W h) == nearest class mean (no bias), NaN without a classifier. */
    public final double nccAgreementNoBias;
    /** Rows whose nearest mean and votes came from the {@link CertainVotes} radii, without their products. */
    final long screenedRows;

    private FeatureStatistics(long samples, int classes, int dim, long[] counts, double[][] means, double[] globalMean,
                              double[][] centred, double traceWithinOverBetween, double traceWithin,
                              double[] classVariances, double nccMismatch, double nccAgreementNoBias,
                              long screenedRows) {
        this.samples = samples;
        this.classes = classes;
        this.dim = dim;
        this.counts = counts;
        this.means = means;
        this.globalMean = globalMean;
        this.centred = centred;
        this.traceWithinOverBetween = traceWithinOverBetween;
        this.traceWithin = traceWithin;
        this.classVariances = classVariances;
        this.nccMismatch = nccMismatch;
        this.nccAgreementNoBias = nccAgreementNoBias;
        this.screenedRows = screenedRows;
    }

    /** In-memory features (rows h_j), labels in 0..K-1 with every class present. */
    public static FeatureStatistics of(double[][] h, int[] y, int k, double[][] w, double[] b) {
        return of(h, y, k, w, b, null);
    }

    /** As {@link #of(double[][], int[], int, double[][], double[])}, both passes on {@code chunks} (null: this thread). */
    public static FeatureStatistics of(double[][] h, int[] y, int k, double[][] w, double[] b, Chunks chunks) {
        try {
            return of(RowSource.of(h), y, k, w, b, chunks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Two passes over {@code h}.
     *
     * @param h rows h_j (N x d)
     * @param y labels in 0..K-1, length N, every class present
     * @param k number of classes K
     * @param w classifier rows (K x d) or null
     * @param b bias (length K) or null
     */
    public static FeatureStatistics of(RowSource h, int[] y, int k, double[][] w, double[] b) throws IOException {
        return of(h, y, k, w, b, (Chunks) null);
    }

    /** As above, both passes on {@code chunks} (null: this thread); the result does not depend on the pool. */
    public static FeatureStatistics of(RowSource h, int[] y, int k, double[][] w, double[] b, Chunks chunks)
            throws IOException {
        return of(h, y, k, w, b, blockRows(h.rows(), h.cols()), chunks);
    }

    /** Rows read per block of N rows of length d: about 2^20 values, at least one row, at most N. */
    public static int blockRows(long n, int d) {
        return (int) Math.max(1, Math.min(n, (1 << 20) / d));
    }

    /** Stretches per block of pass 2: 1 below 256 rows (small problems keep one running sum), at most 8. */
    static int parts(int block) {
        return Math.max(1, Math.min(8, block / 128));
    }

    /** The sums of pass 2 over one stretch of every block, with its work space. */
    private static final class Stretch {
        double within;
        double ratio;
        long mismatched;
        long agreeing;
        long screened;
        final double[] classSq;
        final double[] proj;
        final double[] dots;
        /** Per row of the stretch: inside its class's {@link CertainVotes} radius. */
        final boolean[] certain;
        /** Per row of the stretch: its computed ||h - mu_y||^2. */
        final double[] residualSq;

        Stretch(int k, int projRows, int cols, int rows) {
            classSq = new double[k];
            proj = new double[projRows * rows];
            dots = new double[cols * rows];
            certain = new boolean[rows];
            residualSq = new double[rows];
        }
    }

    /** As above, reading {@code block} rows at a time (the result does not depend on it but for rounding). */
    static FeatureStatistics of(RowSource h, int[] y, int k, double[][] w, double[] b, int block, Chunks chunks)
            throws IOException {
        return secondPass(firstPass(h, y, k, block, chunks), h, y, w, b, chunks);
    }

    /**
     * What pass 1 finds: class sizes n_k, class means mu_k, the sample mean mu_G and the centred means mu_k - mu_G;
     * with the block size and the row buffer that pass 2 reuses. Apart from that buffer, which pass 2 overwrites with
     * each block it reads, nothing here changes once pass 1 has ended, so other threads may read it while pass 2 runs.
     */
    static final class ClassMeans {
        final long samples;
        final int dim;
        final long[] counts;
        final double[][] means;
        final double[] globalMean;
        final double[][] centred;
        final int block;
        final double[] rowBuffer;

        ClassMeans(long samples, int dim, long[] counts, double[][] means, double[] globalMean, double[][] centred,
                   int block, double[] rowBuffer) {
            this.samples = samples;
            this.dim = dim;
            this.counts = counts;
            this.means = means;
            this.globalMean = globalMean;
            this.centred = centred;
            this.block = block;
            this.rowBuffer = rowBuffer;
        }
    }

    /** Pass 1 over {@code h}, {@code block} rows at a time, on {@code chunks} (null: this thread). */
    static ClassMeans firstPass(RowSource h, int[] y, int k, Chunks chunks) throws IOException {
        return firstPass(h, y, k, blockRows(h.rows(), h.cols()), chunks);
    }

    /** As above with the block size given. */
    static ClassMeans firstPass(RowSource h, int[] y, int k, int block, Chunks chunks) throws IOException {
        long n = h.rows();
        int d = h.cols();
        if (y.length != n) {
            throw new IllegalArgumentException(n + " feature rows but " + y.length + " labels");
        }
        double[] rows = new double[block * d];
        double[][] sums = new double[k][d];
        long[] counts = new long[k];
        // pass 1 by coordinates: each slice adds its coordinates of every row in row order, so every sum takes the
        // same additions in the same order as one loop (the same doubles on any pool)
        final int slices = Math.max(1, Math.min(PASS1_SLICES, d / 64));
        for (long first = 0; first < n; first += block) {
            final int count = (int) Math.min(block, n - first);
            final long at = first;
            h.read(first, count, rows);
            for (int r = 0; r < count; r++) {
                counts[y[(int) (first + r)]]++;
            }
            Chunks.run(chunks, slices, p -> {
                int lo = (int) ((long) p * d / slices);
                int hi = (int) ((long) (p + 1) * d / slices);
                for (int r = 0; r < count; r++) {
                    addRow(sums[y[(int) (at + r)]], rows, r * d, lo, hi);
                }
            });
        }
        double[][] means = new double[k][];
        double[] muG = new double[d];
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("class " + c + " has no sample");
            }
            means[c] = meanAdding(sums[c], counts[c], muG);
        }
        for (int i = 0; i < d; i++) {
            muG[i] /= n;
        }
        double[][] centred = new double[k][];
        for (int c = 0; c < k; c++) {
            centred[c] = difference(means[c], muG);
        }
        return new ClassMeans(n, d, counts, means, muG, centred, block, rows);
    }

    /** sum / count, entry by entry, while adding sum into {@code total} (one call per class, in class order). */
    private static double[] meanAdding(double[] sum, long count, double[] total) {
        double[] mean = new double[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = sum[i] / count;
            total[i] += sum[i];
        }
        return mean;
    }

    /** a - b, entry by entry. */
    private static double[] difference(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] - b[i];
        }
        return r;
    }

    /** Pass 2 over {@code h} (the rows pass 1 read, in the same blocks) given pass 1's {@code m}. */
    static FeatureStatistics secondPass(ClassMeans m, RowSource h, int[] y, double[][] w, double[] b, Chunks chunks)
            throws IOException {
        return secondPass(m, h, y, w, b, chunks, true);
    }

    /**
     * As above; {@code screen}: rows inside their class's {@link CertainVotes} radius count as agreeing without their
     * products, the rest of a stretch takes them gathered (false: every row takes them, the pass as it was; the counts
     * are the same but where a row is within rounding of a tie, whose vote may then follow the GEMM's shape).
     */
    static FeatureStatistics secondPass(ClassMeans m, RowSource h, int[] y, double[][] w, double[] b, Chunks chunks,
                                        boolean screen) throws IOException {
        long n = m.samples;
        int d = m.dim;
        int k = m.means.length;
        int block = m.block;
        double[] rows = m.rowBuffer;
        double[][] means = m.means;
        long[] counts = m.counts;
        // the range of Sigma_B = (1/K) M M^T (M = centred means as columns): its unit eigenvectors u_i with eigenvalues
        // lambda_i > PINV_CUTOFF lambda_max, as the columns of the d x rank column-major u
        Range range = d < k ? rangeFromFeatureSide(m.centred, k, d) : rangeFromGram(m.centred, k, d);
        int rank = range.lambda.length;
        double[] u = range.u;
        double[] lambda = range.lambda;
        // classifier and means as the columns of one d x 2K matrix: one GEMM gives h.mu_c and w_c.h
        boolean clf = w != null;
        int cols = clf ? 2 * k : k;
        double[] s = new double[d * cols];
        double[] muNorm = new double[k];
        for (int c = 0; c < k; c++) {
            muNorm[c] = placeColumns(s, c, d, means[c], clf ? w[c] : null, k);
        }
        final int parts = parts(block);
        final int stretchRows = (block + parts - 1) / parts;
        final Stretch[] stretches = new Stretch[parts];
        for (int p = 0; p < parts; p++) {
            stretches[p] = new Stretch(k, Math.max(rank, 1), cols, stretchRows);
        }
        CertainVotes.Screen votes = clf && screen ? new CertainVotes.Screen(means, s, muNorm, b, k, d) : null;
        final SecondPass pass = new SecondPass(rows, new double[block * d], y, k, d, means, u, rank, lambda,
                clf ? s : null, muNorm, b, votes);
        for (long first = 0; first < n; first += block) {
            final int count = (int) Math.min(block, n - first);
            final long at = first;
            h.read(first, count, rows);
            Chunks.Task stretch = p -> pass.run(stretches[p], (int) ((long) p * count / parts),
                    (int) ((long) (p + 1) * count / parts), at);
            Chunks.run(chunks, parts, stretch);
        }
        double within = 0.0;
        double ratio = 0.0;
        double[] classSq = new double[k];
        long mismatched = 0;
        long agreeing = 0;
        long screened = 0;
        for (Stretch st : stretches) {
            screened += st.screened;
            within += st.within;
            ratio += st.ratio;
            mismatched += st.mismatched;
            agreeing += st.agreeing;
            for (int c = 0; c < k; c++) {
                classSq[c] += st.classSq[c];
            }
        }
        double[] classVar = new double[k];
        for (int c = 0; c < k; c++) {
            classVar[c] = classSq[c] / counts[c];
        }
        double nc1 = rank > 0 ? ratio / n : Double.NaN;
        return new FeatureStatistics(n, k, d, counts, means, m.globalMean, m.centred, nc1, within / n, classVar,
                clf ? (double) mismatched / n : Double.NaN, clf ? (double) agreeing / n : Double.NaN, screened);
    }

    /**
     * Writes mu_c as column c of the d x cols {@code s} and, when {@code wc} is not null, w_c as column K + c;
     * returns ||mu_c||^2 (summed in coordinate order).
     */
    private static double placeColumns(double[] s, int c, int d, double[] mean, double[] wc, int k) {
        System.arraycopy(mean, 0, s, c * d, d);
        if (wc != null) {
            System.arraycopy(wc, 0, s, (k + c) * d, d);
        }
        double sq = 0.0;
        for (int i = 0; i < d; i++) {
            sq += mean[i] * mean[i];
        }
        return sq;
    }

    /** The range of Sigma_B: its eigenvectors (d x rank, column-major) and eigenvalues above the cutoff. */
    private static final class Range {
        final double[] u;
        final double[] lambda;

        Range(double[] u, double[] lambda) {
            this.u = u;
            this.lambda = lambda;
        }
    }

    /** The indices of the eigenvalues above {@link #PINV_CUTOFF} times the largest (none when it is not positive). */
    private static int[] aboveCutoff(double[] ev) {
        double max = 0.0;
        for (double v : ev) {
            max = Math.max(max, v);
        }
        int rank = 0;
        for (double v : ev) {
            if (max > 0 && v > PINV_CUTOFF * max) {
                rank++;
            }
        }
        int[] keep = new int[rank];
        for (int e = 0, c = 0; e < ev.length; e++) {
            if (max > 0 && ev[e] > PINV_CUTOFF * max) {
                keep[c++] = e;
            }
        }
        return keep;
    }

    /**
     * The eigendecomposition of (1/K) times the symmetric n x n matrix whose lower triangle is the column-major
     * {@code lower} (a Gram matrix as {@link Gemm} leaves it; used up), by LAPACK from order
     * {@value SymmetricEigen#NATIVE_FROM} on ({@link SymmetricEigen#ofLower}).
     */
    private static SymmetricEigen lowerOverK(double[] lower, int n, int k) {
        for (int j = 0; j < n; j++) {
            divideColumn(lower, n, j, k);
        }
        return SymmetricEigen.ofLower(lower, n, true);
    }

    /** Column j of the lower triangle of the column-major n x n {@code a}, divided by k (a method per column). */
    private static void divideColumn(double[] a, int n, int j, int k) {
        for (int i = j; i < n; i++) {
            a[j * n + i] /= k;
        }
    }

    /**
     * For K &lt;= d: from the K x K Gram (1/K) M^T M = V L V^T of the centred means M (d x K, the means as columns,
     * {@link Gemm#lowerGramOfColumns}), whose nonzero eigenvalues are Sigma_B's, u_i = M v_i / sqrt(K lambda_i) (one
     * GEMM).
     */
    private static Range rangeFromGram(double[][] centred, int k, int d) {
        double[] mcols = RowProducts.columns(centred, d);
        SymmetricEigen eig = lowerOverK(Gemm.lowerGramOfColumns(mcols, k), k, k);
        double[] ev = eig.values();
        int[] keep = aboveCutoff(ev);
        int rank = keep.length;
        double[] u = new double[d * Math.max(rank, 1)];
        double[] vs = new double[k * Math.max(rank, 1)]; // column-major K x rank
        double[] lambda = new double[rank];
        for (int col = 0; col < rank; col++) {
            double[] v = eig.vector(keep[col]);
            double scale = 1.0 / Math.sqrt(k * ev[keep[col]]);
            for (int c = 0; c < k; c++) {
                vs[col * k + c] = v[c] * scale;
            }
            lambda[col] = ev[keep[col]];
        }
        if (rank > 0) {
            Gemm.dgemm(false, false, d, rank, k, 1.0, mcols, 0, d, vs, 0, k, 0.0, u, 0, d);
        }
        return new Range(u, lambda);
    }

    /**
     * For d &lt; K: the d x d Sigma_B = (1/K) M M^T decomposed itself ({@link Gemm#lowerGram} on M, the centred means
     * as the columns of a d x K array), its eigenvectors the u_i (at K = 1000, d = 512 LAPACK with eigenvectors takes
     * 38-51 ms on the d x d matrix against 180-280 ms on the K x K Gram).
     */
    private static Range rangeFromFeatureSide(double[][] centred, int k, int d) {
        SymmetricEigen eig = lowerOverK(Gemm.lowerGram(RowProducts.columns(centred, d), d), d, k);
        double[] ev = eig.values();
        int[] keep = aboveCutoff(ev);
        int rank = keep.length;
        double[] u = new double[d * Math.max(rank, 1)];
        double[] lambda = new double[rank];
        for (int col = 0; col < rank; col++) {
            System.arraycopy(eig.vector(keep[col]), 0, u, col * d, d);
            lambda[col] = ev[keep[col]];
        }
        return new Range(u, lambda);
    }

    /*
     * The loops over the rows of both passes call a method per row, not loops of their own inside methods called
     * once per stretch: the metrics run once per process, and a loop in a method called 8 times ran interpreted until
     * its stack replacement (the agreement scan took 3-5 ms per stretch at K=100, N=2000), where a method called once
     * per row is compiled after about 200 rows. The sums run in the same order either way: the same doubles.
     */

    /** s[i] += rows[off + i] for lo <= i < hi (a slice of a feature row onto its class's sum). */
    private static void addRow(double[] s, double[] rows, int off, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            s[i] += rows[off + i];
        }
    }

    /** Coordinate slices of pass 1 (at least 64 coordinates each; one below d = 128). */
    static final int PASS1_SLICES = 8;

    /**
     * Pass 2's three decisions for one row from its dots at {@code off} (h.mu_c for c &lt; K, then w_c.h): the nearest
     * class mean by ||mu_c||^2 - 2 h.mu_c, argmax (W h + b) and argmax W h, strict comparisons (the first index on
     * ties), packed as nearest | withBias &lt;&lt; 21 | withoutBias &lt;&lt; 42 (K &lt;= 2^21, far above any K whose K x K
     * tables fit in memory).
     */
    static long votes(double[] dots, int off, int k, double[] muNorm, double[] b) {
        int near = 0;
        double best = Double.POSITIVE_INFINITY;
        int arg = 0;
        double top = Double.NEGATIVE_INFINITY;
        int argNoBias = 0;
        double topNoBias = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            // ||h - mu_c||^2 - ||h||^2
            double dist = muNorm[c] - 2.0 * dots[off + c];
            if (dist < best) {
                best = dist;
                near = c;
            }
            double z = dots[off + k + c];
            if (z > topNoBias) {
                topNoBias = z;
                argNoBias = c;
            }
            double zb = z + (b == null ? 0.0 : b[c]);
            if (zb > top) {
                top = zb;
                arg = c;
            }
        }
        return near | (long) arg << 21 | (long) argNoBias << 42;
    }

    /** The nearest class mean of {@link #votes}. */
    static int nearest(long votes) {
        return (int) (votes & 0x1FFFFF);
    }

    /** argmax (W h + b) of {@link #votes}. */
    static int withBias(long votes) {
        return (int) (votes >>> 21 & 0x1FFFFF);
    }

    /** argmax W h of {@link #votes}. */
    static int withoutBias(long votes) {
        return (int) (votes >>> 42 & 0x1FFFFF);
    }

    /** Pass 2 on a block of rows, one stretch at a time: what it reads is fixed for the whole pass. */
    private static final class SecondPass {
        private final double[] rows;
        private final double[] res;
        private final int[] y;
        private final int k;
        private final int d;
        private final double[][] means;
        private final double[] u;
        private final int rank;
        private final double[] lambda;
        /** Means and classifier as the columns of one d x 2K matrix, or null without a classifier. */
        private final double[] meansAndClassifier;
        private final double[] muNorm;
        private final double[] b;
        /** The radii inside which a row's votes are known without its products, or null (then always computed). */
        private final CertainVotes.Screen screen;

        SecondPass(double[] rows, double[] res, int[] y, int k, int d, double[][] means, double[] u, int rank,
                   double[] lambda, double[] meansAndClassifier, double[] muNorm, double[] b,
                   CertainVotes.Screen screen) {
            this.rows = rows;
            this.res = res;
            this.y = y;
            this.k = k;
            this.d = d;
            this.means = means;
            this.u = u;
            this.rank = rank;
            this.lambda = lambda;
            this.meansAndClassifier = meansAndClassifier;
            this.muNorm = muNorm;
            this.b = b;
            this.screen = screen;
        }

        /**
         * Rows [lo, hi) of the block read into {@code rows}, which starts at row {@code first}: residuals, their
         * squared norms, the projections onto the range of Sigma_B and the nearest-mean / classifier agreement,
         * added to {@code st}.
         */
        void run(Stretch st, int lo, int hi, long first) {
            int count = hi - lo;
            if (count <= 0) {
                return;
            }
            int hopeful = 0;
            for (int r = lo; r < hi; r++) {
                int c = y[(int) (first + r)];
                double sq = residual(rows, means[c], res, r * d, d);
                st.within += sq;
                st.classSq[c] += sq;
                st.residualSq[r - lo] = sq;
                hopeful += screen != null && screen.within(c, sq) ? 1 : 0;
            }
            int certain = 0;
            if (hopeful > 0 && 2 * hopeful >= count) {
                CertainVotes radii = screen.votes();
                for (int r = lo; r < hi; r++) {
                    boolean known = radii.certain(y[(int) (first + r)], st.residualSq[r - lo]);
                    st.certain[r - lo] = known;
                    certain += known ? 1 : 0;
                }
            }
            st.screened += certain;
            if (rank > 0) {
                Gemm.dgemm(true, false, rank, count, d, 1.0, u, 0, d, res, lo * d, d, 0.0, st.proj, 0, rank);
                for (int r = 0; r < count; r++) {
                    st.ratio = addRatio(st.ratio, st.proj, r * rank, lambda, rank);
                }
            }
            if (meansAndClassifier == null) {
                return;
            }
            // a certain row's nearest mean is its own class's, and so are both votes: agreeing, no mismatch
            st.agreeing += certain;
            if (certain == 0) {
                agreement(st, rows, lo, count);
            } else if (certain < count) {
                // the other rows, gathered at the start of the stretch's residuals (read by nothing after this)
                int at = lo;
                for (int r = lo; r < hi; r++) {
                    if (!st.certain[r - lo]) {
                        System.arraycopy(rows, r * d, res, at * d, d);
                        at++;
                    }
                }
                agreement(st, res, lo, at - lo);
            }
        }

        /** r = h - m over one row (res[off..off+d) = rows[off..off+d) - m); returns ||r||^2. */
        private static double residual(double[] rows, double[] m, double[] res, int off, int d) {
            double sq = 0.0;
            for (int i = 0; i < d; i++) {
                double v = rows[off + i] - m[i];
                res[off + i] = v;
                sq += v * v;
            }
            return sq;
        }

        /** sum + sum_i p_i^2 / lambda_i over one row's projections p = proj[off..off+rank), added in order. */
        private static double addRatio(double sum, double[] proj, int off, double[] lambda, int rank) {
            for (int i = 0; i < rank; i++) {
                double p = proj[off + i];
                sum += p * p / lambda[i];
            }
            return sum;
        }

        /**
         * Counts the {@code count} rows of {@code from} starting at row {@code lo} whose nearest class mean disagrees
         * with argmax (W h + b) and agrees with argmax W h.
         */
        private void agreement(Stretch st, double[] from, int lo, int count) {
            int cols = 2 * k;
            Gemm.dgemm(true, false, cols, count, d, 1.0, meansAndClassifier, 0, d, from, lo * d, d, 0.0, st.dots, 0,
                    cols);
            for (int r = 0; r < count; r++) {
                int verdict = agreementOfRow(st.dots, r * cols, k, muNorm, b);
                st.mismatched += verdict & 1;
                st.agreeing += verdict >> 1;
            }
        }

        /**
         * One row's dots at {@code off}: bit 0 set when the nearest class mean is not argmax (W h + b), bit 1 when it
         * is argmax W h.
         */
        private static int agreementOfRow(double[] dots, int off, int k, double[] muNorm, double[] b) {
            long v = votes(dots, off, k, muNorm, b);
            int near = nearest(v);
            return (withBias(v) != near ? 1 : 0) | (withoutBias(v) == near ? 2 : 0);
        }
    }
}
