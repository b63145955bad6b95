package org.ufm.metric;

import org.ufm.compute.Dot;
import org.ufm.compute.Gemm;

/**
 * The K x K tables of the metrics, from the rows (class means, classifier rows) of length d: inner products
 * a_i . b_j by one DGEMM ({@link Gemm}: O(K^2 d) flops at GEMM speed instead of K^2 scalar loops, which took
 * seconds at K = 1000), Gram matrices by one dsyrk (half the GEMM's multiplications), and squared distances
 * ||a_i - a_j||^2 by differences (no cancellation for near rows: the pair tables of {@link PairDistances}
 * fall back to them where the Gram form would cancel). The BLAS kernel orders the sums, the same for any number of
 * our threads.
 */
final class RowProducts {

    private RowProducts() {
    }

    /** The rows as the columns of a d x K column-major array. */
    static double[] columns(double[][] rows, int d) {
        double[] a = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, a, i * d, d);
        }
        return a;
    }

    /** P_ij = a_i . b_j for K_a rows a_i and K_b rows b_j of the same length. */
    static double[][] cross(double[][] a, double[][] b) {
        int ka = a.length;
        int kb = b.length;
        int d = ka == 0 ? 0 : a[0].length;
        double[] c = new double[ka * kb];
        if (d > 0) {
            Gemm.dgemm(true, false, ka, kb, d, 1.0, columns(a, d), 0, d, columns(b, d), 0, d, 0.0, c, 0, ka);
        }
        double[][] p = new double[ka][];
        for (int i = 0; i < ka; i++) {
            p[i] = row(c, ka, kb, i);
        }
        return p;
    }

    /** Row i of the column-major ka x kb matrix c (a method per row: the JIT compiles it after a few rows). */
    private static double[] row(double[] c, int ka, int kb, int i) {
        double[] r = new double[kb];
        for (int j = 0; j < kb; j++) {
            r[j] = c[j * ka + i];
        }
        return r;
    }

    /**
     * G_ij = a_i . a_j, exactly symmetric: the lower triangle by one BLAS dsyrk on the rows as they lie one after the
     * other ({@link Gemm#lowerGramOfColumns}; half the multiplications of the GEMM {@link #cross}(a, a)), mirrored.
     */
    static double[][] gram(double[][] a) {
        int k = a.length;
        int d = k == 0 ? 0 : a[0].length;
        double[][] g = new double[k][k];
        if (d == 0) {
            return g;
        }
        double[] c = Gemm.lowerGramOfColumns(columns(a, d), k);
        for (int j = 0; j < k; j++) {
            mirrorColumn(c, k, j, g);
        }
        return g;
    }

    /** g[i][j] = g[j][i] = c[j k + i] for i &gt;= j: column j of the lower triangle c into both halves of g. */
    private static void mirrorColumn(double[] c, int k, int j, double[][] g) {
        double[] gj = g[j];
        for (int i = j; i < k; i++) {
            double v = c[j * k + i];
            g[i][j] = v;
            gj[i] = v;
        }
    }

    /** ||u - v||^2 in four interleaved partial sums (the order of {@link Dot}). */
    static double squaredDistance(double[] u, double[] v) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int n = u.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double r0 = u[i] - v[i];
            double r1 = u[i + 1] - v[i + 1];
            double r2 = u[i + 2] - v[i + 2];
            double r3 = u[i + 3] - v[i + 3];
            s0 += r0 * r0;
            s1 += r1 * r1;
            s2 += r2 * r2;
            s3 += r3 * r3;
        }
        for (; i < n; i++) {
            double r = u[i] - v[i];
            s0 += r * r;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
