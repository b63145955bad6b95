package org.ufm.verification;

import org.ufm.model.EuclideanUfm;
import org.ufm.model.SphereUfm;

/**
 * Where the d-vectors of a UFM live in its flat array: classifier w_k, feature h_j, bias b. Used to apply
 * the symmetries of SPEC.md 3.5 (a rotation acts on every w_k and h_j, a class permutation on the w_k, b
 * and labels, a sample permutation on the h_j) to points and, identically, to gradients.
 */
final class Layout {

    final int k;
    final int d;
    final int samples;
    private final int hOffset;
    private final int bOffset;
    private final boolean classRowsStrided;

    private Layout(int k, int d, int samples, int hOffset, int bOffset, boolean classRowsStrided) {
        this.k = k;
        this.d = d;
        this.samples = samples;
        this.hOffset = hOffset;
        this.bOffset = bOffset;
        this.classRowsStrided = classRowsStrided;
    }

    /** W (K x d column-major, so w_k is strided) | H (d x N column-major) | b. */
    static Layout of(EuclideanUfm m) {
        return new Layout(m.labels().classes(), m.dim(), m.labels().samples(), m.hOffset(), m.bOffset(), true);
    }

    /** [W | H] in OB(d, K+N): w_k and h_j are contiguous columns. */
    static Layout of(SphereUfm m) {
        return new Layout(m.labels().classes(), m.dim(), m.labels().samples(), m.hOffset(), -1, false);
    }

    /** Index of coordinate i of w_c. */
    int classIndex(int c, int i) {
        return classRowsStrided ? c + i * k : c * d + i;
    }

    /** Index of coordinate i of h_j. */
    int featureIndex(int j, int i) {
        return hOffset + j * d + i;
    }

    /** Index of b_c, or -1 without bias. */
    int biasIndex(int c) {
        return bOffset < 0 ? -1 : bOffset + c;
    }

    /** Every w_k and h_j replaced by R w_k, R h_j (R d x d); b unchanged. */
    double[] rotate(double[] x, double[][] r) {
        double[] out = x.clone();
        double[] v = new double[d];
        for (int c = 0; c < k + samples; c++) {
            for (int i = 0; i < d; i++) {
                v[i] = x[c < k ? classIndex(c, i) : featureIndex(c - k, i)];
            }
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += r[i][l] * v[l];
                }
                out[c < k ? classIndex(c, i) : featureIndex(c - k, i)] = s;
            }
        }
        return out;
    }

    /**
     * The point with w_{pi(c)} = old w_c, b_{pi(c)} = old b_c, and h_j = old h_{sigma(j)}; pi = classPerm,
     * sigma = sampleSource.
     */
    double[] permute(double[] x, int[] classPerm, int[] sampleSource) {
        double[] out = x.clone();
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                out[classIndex(classPerm[c], i)] = x[classIndex(c, i)];
            }
            if (biasIndex(c) >= 0) {
                out[biasIndex(classPerm[c])] = x[biasIndex(c)];
            }
        }
        for (int j = 0; j < samples; j++) {
            for (int i = 0; i < d; i++) {
                out[featureIndex(j, i)] = x[featureIndex(sampleSource[j], i)];
            }
        }
        return out;
    }

    /** The classifier rows of x (K x d). */
    double[][] classRows(double[] x) {
        double[][] w = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                w[c][i] = x[classIndex(c, i)];
            }
        }
        return w;
    }

    /** The feature columns of x (N x d). */
    double[][] featureRows(double[] x) {
        double[][] h = new double[samples][d];
        for (int j = 0; j < samples; j++) {
            for (int i = 0; i < d; i++) {
                h[j][i] = x[featureIndex(j, i)];
            }
        }
        return h;
    }
}
