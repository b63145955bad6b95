package org.ufm.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.ufm.compute.Chunks;
import org.ufm.manifold.Manifold;
import org.ufm.model.ColumnLoss;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;

/**
 * Deliberately broken models, test-only wrappers around the solver's classes (the solver's main code is
 * untouched). Each models a plausible bug; {@code MutationMatrixTest} shows which properties catch which.
 */
final class Mutants {

    private Mutants() {
    }

    /** A mutant factory: by default builds the real model; each mutant overrides what it breaks. */
    abstract static class Mutant implements ModelFactory {
        private final String name;

        Mutant(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public UfmModel euclidean(String n, Labels labels, int d, double lw, double lh, double lb, boolean bias,
                                  ColumnLoss loss, Chunks chunks) {
            return REAL.euclidean(n, labels, d, lw, lh, lb, bias, loss, chunks);
        }

        @Override
        public UfmModel sphere(Labels labels, int d, double tau, Chunks chunks) {
            return REAL.sphere(labels, d, tau, chunks);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** lambda_H used in place of lambda_W (a consistent but wrong model). */
    static final ModelFactory LAMBDA_H_FOR_W = new Mutant("lambdaH-for-lambdaW") {
        @Override
        public UfmModel euclidean(String n, Labels labels, int d, double lw, double lh, double lb, boolean bias,
                                  ColumnLoss loss, Chunks chunks) {
            return REAL.euclidean(n, labels, d, lh, lh, lb, bias, loss, chunks);
        }
    };

    /** The gradient forgets the weight decay of H (value and Hessian right). */
    static final ModelFactory GRADIENT_WITHOUT_H_DECAY = new Mutant("grad-misses-H-decay") {
        @Override
        public UfmModel euclidean(String n, Labels labels, int d, double lw, double lh, double lb, boolean bias,
                                  ColumnLoss loss, Chunks chunks) {
            EuclideanUfm m = (EuclideanUfm) REAL.euclidean(n, labels, d, lw, lh, lb, bias, loss, chunks);
            return new ForwardingModel(m) {
                @Override
                public double valueAndGradient(double[] x, double[] grad) {
                    double f = inner.valueAndGradient(x, grad);
                    for (int i = m.hOffset(); i < m.hOffset() + d * labels.samples(); i++) {
                        grad[i] -= lh * x[i];
                    }
                    return f;
                }
            };
        }
    };

    /** The Hessian-vector product forgets the weight decay of W (value and gradient right). */
    static final ModelFactory HESSIAN_WITHOUT_W_DECAY = new Mutant("hess-misses-W-decay") {
        @Override
        public UfmModel euclidean(String n, Labels labels, int d, double lw, double lh, double lb, boolean bias,
                                  ColumnLoss loss, Chunks chunks) {
            UfmModel m = REAL.euclidean(n, labels, d, lw, lh, lb, bias, loss, chunks);
            return new ForwardingModel(m) {
                @Override
                public void hessianTimes(double[] x, double[] v, double[] out) {
                    inner.hessianTimes(x, v, out);
                    for (int i = 0; i < labels.classes() * d; i++) {
                        out[i] -= lw * v[i];
                    }
                }
            };
        }
    };

    /**
     * The Hessian-vector product forgets the cross term G dH^T of the W block (the part that makes the
     * origin a saddle; a Gauss-Newton-like slip).
     */
    static final ModelFactory HESSIAN_WITHOUT_CROSS_TERM = new Mutant("hess-misses-G-dH^T") {
        @Override
        public UfmModel euclidean(String n, Labels labels, int d, double lw, double lh, double lb, boolean bias,
                                  ColumnLoss loss, Chunks chunks) {
            EuclideanUfm m = (EuclideanUfm) REAL.euclidean(n, labels, d, lw, lh, lb, bias, loss, chunks);
            int k = labels.classes();
            return new ForwardingModel(m) {
                @Override
                public void hessianTimes(double[] x, double[] v, double[] out) {
                    inner.hessianTimes(x, v, out);
                    double[] g = m.logitGradient(x); // K x N column-major
                    for (int j = 0; j < labels.samples(); j++) {
                        for (int i = 0; i < d; i++) {
                            double dh = v[m.hOffset() + j * d + i];
                            for (int c = 0; c < k; c++) {
                                out[c + i * k] -= g[j * k + c] * dh;
                            }
                        }
                    }
                }
            };
        }
    };

    /** The sphere model's logits use tau/2 (a scale convention slip). */
    static final ModelFactory HALF_TAU = new Mutant("sphere-half-tau") {
        @Override
        public UfmModel sphere(Labels labels, int d, double tau, Chunks chunks) {
            return REAL.sphere(labels, d, tau / 2, chunks);
        }
    };

    /** An extra penalty (mu/2) sum_{i in S} x_i^2, consistent in value, gradient and Hessian. */
    static final class ExtraDecay extends ForwardingModel {
        private final int[] indices;
        private final double mu;

        ExtraDecay(UfmModel inner, int[] indices, double mu) {
            super(inner);
            this.indices = indices;
            this.mu = mu;
        }

        private double penalty(double[] x) {
            double s = 0;
            for (int i : indices) {
                s += x[i] * x[i];
            }
            return 0.5 * mu * s;
        }

        @Override
        public double value(double[] x) {
            return inner.value(x) + penalty(x);
        }

        @Override
        public double valueAndGradient(double[] x, double[] grad) {
            double f = inner.valueAndGradient(x, grad);
            for (int i : indices) {
                grad[i] += mu * x[i];
            }
            return f + penalty(x);
        }

        @Override
        public void hessianTimes(double[] x, double[] v, double[] out) {
            inner.hessianTimes(x, v, out);
            for (int i : indices) {
                out[i] += mu * v[i];
            }
        }
    }

    /** A mutant adding an extra decay on the coordinates that {@code select} picks from a layout. */
    private static ModelFactory extraDecay(String name, Function<Layout, int[]> select) {
        return new Mutant(name) {
            @Override
            public UfmModel euclidean(String n, Labels labels, int d, double lw, double lh, double lb, boolean bias,
                                      ColumnLoss loss, Chunks chunks) {
                EuclideanUfm m = (EuclideanUfm) REAL.euclidean(n, labels, d, lw, lh, lb, bias, loss, chunks);
                return new ExtraDecay(m, select.apply(Layout.of(m)), Math.max(lw, lh));
            }

            @Override
            public UfmModel sphere(Labels labels, int d, double tau, Chunks chunks) {
                SphereUfm m = (SphereUfm) REAL.sphere(labels, d, tau, chunks);
                return new ExtraDecay(m, select.apply(Layout.of(m)), 0.1);
            }
        };
    }

    /** Weight decay depends on the coordinate (extra on coordinate 0 of every feature): breaks rotations. */
    static final ModelFactory ANISOTROPIC = extraDecay("anisotropic-decay", l -> {
        int[] idx = new int[l.samples];
        for (int j = 0; j < l.samples; j++) {
            idx[j] = l.featureIndex(j, 0);
        }
        return idx;
    });

    /** Class 0 gets extra weight decay (on coordinate 0 of w_0, non-constant on the sphere too). */
    static final ModelFactory CLASS_ZERO = extraDecay("class0-extra-decay", l -> new int[] {l.classIndex(0, 0)});

    /** Sample 0 gets extra weight decay (on coordinate 0 of h_0). */
    static final ModelFactory SAMPLE_ZERO = extraDecay("sample0-extra-decay", l -> new int[] {l.featureIndex(0, 0)});

    /** The value carries run-dependent rounding noise, as a reduction whose order follows thread timing would. */
    static final ModelFactory NOISY = new Mutant("run-dependent-rounding") {
        private final Random noise = new Random();

        private UfmModel noisy(UfmModel m) {
            return new ForwardingModel(m) {
                private double jitter(double f) {
                    return f + (noise.nextInt(3) - 1) * Math.ulp(f);
                }

                @Override
                public double value(double[] x) {
                    return jitter(inner.value(x));
                }

                @Override
                public double valueAndGradient(double[] x, double[] grad) {
                    return jitter(inner.valueAndGradient(x, grad));
                }
            };
        }

        @Override
        public UfmModel euclidean(String n, Labels labels, int d, double lw, double lh, double lb, boolean bias,
                                  ColumnLoss loss, Chunks chunks) {
            return noisy(REAL.euclidean(n, labels, d, lw, lh, lb, bias, loss, chunks));
        }

        @Override
        public UfmModel sphere(Labels labels, int d, double tau, Chunks chunks) {
            return noisy(REAL.sphere(labels, d, tau, chunks));
        }
    };

    /** A manifold that forwards everything; manifold mutants override one operation. */
    static class ForwardingManifold implements Manifold {
        final Manifold inner;

        ForwardingManifold(Manifold inner) {
            this.inner = inner;
        }

        @Override
        public int ambientDimension() {
            return inner.ambientDimension();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public void project(double[] x, double[] u, double[] out) {
            inner.project(x, u, out);
        }

        @Override
        public void retract(double[] x, double[] xi, double t, double[] out) {
            inner.retract(x, xi, t, out);
        }

        @Override
        public void ehessToRhess(double[] x, double[] egrad, double[] ehess, double[] xi, double[] out) {
            inner.ehessToRhess(x, egrad, ehess, xi, out);
        }

        @Override
        public double constraintViolation(double[] x) {
            return inner.constraintViolation(x);
        }

        @Override
        public void randomPoint(Random random, double scale, double[] out) {
            inner.randomPoint(random, scale, out);
        }
    }

    /** A sphere model whose manifold is replaced by {@code wrap} of its own. */
    private static UfmModel withManifold(UfmModel m, Manifold wrapped) {
        return new ForwardingModel(m) {
            @Override
            public Manifold manifold() {
                return wrapped;
            }
        };
    }

    /** Manifold mutant: the retraction forgets to renormalise (x + t xi on every factor). */
    static final ModelFactory RETRACTION_NOT_NORMALISED = new Mutant("retract-no-normalise") {
        @Override
        public Manifold manifold(Manifold m) {
            return new ForwardingManifold(m) {
                @Override
                public void retract(double[] x, double[] xi, double t, double[] out) {
                    for (int i = 0; i < x.length; i++) {
                        out[i] = x[i] + t * xi[i];
                    }
                }
            };
        }

        @Override
        public UfmModel sphere(Labels labels, int d, double tau, Chunks chunks) {
            UfmModel m = REAL.sphere(labels, d, tau, chunks);
            return withManifold(m, manifold(m.manifold()));
        }
    };

    /** Manifold mutant: the projection removes only half of the normal component. */
    static final ModelFactory HALF_PROJECTION = new Mutant("project-half-normal") {
        @Override
        public Manifold manifold(Manifold m) {
            return new ForwardingManifold(m) {
                @Override
                public void project(double[] x, double[] u, double[] out) {
                    double[] p = new double[u.length];
                    inner.project(x, u, p);
                    for (int i = 0; i < u.length; i++) {
                        out[i] = 0.5 * (u[i] + p[i]);
                    }
                }

                @Override
                public void egradToRgrad(double[] x, double[] egrad, double[] out) {
                    project(x, egrad, out);
                }
            };
        }

        @Override
        public UfmModel sphere(Labels labels, int d, double tau, Chunks chunks) {
            UfmModel m = REAL.sphere(labels, d, tau, chunks);
            return withManifold(m, manifold(m.manifold()));
        }
    };

    /** Every mutant, in report order. */
    static List<ModelFactory> all() {
        List<ModelFactory> list = new ArrayList<>();
        list.add(LAMBDA_H_FOR_W);
        list.add(GRADIENT_WITHOUT_H_DECAY);
        list.add(HESSIAN_WITHOUT_W_DECAY);
        list.add(HESSIAN_WITHOUT_CROSS_TERM);
        list.add(HALF_TAU);
        list.add(ANISOTROPIC);
        list.add(CLASS_ZERO);
        list.add(SAMPLE_ZERO);
        list.add(NOISY);
        list.add(RETRACTION_NOT_NORMALISED);
        list.add(HALF_PROJECTION);
        return list;
    }
}
