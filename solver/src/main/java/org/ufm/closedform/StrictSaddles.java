package org.ufm.closedform;

import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;

/**
 * The explicit strict saddles of SPEC.md 4 with their negative-curvature directions and predicted curvature
 * ({@code certificate.Saddles} measures them and starts the escape).
 * <ul>
 * <li>CE (4.1): the origin W = H = 0, b = 0, critical for balanced classes; on the pair
 * (Delta W, Delta H) = (alpha u a^T, beta a v^T), (u, v, sigma) the top singular triple of
 * grad_Z g(0) = (1/N)(11^T/K - Y) (sigma = 1/(K sqrt n)) and a any unit vector of R^d, the Hessian acts as
 * [[lambda_W, -sigma], [-sigma, lambda_H]] (the sign from u^T G v with G = grad_Z g), whose smallest
 * eigenvalue (lambda_W + lambda_H)/2 - sqrt(((lambda_W - lambda_H)/2)^2 + 1/(K^2 n)) is lambda_min, with
 * multiplicity (K-1) d (one per singular pair and per a).</li>
 * <li>Sphere (4.2): total collapse w_k = h_j = e_1; with tangent u_k ⊥ e_1, ubar their mean and
 * xi = (u_k; v_j = u_{y_j} - ubar), &lt;xi, Hess xi&gt; = -(2 tau/N) sum_j ||u_{y_j} - ubar||^2.</li>
 * </ul>
 */
public final class StrictSaddles {

    private StrictSaddles() {
    }

    /** SPEC 4.1's lambda_min at the origin: (lW + lH)/2 - sqrt(((lW - lH)/2)^2 + 1/(K^2 n)). */
    public static double originMinEigenvalue(int k, int n, double lambdaW, double lambdaH) {
        double s = 1.0 / (k * Math.sqrt(n));
        return 0.5 * (lambdaW + lambdaH) - Math.sqrt(0.25 * (lambdaW - lambdaH) * (lambdaW - lambdaH) + s * s);
    }

    /** The origin saddle of a balanced CE model and its exact eigenvector of lambda_min (a = e_1). */
    public static StrictSaddle origin(EuclideanUfm model) {
        Labels labels = model.labels();
        if (!labels.isBalanced()) {
            throw new IllegalArgumentException("the origin is a critical point only for balanced classes");
        }
        int k = labels.classes();
        int n = labels.samples();
        int d = model.dim();
        double[] x = new double[model.ambientDimension()];
        double[][] g = new double[k][n];
        double[] flat = model.logitGradient(x);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < k; i++) {
                g[i][j] = flat[i + j * k];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(g, false));
        double[] u = svd.getU().getColumn(0);
        double[] v = svd.getV().getColumn(0);
        double sigma = svd.getSingularValues()[0];
        double lw = model.lambdaW();
        double lh = model.lambdaH();
        // [[lw, -sigma], [-sigma, lh]] on (alpha, beta): <Delta, Hess Delta> = lw a^2 + lh b^2 + 2 alpha beta u^T G v... with
        // Delta H = beta a v^T the cross term is 2 alpha beta <G, u a^T a v^T> = 2 alpha beta sigma, so the matrix is
        // [[lw, sigma], [sigma, lh]]; its smallest eigenvector is (sigma, mu - lw) for mu the smallest eigenvalue.
        double mu = 0.5 * (lw + lh) - Math.sqrt(0.25 * (lw - lh) * (lw - lh) + sigma * sigma);
        double alpha = sigma;
        double beta = mu - lw;
        double norm = Math.hypot(alpha, beta);
        alpha /= norm;
        beta /= norm;
        double[] dir = new double[x.length];
        for (int i = 0; i < k; i++) {
            dir[i] = alpha * u[i]; // column 0 of W (a = e_1)
        }
        int h = model.hOffset();
        for (int j = 0; j < n; j++) {
            dir[h + j * d] = beta * v[j]; // row 0 of H
        }
        // each of the K-1 equal singular values sigma = 1/(K sqrt n) of G pairs with each of the d directions of a:
        // (K-1) d blocks [[lw, sigma], [sigma, lh]], negative-definite in one direction iff sigma^2 > lw lh, i.e.
        // below the threshold; above it the origin is the minimiser and nothing is negative
        return new StrictSaddle(x, dir, mu, mu, mu < 0 ? (k - 1) * d : 0);
    }

    /** The total-collapse saddle of the sphere model with a direction built from seeded random u_k ⊥ e_1. */
    public static StrictSaddle totalCollapse(SphereUfm model, long seed) {
        Labels labels = model.labels();
        int k = labels.classes();
        int n = labels.samples();
        int d = model.dim();
        if (d < 2) {
            throw new IllegalArgumentException("total collapse needs d >= 2");
        }
        double[] x = new double[model.ambientDimension()];
        for (int c = 0; c < k + n; c++) {
            x[c * d] = 1.0;
        }
        Random random = new Random(seed);
        double[][] u = new double[k][d];
        double[] ubar = new double[d];
        for (int i = 0; i < k; i++) {
            for (int j = 1; j < d; j++) {
                u[i][j] = random.nextGaussian();
                ubar[j] += u[i][j] / k;
            }
        }
        double[] xi = new double[x.length];
        for (int i = 0; i < k; i++) {
            System.arraycopy(u[i], 0, xi, i * d, d);
        }
        double sum = 0.0;
        int h = model.hOffset();
        for (int s = 0; s < n; s++) {
            int y = labels.label(s);
            for (int j = 0; j < d; j++) {
                double vj = u[y][j] - ubar[j];
                xi[h + s * d + j] = vj;
                sum += vj * vj;
            }
        }
        double quad = -(2 * model.tau() / n) * sum;
        double nn = 0.0;
        for (double v : xi) {
            nn += v * v;
        }
        for (int i = 0; i < xi.length; i++) {
            xi[i] /= Math.sqrt(nn);
        }
        return new StrictSaddle(x, xi, quad / nn, quad, -1);
    }

}
