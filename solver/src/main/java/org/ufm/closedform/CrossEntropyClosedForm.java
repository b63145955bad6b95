package org.ufm.closedform;

import java.util.Random;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;

/**
 * The global minimum of the balanced CE UFM with weight decay (SPEC.md 3.1; Zhu et al. Thm 3.1).
 * With s = sqrt(n lambda_W lambda_H) and c = K s: if c &lt; 1 then
 * rho* = ((K-1)/K) log(1/s - (K-1)), f* = -log(1 - (K-1)s) + (K-1) s log(1/s - (K-1)), attained by a
 * simplex ETF W with ||w_k||^2 = sqrt(n lambda_H/lambda_W) rho* and h_{k,i} = sqrt(lambda_W/(lambda_H n)) w_k
 * (needs d >= K-1); if c >= 1 the only minimiser is W = H = 0 with f* = log K (any d). Any lambda_b,
 * with or without bias: b* = 0.
 */
public final class CrossEntropyClosedForm {

    /** K s = sqrt(K N lambda_W lambda_H); the closed form is non-zero iff this is &lt; 1. */
    public final double c;
    /** rho* = w_k^T h_{k,i} at the optimum (0 above the threshold). */
    public final double rho;
    /** The optimal value f*. */
    public final double fstar;
    /** ||w_k||^2 at the optimum. */
    public final double w2;
    /** ||h_{k,i}||^2 at the optimum. */
    public final double h2;
    /** Softmax probability of the true class at the optimum. */
    public final double pStar;

    private CrossEntropyClosedForm(double c, double rho, double fstar, double w2, double h2, double pStar) {
        this.c = c;
        this.rho = rho;
        this.fstar = fstar;
        this.w2 = w2;
        this.h2 = h2;
        this.pStar = pStar;
    }

    /** The closed form for K classes of n samples with weight decays lambda_W, lambda_H. */
    public static CrossEntropyClosedForm of(int k, int n, double lambdaW, double lambdaH) {
        double c = k * Math.sqrt(n * lambdaW * lambdaH);
        if (c >= 1.0) {
            return new CrossEntropyClosedForm(c, 0.0, Math.log(k), 0.0, 0.0, 1.0 / k);
        }
        double e = c / (k - c * (k - 1));
        double rho = (k - 1.0) / k * Math.log(1.0 / e);
        double fstar = Math.log(k / (k - c * (k - 1))) + c * rho;
        double w2 = rho * Math.sqrt(n * lambdaH / lambdaW);
        double h2 = rho * Math.sqrt(lambdaW / (n * lambdaH));
        return new CrossEntropyClosedForm(c, rho, fstar, w2, h2, 1.0 / (1.0 + (k - 1) * e));
    }

    /** True when sqrt(lambda_W lambda_H) >= 1/(K sqrt n): the only minimiser is the origin. */
    public boolean atOrigin() {
        return c >= 1.0;
    }

    /**
     * The optimal value of a cross-entropy model, or null when no closed form applies (imbalanced classes,
     * no decay on W or H, or d &lt; K-1 below the threshold, where the ETF does not exist). The caller
     * (the variant's description) knows the model's loss is cross-entropy.
     */
    public static Double optimum(EuclideanUfm model) {
        Labels labels = model.labels();
        if (!labels.isBalanced()) {
            return null;
        }
        int k = labels.classes();
        CrossEntropyClosedForm cf = of(k, labels.perClass(), model.lambdaW(), model.lambdaH());
        if (!cf.atOrigin() && model.dim() < k - 1) {
            return null;
        }
        if (model.lambdaW() == 0.0 || model.lambdaH() == 0.0) {
            return null;
        }
        return cf.fstar;
    }

    /**
     * The explicit optimal point of SPEC.md 3.6 in the model's layout: W* = ||w|| times a simplex ETF
     * rotated by a Haar-random orthogonal matrix from {@code random} (null: not rotated, supported on the first K - 1
     * coordinates), h_j = sqrt(lambda_W/(lambda_H n)) w_{y_j}, b* = 0.
     */
    public static double[] optimalPoint(EuclideanUfm model, Random random) {
        Labels labels = model.labels();
        int k = labels.classes();
        int d = model.dim();
        int n = labels.perClass();
        CrossEntropyClosedForm cf = of(k, n, model.lambdaW(), model.lambdaH());
        double[] x = new double[model.ambientDimension()];
        if (cf.atOrigin()) {
            return x;
        }
        double[][] etf = SimplexEtf.rows(k, d, random == null ? null : SimplexEtf.randomOrthogonal(d, random));
        double wn = Math.sqrt(cf.w2);
        double ratio = Math.sqrt(model.lambdaW() / (model.lambdaH() * n));
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                x[i + j * k] = wn * etf[i][j];
            }
        }
        // h_s = ratio wn e_{y_s}: each class's column once, then copied to its samples
        double[][] column = new double[k][d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                column[i][j] = ratio * wn * etf[i][j];
            }
        }
        int h = model.hOffset();
        for (int s = 0; s < labels.samples(); s++) {
            System.arraycopy(column[labels.label(s)], 0, x, h + s * d, d);
        }
        return x;
    }
}
