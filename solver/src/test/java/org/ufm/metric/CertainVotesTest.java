package org.ufm.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.npy.RowSource;

/**
 * The radii of {@link CertainVotes}: a row they call certain votes for its own class in floating point, summed
 * forwards or backwards, up to the last ulp of the radius and in the directions that reach a tie first; ties and
 * non-finite inputs give no radius; and pass 2 counts the same with the screen as without it.
 */
class CertainVotesTest {

    /** Means, classifier rows, bias, laid out as pass 2 holds them. */
    private static final class Setup {
        final int k;
        final int d;
        final double[][] mu;
        final double[][] w;
        final double[] b;
        final double[] s;
        final double[] muNorm;

        Setup(double[][] mu, double[][] w, double[] b) {
            this.k = mu.length;
            this.d = mu[0].length;
            this.mu = mu;
            this.w = w;
            this.b = b;
            s = new double[d * 2 * k];
            muNorm = new double[k];
            for (int c = 0; c < k; c++) {
                System.arraycopy(mu[c], 0, s, c * d, d);
                System.arraycopy(w[c], 0, s, (k + c) * d, d);
                double sq = 0.0;
                for (int i = 0; i < d; i++) {
                    sq += mu[c][i] * mu[c][i];
                }
                muNorm[c] = sq;
            }
        }

        CertainVotes votes() {
            return CertainVotes.of(s, muNorm, b, k, d);
        }

        /** ||h - mu_y||^2 summed as pass 2's residual does. */
        double residualSq(double[] h, int y) {
            double sq = 0.0;
            for (int i = 0; i < d; i++) {
                double v = h[i] - mu[y][i];
                sq += v * v;
            }
            return sq;
        }

        /**
         * Whether the nearest mean and both votes of h are y as pass 2 decides them ({@link FeatureStatistics#votes}),
         * with the dot products summed forwards or backwards.
         */
        boolean votesFor(double[] h, int y, boolean backwards) {
            return votesFor(h, y, backwards ? 1 : 0);
        }

        /** As above, the dot products summed in {@code order} ({@link #dot(double[], double[], int)}). */
        boolean votesFor(double[] h, int y, int order) {
            double[] dots = new double[2 * k];
            for (int c = 0; c < k; c++) {
                dots[c] = dot(h, mu[c], order);
                dots[k + c] = dot(h, w[c], order);
            }
            long v = FeatureStatistics.votes(dots, 0, k, muNorm, b);
            return FeatureStatistics.nearest(v) == y && FeatureStatistics.withBias(v) == y
                    && FeatureStatistics.withoutBias(v) == y;
        }
    }

    private static double dot(double[] a, double[] b, boolean backwards) {
        return dot(a, b, backwards ? 1 : 0);
    }

    /** Summation orders a BLAS might take. */
    static final int ORDERS = 5;

    /**
     * a . b summed forwards (0), backwards (1), by fused multiply-adds (2), pairwise (3), or from the smallest
     * product's magnitude up (4).
     */
    private static double dot(double[] a, double[] b, int order) {
        int n = a.length;
        double s = 0.0;
        switch (order) {
            case 0:
                for (int i = 0; i < n; i++) {
                    s += a[i] * b[i];
                }
                return s;
            case 1:
                for (int i = n - 1; i >= 0; i--) {
                    s += a[i] * b[i];
                }
                return s;
            case 2:
                for (int i = 0; i < n; i++) {
                    s = Math.fma(a[i], b[i], s);
                }
                return s;
            default:
                double[] t = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = a[i] * b[i];
                }
                if (order == 3) {
                    return pairwise(t, 0, n);
                }
                Double[] byMagnitude = new Double[n];
                for (int i = 0; i < n; i++) {
                    byMagnitude[i] = t[i];
                }
                java.util.Arrays.sort(byMagnitude, (p, q) -> Double.compare(Math.abs(p), Math.abs(q)));
                for (double v : byMagnitude) {
                    s += v;
                }
                return s;
        }
    }

    private static double pairwise(double[] t, int lo, int hi) {
        if (hi - lo == 1) {
            return t[lo];
        }
        int m = (lo + hi) >>> 1;
        return pairwise(t, lo, m) + pairwise(t, m, hi);
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(dot(v, v, false));
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] / n;
        }
        return u;
    }

    /** mu + t e. */
    private static double[] along(double[] mu, double t, double[] e) {
        double[] h = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            h[i] = mu[i] + t * e[i];
        }
        return h;
    }

    private static Setup randomSetup(Random r, int k, int d, double scale, double biasScale) {
        double[][] mu = new double[k][d];
        double[][] w = new double[k][d];
        double[] b = biasScale == 0.0 ? null : new double[k];
        for (int c = 0; c < k; c++) {
            // means of one norm (3 scale) and w_c near 2 mu_c / scale^2: every class wins at its own mean
            double[] e = new double[d];
            for (int i = 0; i < d; i++) {
                e[i] = r.nextGaussian();
            }
            e = unit(e);
            for (int i = 0; i < d; i++) {
                mu[c][i] = 3 * scale * e[i];
                w[c][i] = 2 * mu[c][i] / (scale * scale) + 0.3 * r.nextGaussian() / scale;
            }
            if (b != null) {
                b[c] = biasScale * r.nextGaussian();
            }
        }
        return new Setup(mu, w, b);
    }

    /**
     * Rows at a fraction of the largest distance the screen accepts, in random directions and in the directions of
     * the nearest other mean and of the other classifier rows (where the margins shrink fastest): every row the screen
     * calls certain votes for its class in both summation orders, and the rows just inside the radius are certain.
     */
    @Test
    void certainRowsVoteForTheirClassWhateverTheOrder() {
        Random r = new Random(11);
        int certainSeen = 0;
        for (double scale : new double[] {1e-120, 1e-3, 1.0, 1e90}) {
            for (double biasScale : new double[] {0.0, 0.2}) {
                int k = 6;
                int d = 9;
                Setup st = randomSetup(r, k, d, scale, biasScale * (scale == 1.0 ? 1.0 : 0.0));
                CertainVotes votes = st.votes();
                for (int y = 0; y < k; y++) {
                    double radius = largestCertain(votes, y, scale);
                    assertTrue(radius > 0, "a radius for class " + y + " at scale " + scale);
                    for (int dir = 0; dir < 2 * k + 4; dir++) {
                        double[] e = direction(r, st, y, dir);
                        for (double f : new double[] {0.3, 0.9, 0.999999, 1.0, 1.000001, 1.5, 3.0}) {
                            double[] h = along(st.mu[y], f * radius, e);
                            if (votes.certain(y, st.residualSq(h, y))) {
                                certainSeen++;
                                assertTrue(st.votesFor(h, y, false) && st.votesFor(h, y, true),
                                        "class " + y + " scale " + scale + " fraction " + f + " direction " + dir);
                            } else {
                                assertTrue(f > 0.99, "a row at " + f + " of the radius is not certain");
                            }
                        }
                    }
                }
            }
        }
        assertTrue(certainSeen > 500, certainSeen + " certain rows");
    }

    /** The largest t below 10 {@code scale} with certain(y, t^2), to the last bit. */
    private static double largestCertain(CertainVotes votes, int y, double scale) {
        double lo = 0.0;
        double hi = 10 * scale;
        for (int i = 0; i < 2200; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (votes.certain(y, mid * mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Direction dir from mu_y: towards mu_c, towards w_c - w_y (c != y; y itself gives a random one), or random. */
    private static double[] direction(Random r, Setup st, int y, int dir) {
        double[] e = new double[st.d];
        if (dir < st.k && dir != y) {
            for (int i = 0; i < st.d; i++) {
                e[i] = st.mu[dir][i] - st.mu[y][i];
            }
        } else if (dir >= st.k && dir < 2 * st.k && dir - st.k != y) {
            for (int i = 0; i < st.d; i++) {
                e[i] = st.w[dir - st.k][i] - st.w[y][i];
            }
        } else {
            for (int i = 0; i < st.d; i++) {
                e[i] = r.nextGaussian();
            }
        }
        return unit(e);
    }

    /**
     * Where rounding decides: means with a large common offset (up to 1e8 times their separations, so ||mu_c||^2 -
     * 2 h.mu_c cancels), classifier rows near the separations (some with the offset too), d up to 64, scales from
     * 1e-200 to 2^500, with and without a bias. Rows at the largest certain distance in the directions of the other
     * means, of the other classifier rows and at random, then pushed outwards an ulp at a time while still certain:
     * every one votes for its class in five summation orders. (Without the radii's rounding terms, or with the
     * nearest-mean radius doubled, hundreds of these rows vote otherwise.)
     */
    @Test
    void rowsAtTheRadiusVoteForTheirClassWhereRoundingDecides() {
        Random r = new Random(21);
        long certainRows = 0;
        for (int trial = 0; trial < 120; trial++) {
            int k = 2 + r.nextInt(5);
            int d = 1 + r.nextInt(trial % 3 == 0 ? 3 : 64);
            double scale = trial % 5 == 0 ? Math.pow(2, 500) : Math.pow(10, -200 + 400 * r.nextDouble());
            double offset = Math.pow(10, r.nextInt(9));
            double[] off = new double[d];
            for (int i = 0; i < d; i++) {
                off[i] = offset * r.nextGaussian();
            }
            double ws = r.nextBoolean() ? 1 / scale : Math.pow(10, -100 + 200 * r.nextDouble());
            double[][] mu = new double[k][d];
            double[][] w = new double[k][d];
            for (int c = 0; c < k; c++) {
                boolean withOffset = r.nextInt(4) == 0;
                for (int i = 0; i < d; i++) {
                    double m0 = r.nextGaussian();
                    mu[c][i] = scale * (off[i] + m0);
                    w[c][i] = ws * (m0 + 0.1 * r.nextGaussian() + (withOffset ? offset * off[i] : 0));
                }
            }
            double[] b = null;
            if (r.nextBoolean()) {
                b = new double[k];
                double bs = ws * scale * Math.pow(10, r.nextInt(8) - 2);
                for (int c = 0; c < k; c++) {
                    b[c] = bs * r.nextGaussian();
                }
            }
            Setup st = new Setup(mu, w, b);
            CertainVotes votes = st.votes();
            double top = 0.0;
            for (int c = 0; c < k; c++) {
                top = Math.max(top, Math.sqrt(st.muNorm[c]));
            }
            for (int y = 0; y < k; y++) {
                double radius = largestCertain(votes, y, 1e3 * top);
                if (!(radius > 0)) {
                    continue;
                }
                for (int dir = 0; dir < 2 * k + 2; dir++) {
                    double[] e = direction(r, st, y, dir);
                    for (double f : new double[] {0.999, 1.0}) {
                        double[] h = along(st.mu[y], f * radius, e);
                        for (int step = 0; step < 3 && votes.certain(y, st.residualSq(h, y)); step++) {
                            certainRows++;
                            for (int order = 0; order < ORDERS; order++) {
                                assertTrue(st.votesFor(h, y, order), "trial " + trial + " class " + y + " direction "
                                        + dir + " fraction " + f + " step " + step + " order " + order);
                            }
                            for (int i = 0; i < d; i++) {
                                h[i] = Math.nextAfter(h[i], h[i] + e[i]);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(certainRows > 1000, certainRows + " certain rows");
    }

    /**
     * On a line, means -1 and 1 and classifier rows -1 and 1, where the bounds are exact (the tie of all three votes is
     * at 0, distance 1 from either mean): the radius falls short of it by rounding only, and the rows just inside vote
     * for their class.
     */
    @Test
    void radiiAreTightWhereTheBoundsAreExact() {
        Setup st = new Setup(new double[][] {{-1}, {1}}, new double[][] {{-1}, {1}}, null);
        CertainVotes votes = st.votes();
        for (int y = 0; y < 2; y++) {
            double radius = largestCertain(votes, y, 1.0);
            assertTrue(radius > 1 - 1e-12 && radius < 1, "radius " + radius);
            double towardsTie = y == 0 ? 1.0 : -1.0;
            for (double f : new double[] {0.5, 1 - 1e-9, 1.0}) {
                double[] h = along(st.mu[y], f * radius, new double[] {towardsTie});
                assertTrue(votes.certain(y, st.residualSq(h, y)) || f == 1.0);
                assertTrue(st.votesFor(h, y, false));
            }
        }
    }

    /** Two equal means, or a classifier tie at the mean itself: no row of those classes is certain, not even the mean. */
    @Test
    void tiesGiveNoRadius() {
        double[][] mu = {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}};
        double[][] w = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        CertainVotes equalMeans = new Setup(mu, w, null).votes();
        assertFalse(equalMeans.certain(0, 0.0));
        assertFalse(equalMeans.certain(2, 0.0));
        assertTrue(equalMeans.certain(1, 0.0));
        // w_c . mu_y + b_c = 1 for c = y and c = 1 (y = 0, 2): classes 0 and 2 tie with class 1 at their own means
        double[][] mu2 = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        CertainVotes biasTie = new Setup(mu2, w, new double[] {0.0, 1.0, 0.0}).votes();
        assertFalse(biasTie.certain(0, 0.0));
        assertFalse(biasTie.certain(2, 0.0));
        assertTrue(biasTie.certain(1, 0.0));
    }

    /** A NaN or an infinity in the means, the classifier or the bias: no radius anywhere, and no exception. */
    @Test
    void nonFiniteInputsGiveNoRadius() {
        for (int what = 0; what < 4; what++) {
            double[][] mu = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
            double[][] w = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
            double[] b = {0.0, 0.0, 0.0};
            switch (what) {
                case 0: mu[1][2] = Double.NaN; break;
                case 1: w[2][0] = Double.POSITIVE_INFINITY; break;
                case 2: b[0] = Double.NaN; break;
                default: mu[0][0] = 1e200; break;
            }
            CertainVotes votes = new Setup(mu, w, b).votes();
            for (int y = 0; y < 3; y++) {
                assertFalse(votes.certain(y, 0.0), "input " + what + ", class " + y);
            }
        }
    }

    /**
     * Pass 2 with and without the screen: every statistic the same, bit for bit, on collapsed features (every row
     * screened), on features where some rows are (the rest gathered for the GEMM) and on spread ones (none), with and
     * without a bias, K below and above d.
     */
    @Test
    void theScreenChangesNoStatistic() throws IOException {
        Random r = new Random(12);
        int checked = 0;
        for (int[] kd : new int[][] {{7, 12}, {12, 5}}) {
            int k = kd[0];
            int d = kd[1];
            int n = 1500;
            int[] y = new int[n];
            for (int j = 0; j < n; j++) {
                y[j] = j < k ? j : r.nextInt(k);
            }
            Setup st = randomSetup(r, k, d, 1.0, 0.1);
            for (double spread : new double[] {1e-9, 0.1, 1.0, 2.0, 8.0}) {
                double[][] h = new double[n][];
                for (int j = 0; j < n; j++) {
                    double[] e = new double[d];
                    for (int i = 0; i < d; i++) {
                        e[i] = r.nextGaussian();
                    }
                    h[j] = along(st.mu[y[j]], spread * r.nextDouble(), unit(e));
                }
                for (double[] b : new double[][] {null, st.b}) {
                    FeatureStatistics.ClassMeans first = FeatureStatistics.firstPass(RowSource.of(h), y, k, 512, null);
                    FeatureStatistics with = FeatureStatistics.secondPass(first, RowSource.of(h), y, st.w, b, null, true);
                    FeatureStatistics without = FeatureStatistics.secondPass(first, RowSource.of(h), y, st.w, b, null,
                            false);
                    String at = "K=" + k + " d=" + d + " spread " + spread + (b == null ? " no bias" : " bias");
                    assertEquals(without.nccMismatch, with.nccMismatch, 0.0, at);
                    assertEquals(without.nccAgreementNoBias, with.nccAgreementNoBias, 0.0, at);
                    assertEquals(without.traceWithin, with.traceWithin, 0.0, at);
                    assertEquals(without.traceWithinOverBetween, with.traceWithinOverBetween, 0.0, at);
                    assertArrayEquals(without.classVariances, with.classVariances, 0.0, at);
                    // the stretches on 2 and 3 threads at once: each gathers into its own rows of the shared buffer
                    for (int t = 2; t <= 3; t++) {
                        try (Chunks chunks = new Chunks(t)) {
                            FeatureStatistics pooled = FeatureStatistics.secondPass(first, RowSource.of(h), y, st.w, b,
                                    chunks, true);
                            assertEquals(with.nccMismatch, pooled.nccMismatch, 0.0, at + ", " + t + " threads");
                            assertEquals(with.nccAgreementNoBias, pooled.nccAgreementNoBias, 0.0, at + ", " + t
                                    + " threads");
                            assertEquals(with.screenedRows, pooled.screenedRows, at + ", " + t + " threads");
                            assertEquals(with.traceWithinOverBetween, pooled.traceWithinOverBetween, 0.0, at);
                        }
                    }
                    assertEquals(0, without.screenedRows, at);
                    if (spread == 1e-9) {
                        // every row inside its class's radius, where the class has one (it wins at its own mean)
                        long inside = insideRadius(new Setup(first.means, st.w, b), h, y);
                        assertTrue(inside > n / 2, at + ": " + inside);
                        assertEquals(inside, with.screenedRows, at);
                    } else if (spread == 1.0) {
                        assertTrue(with.screenedRows > 0 && with.screenedRows < n, at + ": " + with.screenedRows);
                    }
                    checked++;
                }
            }
        }
        assertEquals(20, checked);
        assertEveryRowCertainWhenCollapsed(r);
    }

    /** The rows the radii of {@code st} call certain. */
    private static long insideRadius(Setup st, double[][] h, int[] y) {
        CertainVotes votes = st.votes();
        long inside = 0;
        for (int j = 0; j < h.length; j++) {
            inside += votes.certain(y[j], st.residualSq(h[j], y[j])) ? 1 : 0;
        }
        return inside;
    }

    /** At spread 1e-9 around the means (as pass 2 computes them) every row is inside its radius. */
    private static void assertEveryRowCertainWhenCollapsed(Random r) throws IOException {
        int k = 7;
        int d = 12;
        Setup st = randomSetup(r, k, d, 1.0, 0.1);
        int n = 300;
        int[] y = new int[n];
        double[][] h = new double[n][];
        for (int j = 0; j < n; j++) {
            y[j] = j % k;
            double[] e = new double[d];
            for (int i = 0; i < d; i++) {
                e[i] = r.nextGaussian();
            }
            h[j] = along(st.mu[y[j]], 1e-9, unit(e));
        }
        FeatureStatistics.ClassMeans first = FeatureStatistics.firstPass(RowSource.of(h), y, k, 512, null);
        Setup atMeans = new Setup(first.means, st.w, st.b);
        CertainVotes votes = atMeans.votes();
        for (int j = 0; j < n; j++) {
            assertTrue(votes.certain(y[j], atMeans.residualSq(h[j], y[j])), "row " + j);
        }
    }
}
