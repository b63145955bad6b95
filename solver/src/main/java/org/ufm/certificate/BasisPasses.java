package org.ufm.certificate;

import java.util.List;
import org.ufm.compute.Dot;
import org.ufm.compute.Pieces;

/**
 * The two passes of classical Gram-Schmidt against a list of vectors v_0 .. v_{k-1} of length n, done piece
 * by piece: c = V^T w (all k inner products in one sweep) and w &lt;- w - V c. Within a piece the vectors stream
 * one after the other while the piece of w stays in cache, so each v_j is read once per pass, where a dot and an
 * axpy per vector over the whole length read w 3k times more; the pieces run in parallel on the manifold's
 * threads. The pieces are fixed ({@link Pieces}) and the partial sums are added in piece order: the results are
 * the same, bit for bit, for any number of threads.
 */
final class BasisPasses {

    private final Pieces pieces;
    private double[] partial = new double[0];

    BasisPasses(Pieces pieces) {
        this.pieces = pieces;
    }

    /**
     * c[j] = v_j . w for j &lt; k, in one sweep over the vectors; returns w . w, summed in the same sweep while
     * each piece of w is in cache (piece order, like the coefficients).
     */
    double coefficients(List<double[]> v, int k, double[] w, double[] c) {
        int stride = k + 1;
        if (partial.length < Pieces.COUNT * stride) {
            partial = new double[Pieces.COUNT * Math.max(stride, 2 * partial.length / Pieces.COUNT)];
        }
        double[] part = partial;
        pieces.forEach((from, to, p) -> {
            for (int j = 0; j < k; j++) {
                part[p * stride + j] = Dot.dot(v.get(j), from, w, from, to - from);
            }
            part[p * stride + k] = Dot.squaredNorm(w, from, to - from);
        });
        for (int j = 0; j < k; j++) {
            double s = 0.0;
            for (int p = 0; p < Pieces.COUNT; p++) {
                s += part[p * stride + j];
            }
            c[j] = s;
        }
        double ww = 0.0;
        for (int p = 0; p < Pieces.COUNT; p++) {
            ww += part[p * stride + k];
        }
        return ww;
    }

    /** w &lt;- w - sum_{j &lt; k} c[j] v_j, the terms subtracted in the order j = 0, 1, .... */
    void subtract(List<double[]> v, int k, double[] c, double[] w) {
        pieces.forEach((from, to, p) -> {
            for (int j = 0; j < k; j++) {
                double cj = c[j];
                double[] u = v.get(j);
                for (int i = from; i < to; i++) {
                    w[i] -= cj * u[i];
                }
            }
        });
    }
}
