package org.ufm.check;

import org.ufm.manifold.Euclidean;
import org.ufm.manifold.Manifold;
import org.ufm.manifold.Oblique;
import org.ufm.manifold.ProductManifold;

/**
 * The exponential map Exp_x(t v) of a manifold, the reference of the retraction check. {@link #of}
 * knows the manifolds whose geodesics have a closed form: Euclidean x + t v; oblique column by column
 * cos(t ||v_j||) x_j + sin(t ||v_j||) v_j / ||v_j|| (x_j when v_j = 0, SPEC.md 2.3); products factor by factor.
 */
@FunctionalInterface
public interface ExponentialMap {

    /** Overwrites out with Exp_x(t v). */
    void exp(double[] x, double[] v, double t, double[] out);

    /** The exponential map of m, or null when its geodesics are not known here. */
    static ExponentialMap of(Manifold m) {
        if (m instanceof Euclidean) {
            return (x, v, t, out) -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = x[i] + t * v[i];
                }
            };
        }
        if (m instanceof Oblique) {
            int d = ((Oblique) m).rows();
            int cols = ((Oblique) m).columns();
            return (x, v, t, out) -> {
                for (int j = 0; j < cols; j++) {
                    int o = j * d;
                    double s = 0;
                    for (int i = 0; i < d; i++) {
                        s += v[o + i] * v[o + i];
                    }
                    double nv = Math.sqrt(s);
                    double c = Math.cos(t * nv);
                    double sn = nv == 0 ? 0 : Math.sin(t * nv) / nv;
                    for (int i = 0; i < d; i++) {
                        out[o + i] = c * x[o + i] + sn * v[o + i];
                    }
                }
            };
        }
        if (m instanceof ProductManifold) {
            ProductManifold p = (ProductManifold) m;
            int r = 0;
            while (p.offset(r) < p.ambientDimension()) {
                r++;
            }
            ExponentialMap[] f = new ExponentialMap[r];
            for (int i = 0; i < r; i++) {
                f[i] = of(p.factor(i));
                if (f[i] == null) {
                    return null;
                }
            }
            return (x, v, t, out) -> {
                for (int i = 0; i < f.length; i++) {
                    int a = p.offset(i);
                    int len = p.offset(i + 1) - a;
                    double[] xs = new double[len];
                    double[] vs = new double[len];
                    double[] os = new double[len];
                    System.arraycopy(x, a, xs, 0, len);
                    System.arraycopy(v, a, vs, 0, len);
                    f[i].exp(xs, vs, t, os);
                    System.arraycopy(os, 0, out, a, len);
                }
            };
        }
        return null;
    }
}
