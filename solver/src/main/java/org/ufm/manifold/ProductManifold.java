package org.ufm.manifold;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The product M_1 x ... x M_r: a point is the concatenation of the factors' flat arrays, the metric is
 * the sum of the factors' metrics, and every operation acts factor by factor.
 */
public final class ProductManifold implements Manifold {

    private final Manifold[] factors;
    private final int[] offsets;
    private final int ambient;
    private final int dim;

    /** The product of the given factors, in order. */
    public ProductManifold(List<Manifold> factors) {
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("a product manifold needs at least one factor");
        }
        this.factors = factors.toArray(new Manifold[0]);
        this.offsets = new int[this.factors.length + 1];
        int a = 0;
        int dd = 0;
        for (int i = 0; i < this.factors.length; i++) {
            offsets[i] = a;
            a += this.factors[i].ambientDimension();
            dd += this.factors[i].dimension();
        }
        offsets[this.factors.length] = a;
        this.ambient = a;
        this.dim = dd;
    }

    /** Offset of factor i in the flat array. */
    public int offset(int i) {
        return offsets[i];
    }

    /** Factor i. */
    public Manifold factor(int i) {
        return factors[i];
    }

    @Override
    public int ambientDimension() {
        return ambient;
    }

    @Override
    public int dimension() {
        return dim;
    }

    private double[] slice(double[] a, int i) {
        return Arrays.copyOfRange(a, offsets[i], offsets[i + 1]);
    }

    private void put(double[] part, double[] out, int i) {
        System.arraycopy(part, 0, out, offsets[i], part.length);
    }

    @Override
    public void project(double[] x, double[] u, double[] out) {
        for (int i = 0; i < factors.length; i++) {
            double[] o = slice(u, i);
            factors[i].project(slice(x, i), o, o);
            put(o, out, i);
        }
    }

    @Override
    public void retract(double[] x, double[] xi, double t, double[] out) {
        for (int i = 0; i < factors.length; i++) {
            double[] o = new double[offsets[i + 1] - offsets[i]];
            factors[i].retract(slice(x, i), slice(xi, i), t, o);
            put(o, out, i);
        }
    }

    @Override
    public void transport(double[] x, double[] y, double[] xi, double[] out) {
        for (int i = 0; i < factors.length; i++) {
            double[] o = slice(xi, i);
            factors[i].transport(slice(x, i), slice(y, i), o, o);
            put(o, out, i);
        }
    }

    @Override
    public void ehessToRhess(double[] x, double[] egrad, double[] ehess, double[] xi, double[] out) {
        for (int i = 0; i < factors.length; i++) {
            double[] o = new double[offsets[i + 1] - offsets[i]];
            factors[i].ehessToRhess(slice(x, i), slice(egrad, i), slice(ehess, i), slice(xi, i), o);
            put(o, out, i);
        }
    }

    /** sqrt of the sum of the factors' squared typical distances (Manopt's productmanifold). */
    @Override
    public double typicalDistance() {
        double s = 0.0;
        for (Manifold f : factors) {
            double t = f.typicalDistance();
            s += t * t;
        }
        return Math.sqrt(s);
    }

    @Override
    public double constraintViolation(double[] x) {
        double worst = 0.0;
        for (int i = 0; i < factors.length; i++) {
            worst = Math.max(worst, factors[i].constraintViolation(slice(x, i)));
        }
        return worst;
    }

    @Override
    public void randomPoint(Random random, double scale, double[] out) {
        for (int i = 0; i < factors.length; i++) {
            double[] o = new double[offsets[i + 1] - offsets[i]];
            factors[i].randomPoint(random, scale, o);
            put(o, out, i);
        }
    }

    @Override
    public String toString() {
        return "Product" + Arrays.toString(factors);
    }
}
