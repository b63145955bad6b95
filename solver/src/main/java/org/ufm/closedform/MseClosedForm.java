package org.ufm.closedform;

import java.util.Random;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;

/**
 * The global minimum of the balanced MSE UFM (SPEC.md 1e, 3.4; Han et al., Zhou et al., Tirer and Bruna)
 * f = (1/(2N))||WH + b1^T - Y||_F^2 + (lambda_W/2)||W||_F^2 + (lambda_H/2)||H||_F^2 + (lambda_b/2)||b||^2,
 * with u = K sqrt(n lambda_W lambda_H) and g(u) = u - u^2/2 for u &lt; 1, 1/2 for u &gt;= 1:
 * <ul>
 * <li>bias, lambda_b = 0: f* = ((K-1)/K) g(u), b* = 1/K, WH* = (1-u)_+ P_K Y (simplex ETF; d >= K-1);</li>
 * <li>no bias: f* = g(u), WH* = (1-u)_+ Y (orthogonal frame; d >= K);</li>
 * <li>bias, lambda_b &gt; 0 (derived here, not in SPEC): f* = ((K-1)/K) g(u) + (1/K) r, where the rank-one
 * part (1/K) 1 1^T of Y is shared by b = beta 1 and a singular value sigma_0 of WH: with q = u (1 + 1/lambda_b),
 * r = u - q u/2 if q &lt; 1 (then sigma_0 &gt; 0 and d >= K is needed), else r = lambda_b/(2(1 + lambda_b))
 * with sigma_0 = 0 and beta = 1/(K(1 + lambda_b)).</li>
 * </ul>
 * The lifting min_{WH=Z} (lambda_W||W||^2 + lambda_H||H||^2)/2 = sqrt(lambda_W lambda_H)||Z||_* (d >= rank Z)
 * makes the problem convex in (Z, b); the three cases are its singular-value-wise solutions.
 */
public final class MseClosedForm {

    /** u = K sqrt(n lambda_W lambda_H) = sqrt(K N lambda_W lambda_H); W = H = 0 iff u >= 1. */
    public final double u;
    /** The optimal value f*. */
    public final double fstar;
    /** ||W||_F^2 at the optimum. */
    public final double wNorm2;
    /** ||H||_F^2 at the optimum. */
    public final double hNorm2;
    /** The optimal bias b* = beta 1 (0 without bias). */
    public final double beta;
    /** The smallest d for which f* is attained (K-1 or K). */
    public final int minDim;

    private MseClosedForm(double u, double fstar, double wNorm2, double hNorm2, double beta, int minDim) {
        this.u = u;
        this.fstar = fstar;
        this.wNorm2 = wNorm2;
        this.hNorm2 = hNorm2;
        this.beta = beta;
        this.minDim = minDim;
    }

    private static double g(double u) {
        return u < 1.0 ? u - 0.5 * u * u : 0.5;
    }

    /**
     * The closed form for K classes of n samples (any lambda_W, lambda_H, lambda_b >= 0).
     *
     * @param bias    whether the model has a bias
     * @param lambdaB the decay of the bias (ignored without bias)
     */
    public static MseClosedForm of(int k, int n, double lambdaW, double lambdaH, boolean bias, double lambdaB) {
        double sq = Math.sqrt(lambdaW * lambdaH);
        double u = k * Math.sqrt(n) * sq;
        double shrink = Math.max(0.0, 1.0 - u);
        // Sum over the K-1 (bias) or K (no bias) singular values sqrt(n) of the target of sigma = sqrt(n)(1-u)_+,
        // split by balance lambda_W ||W||^2 = lambda_H ||H||^2 = sqrt(lambda_W lambda_H) ||Z||_*.
        double ratioW = lambdaW > 0 && lambdaH > 0 ? Math.sqrt(lambdaH / lambdaW) : 1.0;
        if (!bias) {
            double nuc = k * Math.sqrt(n) * shrink;
            return new MseClosedForm(u, g(u), ratioW * nuc, nuc / ratioW, 0.0, k);
        }
        double nuc = (k - 1) * Math.sqrt(n) * shrink;
        double base = (k - 1.0) / k * g(u);
        if (lambdaB == 0.0) {
            return new MseClosedForm(u, base, ratioW * nuc, nuc / ratioW, 1.0 / k, k - 1);
        }
        double q = u * (1.0 + 1.0 / lambdaB);
        if (q < 1.0) {
            double sigma0 = Math.sqrt(n) * (1.0 - q);
            double r = u - 0.5 * q * u;
            // t = beta sqrt(K N) = sqrt(n) u / lambda_b
            double beta = Math.sqrt(n) * u / lambdaB / Math.sqrt((double) k * k * n);
            return new MseClosedForm(u, base + r / k, ratioW * (nuc + sigma0), (nuc + sigma0) / ratioW, beta, k);
        }
        double r = lambdaB / (2.0 * (1.0 + lambdaB));
        return new MseClosedForm(u, base + r / k, ratioW * nuc, nuc / ratioW, 1.0 / (k * (1.0 + lambdaB)), k - 1);
    }

    /** True when u >= 1: the only minimiser has W = H = 0. */
    public boolean atOrigin() {
        return u >= 1.0;
    }

    /**
     * The optimal value of a squared-loss model (the caller, the variant's description, knows the loss), or
     * null when no closed form applies (imbalanced classes with decay, d too small for the optimal rank, decay on only one of W, H). Without
     * any decay (Mixon's model) f* = 0 for any class sizes. A data weight a (f = a mse + decay) is
     * handled by f*(lambda) = a f*_mse(lambda / a).
     */
    public static Double optimum(EuclideanUfm model) {
        Labels labels = model.labels();
        boolean noDecayW = model.lambdaW() == 0.0;
        boolean noDecayH = model.lambdaH() == 0.0;
        if (noDecayW != noDecayH) {
            return null; // infimum 0 approached by rescaling (W, H) -> (t W, H/t), never attained
        }
        if (noDecayW && (!model.hasBias() || model.lambdaB() == 0.0)) {
            // interpolation: WH = Y - b1^T has rank K-1 for any b with 1^T b = 1 (bias) or K (no bias); any sizes
            return model.dim() >= (model.hasBias() ? labels.classes() - 1 : labels.classes()) ? 0.0 : null;
        }
        if (!labels.isBalanced()) {
            return null;
        }
        double a = model.dataWeight();
        MseClosedForm cf = of(labels.classes(), labels.perClass(), model.lambdaW() / a, model.lambdaH() / a,
                model.hasBias(), model.lambdaB() / a);
        boolean needsRank = cf.wNorm2 > 0 || (cf.u < 1.0 && model.lambdaW() == 0.0);
        if (needsRank && model.dim() < cf.minDim) {
            return null;
        }
        return a * cf.fstar;
    }

    /**
     * An explicit optimal point (weight 1, bias with lambda_b = 0 or no bias, lambda_W, lambda_H &gt; 0):
     * W = alpha E with E a randomly rotated simplex ETF (bias) or orthonormal rows (no bias),
     * h_j = sqrt(lambda_W/(lambda_H n)) w_{y_j}, b = 1/K.
     */
    public static double[] optimalPoint(EuclideanUfm model, Random random) {
        Labels labels = model.labels();
        int k = labels.classes();
        int d = model.dim();
        int n = labels.perClass();
        if (model.hasBias() && model.lambdaB() != 0.0) {
            throw new IllegalArgumentException("explicit point only for lambda_b = 0 or no bias");
        }
        MseClosedForm cf = of(k, n, model.lambdaW(), model.lambdaH(), model.hasBias(), 0.0);
        double[] x = new double[model.ambientDimension()];
        if (model.hasBias()) {
            for (int i = 0; i < k; i++) {
                x[model.bOffset() + i] = 1.0 / k;
            }
        }
        if (cf.atOrigin()) {
            return x;
        }
        double[][] q = SimplexEtf.randomOrthogonal(d, random);
        double[][] e;
        if (model.hasBias()) {
            e = SimplexEtf.rows(k, d, q);
        } else {
            e = new double[k][d];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < d; j++) {
                    e[i][j] = q[j][i];
                }
            }
        }
        double alpha = Math.sqrt(cf.wNorm2 / k);
        double ratio = Math.sqrt(model.lambdaW() / (model.lambdaH() * n));
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                x[i + j * k] = alpha * e[i][j];
            }
        }
        int h = model.hOffset();
        for (int s = 0; s < labels.samples(); s++) {
            int y = labels.label(s);
            for (int j = 0; j < d; j++) {
                x[h + s * d + j] = ratio * alpha * e[y][j];
            }
        }
        return x;
    }
}
