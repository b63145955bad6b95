package org.ufm.metric;

import java.util.Random;
import org.ufm.closedform.SimplexEtf;

/**
 * Strong neural collapse of Mixon, Parshall and Pi's squared-loss model (SPEC.md 1b, 3.3), on the flat
 * layout [W | H | b] of {@code EuclideanUfm.mixon} (W C x p and H p x CN column-major, b in R^C) with
 * class-major columns (sample i of class c is column c n + i, as {@code Labels.ofClassSizes} gives).
 * Here n is the number of samples per class (Mixon's N) and P_C = I - 11^T/C.
 * <ul>
 * <li>strong-NC point: W W^T = sqrt(n) P_C, H = (1/sqrt n)(W (x) 1_n)^T, b = 1/C (zero residual);</li>
 * <li>the three errors of Mixon's Fig. 1: ||WW^T - sqrt(n) P_C||_F, ||H - (1/sqrt n)(W (x) 1_n)^T||_F/||H||_F,
 * ||b - 1/C||;</li>
 * <li>the subspace S = {H = (1/sqrt n)(W (x) 1_n)^T, 1^T W = 0, b in span(1)} left invariant by gradient
 * flow, its orthogonal projection Pi_S(H, W, b) = ((1/sqrt n)(A (x) 1_n)^T, A, mean(b) 1) with
 * A = P_C (W + sqrt(n) Mbar)/2 (Mbar: class means of H as rows), and the relative distance
 * ||x - Pi_S x|| / ||x|| (Fig. 2).</li>
 * </ul>
 */
public final class StrongCollapse {

    private final int c;
    private final int n;
    private final int p;

    /**
     * @param classes  C >= 2
     * @param perClass n >= 1 samples per class
     * @param dim      p, the feature dimension
     */
    public StrongCollapse(int classes, int perClass, int dim) {
        if (classes < 2 || perClass < 1 || dim < 1) {
            throw new IllegalArgumentException("need C >= 2, n >= 1, p >= 1; got " + classes + ", " + perClass + ", " + dim);
        }
        this.c = classes;
        this.n = perClass;
        this.p = dim;
    }

    /** Length of the flat array: Cp + pCn + C. */
    public int size() {
        return c * p + p * c * n + c;
    }

    private int hOff() {
        return c * p;
    }

    private int bOff() {
        return c * p + p * c * n;
    }

    private double w(double[] x, int cls, int j) {
        return x[cls + j * c];
    }

    /**
     * A strong-NC point W = n^{1/4} P_C Q^T (Q in R^{p x C} with orthonormal columns, random), H = (1/sqrt n)
     * (W (x) 1_n)^T, b = 1/C. Needs p >= C.
     */
    public double[] strongPoint(Random random) {
        if (p < c) {
            throw new IllegalArgumentException("the construction needs p >= C, got p=" + p + ", C=" + c);
        }
        double[][] q = SimplexEtf.randomOrthogonal(p, random);
        double[] x = new double[size()];
        double scale = Math.pow(n, 0.25);
        for (int cls = 0; cls < c; cls++) {
            for (int j = 0; j < p; j++) {
                double s = 0.0;
                for (int l = 0; l < c; l++) {
                    s += ((cls == l ? 1.0 : 0.0) - 1.0 / c) * q[j][l];
                }
                x[cls + j * c] = scale * s;
            }
        }
        fillFeaturesFrom(x, x, 0);
        for (int cls = 0; cls < c; cls++) {
            x[bOff() + cls] = 1.0 / c;
        }
        return x;
    }

    /** Writes H = (1/sqrt n)(A (x) 1_n)^T into out's H block, A read C x p col-major from a at offset aOff. */
    private void fillFeaturesFrom(double[] a, double[] out, int aOff) {
        double inv = 1.0 / Math.sqrt(n);
        for (int cls = 0; cls < c; cls++) {
            for (int i = 0; i < n; i++) {
                int col = hOff() + (cls * n + i) * p;
                for (int j = 0; j < p; j++) {
                    out[col + j] = inv * a[aOff + cls + j * c];
                }
            }
        }
    }

    /** ||W W^T - sqrt(n)(I - 11^T/C)||_F. */
    public double gramDistance(double[] x) {
        double s = 0.0;
        double r = Math.sqrt(n);
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                double g = 0.0;
                for (int j = 0; j < p; j++) {
                    g += w(x, a, j) * w(x, b, j);
                }
                double e = g - r * ((a == b ? 1.0 : 0.0) - 1.0 / c);
                s += e * e;
            }
        }
        return Math.sqrt(s);
    }

    /** ||H - (1/sqrt n)(W (x) 1_n)^T||_F / ||H||_F. */
    public double featureDistance(double[] x) {
        double inv = 1.0 / Math.sqrt(n);
        double num = 0.0;
        double den = 0.0;
        for (int cls = 0; cls < c; cls++) {
            for (int i = 0; i < n; i++) {
                int col = hOff() + (cls * n + i) * p;
                for (int j = 0; j < p; j++) {
                    double h = x[col + j];
                    double e = h - inv * w(x, cls, j);
                    num += e * e;
                    den += h * h;
                }
            }
        }
        return Math.sqrt(num / den);
    }

    /** ||b - (1/C) 1||. */
    public double biasDistance(double[] x) {
        double s = 0.0;
        for (int cls = 0; cls < c; cls++) {
            double e = x[bOff() + cls] - 1.0 / c;
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /** Pi_S(x), the orthogonal projection onto S in the Frobenius norm of (W, H, b). */
    public double[] projectOntoS(double[] x) {
        double[] a = new double[c * p];
        double r = Math.sqrt(n);
        for (int cls = 0; cls < c; cls++) {
            for (int j = 0; j < p; j++) {
                double mean = 0.0;
                for (int i = 0; i < n; i++) {
                    mean += x[hOff() + (cls * n + i) * p + j];
                }
                a[cls + j * c] = 0.5 * (w(x, cls, j) + r * mean / n);
            }
        }
        for (int j = 0; j < p; j++) {
            double m = 0.0;
            for (int cls = 0; cls < c; cls++) {
                m += a[cls + j * c];
            }
            m /= c;
            for (int cls = 0; cls < c; cls++) {
                a[cls + j * c] -= m;
            }
        }
        double[] out = new double[size()];
        System.arraycopy(a, 0, out, 0, c * p);
        fillFeaturesFrom(a, out, 0);
        double mb = 0.0;
        for (int cls = 0; cls < c; cls++) {
            mb += x[bOff() + cls];
        }
        for (int cls = 0; cls < c; cls++) {
            out[bOff() + cls] = mb / c;
        }
        return out;
    }

    /** ||x - Pi_S x|| / ||x|| (NaN at x = 0). */
    public double relativeDistanceToS(double[] x) {
        double[] q = projectOntoS(x);
        double num = 0.0;
        double den = 0.0;
        for (int i = 0; i < x.length; i++) {
            double e = x[i] - q[i];
            num += e * e;
            den += x[i] * x[i];
        }
        return Math.sqrt(num / den);
    }
}
