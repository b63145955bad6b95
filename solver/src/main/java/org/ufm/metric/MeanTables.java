package org.ufm.metric;

import org.ufm.compute.Chunks;
import org.ufm.compute.Dot;

/**
 * The metrics that need only the class means, the centred means, the sample mean and the classifier (pass 1 and W, not
 * pass 2): the K x K products and everything read off them, and the pairs' squared mean distances that CDNV divides
 * by. {@link NeuralCollapseMetrics} computes them beside pass 2 and puts them under their names (SPEC.md 5); NaN
 * where the classifier is absent.
 */
final class MeanTables {
    // nc3_papyan, nc2_etf_W, Tr(Sigma_B), nc2_etf_means, nc2_equinorm_W, nc2_equinorm_means, nc2_equiangular_means,
    // nc3_zhu_product, nc3_yaras_uncentred, bias_relation_zhu; the pairs' squared distances of the means (CDNV); the
    // kernel statistics' mean and variance of ||m_a - m_c|| and of -log ||m_a - m_c|| (m the normalised centred means)
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
            t.biasRelation = biasRelation(w, globalMean, b);
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

    /*
     * The K x K and pair-table loops below are one call per row or per block of SCAN entries, not loops of their own
     * in methods called once: the metrics run once per process, and at K = 1000 such loops ran interpreted until their
     * stack replacement (the square roots of the 499,500 pair distances alone took 21 ms). A method called per row
     * is compiled after a few hundred rows; the sums run in the same order either way.
     */

    /** Entries per call of the pair tables' scans. */
    private static final int SCAN = 1024;

    /** ||W mu_G + b||_2 (b = 0 without a bias): Zhu et al.'s compute_Wh_b_relation. */
    private static double biasRelation(double[][] w, double[] muG, double[] b) {
        double s = 0.0;
        for (int c = 0; c < w.length; c++) {
            double z = dot(w[c], muG) + (b == null ? 0.0 : b[c]);
            s += z * z;
        }
        return Math.sqrt(s);
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

    private static double papyanSelfDuality(double[][] w, double[][] centred) {
        double nw = NeuralCollapseMetrics.frobenius(w);
        double nm = NeuralCollapseMetrics.frobenius(centred);
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
