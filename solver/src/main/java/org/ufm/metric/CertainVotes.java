package org.ufm.metric;

import org.ufm.compute.Dot;
import org.ufm.compute.Gemm;

/**
 * Radii around the class means inside which a row's three votes in pass 2 of {@link FeatureStatistics} are known
 * without its 2K dot products: a row h of class y with ||h - mu_y|| &lt; r_y has mu_y as its nearest class mean and y
 * as argmax_c (W h + b)_c and as argmax_c (W h)_c, as computed in floating point by pass 2 in any summation order
 * (so the row counts as agreeing and not as a mismatch, the same count the products would give). Near neural collapse
 * every row is that close, and the NC4 counts cost O(N d) instead of the GEMM's 4 K N d flops (pass 2 consults the
 * radii only for a stretch where at least half the rows pass {@link Screen}'s cheaper bound; the others take the
 * products).
 *
 * <p>The radii, with rho = ||h - mu_y||, ||h|| &lt;= m_y + rho, m_c = ||mu_c||, M = max m_c, Omega = max ||w_c||,
 * beta = max |b_c|, Delta_yc = ||mu_y - mu_c||, A_yc = (w_y - w_c) . mu_y, and g = 2 gamma_{d+4} (gamma_n = n u /
 * (1 - n u), u = 2^-53; a dot product of length d summed in any order is off by at most gamma_d |x| |y|, Higham 2002,
 * 3.1): pass 2's score muNorm_c - 2 h.mu_c is within g/2 (m_c^2 + 2 ||h|| m_c) of ||h - mu_c||^2 - ||h||^2, and
 * ||h - mu_c||^2 - ||h - mu_y||^2 &gt;= Delta_yc (Delta_yc - 2 rho), so the nearest mean is mu_y, strictly, when
 * rho &lt; (delta_y^2 - 2 g (M^2 + 2 m_y M)) / (2 delta_y + 4 g M), delta_y = min_{c != y} Delta_yc. Pass 2's vote
 * fl(fl(w_c . h) + b_c) is within g/2 (Omega ||h|| + beta) of w_c . h + b_c, and (w_y - w_c) . h &gt;= A_yc - 2 Omega
 * rho, so y wins strictly when rho &lt; (min_{c != y} (A_yc + b_y - b_c) - 4 g (Omega m_y + beta)) / (2 Omega (1 + g))
 * (twice the error of the computed A_yc and b differences included), and likewise with b = 0. Every norm, distance and
 * product here comes from floating point itself: upper bounds are raised and lower bounds lowered by g relatively and
 * by {@link #THETA} absolutely (underflow), so r_y is below the exact radius. Non-finite inputs give no radius.
 */
final class CertainVotes {

    /** An absolute slack above the rounding of subnormal results, added to every error bound. */
    static final double THETA = 0x1p-1000;

    private final double[] radiusSq;
    private final double g;

    private CertainVotes(double[] radiusSq, double g) {
        this.radiusSq = radiusSq;
        this.g = g;
    }

    /**
     * The radii for the class means and classifier as pass 2 holds them: {@code s} the d x 2K column-major matrix
     * with mu_c as column c and w_c as column K + c, {@code muNorm} the computed ||mu_c||^2, {@code b} the bias or
     * null (2 K^2 d flops: one GEMM).
     */
    static CertainVotes of(double[] s, double[] muNorm, double[] b, int k, int d) {
        return of(s, muNorm, largestClassifierSquaredNorm(s, k, d), b, k, d);
    }

    /** As above, with the computed max_c ||w_c||^2 given ({@code wMaxSq}). */
    private static CertainVotes of(double[] s, double[] muNorm, double wMaxSq, double[] b, int k, int d) {
        double g = 2.0 * gamma(d + 4);
        // products[y 2K + c] = mu_c . mu_y (c < K) and w_{c-K} . mu_y (c >= K)
        double[] products = new double[2 * k * k];
        Gemm.dgemm(true, false, 2 * k, k, d, 1.0, s, 0, d, s, 0, d, 0.0, products, 0, 2 * k);
        double mMax = 0.0;
        double[] m = new double[k];
        double omega = upper(Math.sqrt(upper(wMaxSq, g)), g);
        double beta = 0.0;
        for (int c = 0; c < k; c++) {
            m[c] = upper(Math.sqrt(upper(muNorm[c], g)), g);
            mMax = Math.max(mMax, m[c]);
            beta = Math.max(beta, b == null ? 0.0 : Math.abs(b[c]));
        }
        double[] radiusSq = new double[k];
        for (int y = 0; y < k; y++) {
            double r = Math.min(nearestMeanRadius(products, y, k, muNorm, m[y], mMax, g),
                    Math.min(voteRadius(products, y, k, b, m[y], omega, beta, g),
                            voteRadius(products, y, k, null, m[y], omega, 0.0, g)));
            // the quotients' own rounding: lowered by g relatively
            r *= 1.0 - g;
            radiusSq[y] = r > 0 && r < Double.POSITIVE_INFINITY ? r * r * (1.0 - g) : -1.0;
        }
        return new CertainVotes(radiusSq, g);
    }

    /**
     * Whether a row of class y whose computed ||h - mu_y||^2 (pass 2's residual sum) is {@code residualSq} lies
     * inside r_y: the exact squared distance is at most residualSq (1 + g) + THETA.
     */
    boolean certain(int y, double residualSq) {
        return residualSq * (1.0 + g) + THETA < radiusSq[y];
    }

    /** r_y of the nearest mean (not positive, or NaN, where there is none). */
    private static double nearestMeanRadius(double[] p, int y, int k, double[] muNorm, double my, double mMax,
                                            double g) {
        int col = y * 2 * k;
        double deltaSq = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (c != y) {
                // ||mu_y - mu_c||^2 from the Gram, lowered by its rounding (products, norms, the sum)
                double dsq = muNorm[y] + muNorm[c] - 2.0 * p[col + c];
                deltaSq = Math.min(deltaSq, dsq);
            }
        }
        deltaSq -= 8.0 * g * mMax * mMax + 4.0 * THETA;
        if (!(deltaSq > 0)) {
            return -1.0;
        }
        double delta = Math.sqrt(deltaSq) * (1.0 - g);
        double numerator = delta * delta * (1.0 - g) - 2.0 * g * (mMax * mMax + 2.0 * my * mMax) - 4.0 * THETA;
        return numerator / (2.0 * delta + 4.0 * g * mMax);
    }

    /** r_y of argmax (W h + b) (b null: of argmax W h); not positive, or NaN, where there is none. */
    private static double voteRadius(double[] p, int y, int k, double[] b, double my, double omega, double beta,
                                     double g) {
        int col = y * 2 * k + k;
        double own = p[col + y];
        double margin = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (c != y) {
                double a = own - p[col + c] + (b == null ? 0.0 : b[y] - b[c]);
                margin = Math.min(margin, a);
            }
        }
        if (!(Math.abs(margin) < Double.POSITIVE_INFINITY)) {
            // a NaN, or finite inputs whose products overflow: no radius, rather than one resting on an infinity
            return -1.0;
        }
        // omega >= THETA > 0 (an upper bound); the quotient is NaN where omega or beta is not finite
        return (margin - 4.0 * g * (omega * my + beta) - 4.0 * THETA) / (2.0 * omega * (1.0 + g));
    }

    /** x (1 + g) + THETA: an upper bound of a non-negative computed quantity off by at most g relatively. */
    private static double upper(double x, double g) {
        return x * (1.0 + g) + THETA;
    }

    /** max_c ||w_c||^2 over the classifier columns K..2K-1 of {@code s} (any summation order: within g/2 of it). */
    private static double largestClassifierSquaredNorm(double[] s, int k, int d) {
        double max = 0.0;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, Dot.squaredNorm(s, (k + c) * d, d));
        }
        return max;
    }

    /**
     * The radii of pass 2, built on first use: only where at least half of a stretch's rows lie within a cheap bound
     * on r_y from one other class, y' = y + 1 mod K: the smaller of ||mu_y - mu_{y'}|| / 2 and, for each vote, its
     * margin over y' at mu_y divided by 2 ||w||_max (O(K d) in all), so that far from collapse, where no row would be
     * certain, the radii's K x K products are not computed. Either way a row's votes are pass 2's floating-point
     * ones (a row within rounding of a tie may vote either way as its stretch's GEMM changes shape, with the screen
     * or without it).
     */
    static final class Screen {
        private final double[] s;
        private final double[] muNorm;
        private final double[] b;
        private final int k;
        private final int d;
        private final double wMaxSq;
        private final double[] capSq;
        /** Built once, by the first stretch that asks; guarded by this. */
        private CertainVotes votes;

        /** For pass 2's means (rows), {@code s}, {@code muNorm} and bias, as in {@link CertainVotes#of}. */
        Screen(double[][] means, double[] s, double[] muNorm, double[] b, int k, int d) {
            this.s = s;
            this.muNorm = muNorm;
            this.b = b;
            this.k = k;
            this.d = d;
            wMaxSq = largestClassifierSquaredNorm(s, k, d);
            double omega = Math.sqrt(wMaxSq);
            capSq = new double[k];
            for (int y = 0; y < k; y++) {
                int other = (y + 1) % k;
                double cap = Math.sqrt(RowProducts.squaredDistance(means[y], means[other])) / 2;
                // (w_y - w_other) . mu_y, with and without b, over 2 max ||w_c||
                double margin = Dot.dot(s, (k + y) * d, means[y], 0, d) - Dot.dot(s, (k + other) * d, means[y], 0, d);
                cap = Math.min(cap, margin / (2 * omega));
                if (b != null) {
                    cap = Math.min(cap, (margin + b[y] - b[other]) / (2 * omega));
                }
                capSq[y] = cap > 0 ? cap * cap : -1.0;
            }
        }

        /** Whether a row of class y at computed squared distance {@code residualSq} from mu_y may be certain. */
        boolean within(int y, double residualSq) {
            return residualSq < capSq[y];
        }

        /** The radii (2 K^2 d flops the first time). */
        synchronized CertainVotes votes() {
            if (votes == null) {
                votes = CertainVotes.of(s, muNorm, wMaxSq, b, k, d);
            }
            return votes;
        }
    }

    /** gamma_n = n u / (1 - n u), u = 2^-53. */
    static double gamma(int n) {
        double nu = n * 0x1p-53;
        return nu / (1.0 - nu);
    }
}
