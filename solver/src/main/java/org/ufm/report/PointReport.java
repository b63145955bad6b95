package org.ufm.report;

import java.util.concurrent.CancellationException;
import org.ufm.certificate.Certificate;
import org.ufm.certificate.LargestSingularValue;
import org.ufm.certificate.OptimumDistance;
import org.ufm.certificate.SecondOrderCertificate;
import org.ufm.metric.FeatureStatistics;
import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.model.LogitsEngine;
import org.ufm.model.UfmModel;
import org.ufm.solver.Problem;
import org.ufm.variant.Variant;
import org.ufm.variant.VariantExtras;
import org.ufm.variant.Variants;

/**
 * Everything the library certifies about one point x of a model, without moving it: the first-order and global
 * certificates ({@link Certificate}), the second-order certificate, the NC metrics, the distance to the
 * closed-form minimiser and the variant's extras. Problems with K N &gt; {@value #METRICS_LIMIT} get only the
 * optimum, the first-order and global certificates ({@link #certifies}) and the extras that
 * need no K x N view (the rest is null).
 *
 * @param cost               f(x)
 * @param gradNorm           ||grad f(x)|| (Riemannian)
 * @param settings           the tolerances used
 * @param optimum            the closed-form f*, or null
 * @param noOptimumReason    why there is no f*, when {@code optimum} is null
 * @param certificate        first-order and global certificate, or null (problem too large)
 * @param secondOrder        the second-order certificate, or null (not asked for, or problem too large)
 * @param distance           the distance to the closed-form minimiser, or null
 * @param metrics            NC1-NC4 and their variants, or null (too large, or W and H numerically zero)
 * @param metricsUndefinedAtOrigin whether the metrics are undefined because ||W||, ||H|| are below
 *                           {@link NeuralCollapseMetrics#ORIGIN_NORM}
 * @param metricsNotFinite   whether the metrics are undefined because the point, or the metrics computed there,
 *                           are not finite (never 0 or "collapsed" at a NaN point)
 * @param extras             the variant's extras
 * @param seconds            wall-clock seconds of each part of the certification
 */
public record PointReport(double cost, double gradNorm, CertificationSettings settings, Double optimum,
                          String noOptimumReason, Certificate certificate, SecondOrderCertificate secondOrder,
                          Double distance, NeuralCollapseMetrics metrics, boolean metricsUndefinedAtOrigin,
                          boolean metricsNotFinite, VariantExtras extras, CertificationSeconds seconds) {

    /** Largest K N for which the metrics, the second-order certificate and the distance are computed. */
    public static final long METRICS_LIMIT = 50_000_000L;
    /**
     * Largest K N for which the global certificate is computed above {@value LargestSingularValue#DENSE_LIMIT}
     * classes: sigma_max by Lanczos needs the K x N logit gradient (1.6 GB at this limit) and two matrix-vector
     * products per step. Up to that many classes the certificate has no such limit ({@link #certifies}).
     */
    public static final long CERTIFICATE_LIMIT = 200_000_000L;

    /**
     * Whether the global certificate is computed for the model: always up to {@value
     * LargestSingularValue#DENSE_LIMIT} classes (sigma_max from the K x K Gram accumulated block by block, O(K^2)
     * memory, K^2 N multiply-adds: about a third of one evaluation at d = 512), above that up to K N =
     * {@value #CERTIFICATE_LIMIT}.
     */
    public static boolean certifies(UfmModel model) {
        int k = model.labels().classes();
        return k <= LargestSingularValue.DENSE_LIMIT || (long) k * model.labels().samples() <= CERTIFICATE_LIMIT;
    }

    /** Evaluates f and its Riemannian gradient at x and certifies x (the point is not moved). */
    public static PointReport at(UfmModel model, double[] x, CertificationSettings settings) {
        Problem problem = new Problem(model.manifold(), model);
        double[] egrad = new double[x.length];
        double[] rgrad = new double[x.length];
        double cost = problem.costAndGradient(x, egrad, rgrad);
        return of(model, x, cost, model.manifold().norm(x, rgrad), settings);
    }

    /** Certifies x whose f(x) and ||grad f(x)|| are already known (a solver's result). */
    public static PointReport of(UfmModel model, double[] x, double cost, double gradNorm,
                                 CertificationSettings settings) {
        return of(model, x, cost, gradNorm, settings, null);
    }

    /**
     * As {@link #of(UfmModel, double[], double, double, CertificationSettings)}, with the first-order and global
     * certificate already computed at x with the settings' tolerances ({@code known}, used as it is), or null.
     */
    public static PointReport of(UfmModel model, double[] x, double cost, double gradNorm,
                                 CertificationSettings settings, Certificate known) {
        long kn = (long) model.labels().classes() * model.labels().samples();
        boolean small = kn <= METRICS_LIMIT;
        long start = System.nanoTime();
        // the NC metrics read x only (never the model's evaluation buffers): where the heap has room for both at once
        // they run on their own thread beside the certificates, which evaluate the model, and the distance
        boolean metricsWanted = small && settings.metrics();
        Side side = new Side(model, x, metricsWanted);
        Thread beside = metricsWanted && side.fitsBeside(kn) ? new Thread(side, "ufm-certify") : null;
        if (beside != null) {
            beside.start();
        }
        // the global certificate first: its sigma_max can make the second-order one a bound without a Hessian product
        // (above the dense limit), so it is computed there even where it cannot decide the global verdict
        boolean secondOrderWanted = small && settings.secondOrder();
        long t = System.nanoTime();
        Certificate cert = known != null ? known : certifies(model)
                ? Certificate.of(model, x, cost, gradNorm, settings.gradTolerance(), settings.gapTolerance(),
                secondOrderWanted && SecondOrderCertificate.mayTakeSigmaBound(model)) : null;
        double globalSeconds = CertificationSeconds.since(t);
        t = System.nanoTime();
        SecondOrderCertificate second = secondOrderWanted
                ? secondOrder(model, x, cert == null ? null : cert.sigmaMax) : null;
        double secondSeconds = CertificationSeconds.since(t);
        t = System.nanoTime();
        Double optimum = cert != null ? cert.optimum : Certificate.optimum(model);
        Variant v = Variants.of(model);
        String why = optimum != null || v == null ? null : v.noOptimumReason(model);
        VariantExtras extras = v == null ? VariantExtras.NONE : v.extras(model, x, small);
        double extrasSeconds = CertificationSeconds.since(t);
        t = System.nanoTime();
        Double distance = small && settings.distance() ? OptimumDistance.of(model, x) : null;
        double distanceSeconds = CertificationSeconds.since(t);
        if (beside != null) {
            side.await(beside);
        } else {
            side.run();
        }
        CertificationSeconds seconds = new CertificationSeconds(secondSeconds, distanceSeconds, globalSeconds,
                side.metricsSeconds + extrasSeconds, CertificationSeconds.since(start));
        return new PointReport(cost, gradNorm, settings, optimum, why, cert, second, distance, side.metrics,
                side.atOrigin, side.notFinite, extras, seconds);
    }

    /** The NC metrics at x (where wanted: not too large, not --no-metrics), with the seconds they took. */
    private static final class Side implements Runnable {
        private final UfmModel model;
        private final double[] x;
        private final boolean wanted;
        NeuralCollapseMetrics metrics;
        boolean atOrigin;
        boolean notFinite;
        double metricsSeconds;
        private RuntimeException failure;
        private Error error;

        Side(UfmModel model, double[] x, boolean wanted) {
            this.model = model;
            this.x = x;
            this.wanted = wanted;
        }

        /**
         * Whether half the free heap holds, at once, this side's arrays and what the main thread holds meanwhile, in
         * doubles (H is read in place): the metrics' copy of W, means and tables of K x d (5 K d), their two blocks of
         * rows (2 B d, B = {@link FeatureStatistics#blockRows}), the second pass's products over a block
         * ((min(d, K) + 2K + 1) B) with its screen's 2K x K products ({@link FeatureStatistics}), and at the
         * same time their K x K tables with their flat copies (8 K^2), Sigma_B's range
         * with LAPACK's work space (3 min(d, K)^2) and the copies of the rows the products take (2 K d); the global
         * certificate's two partial K x K Grams with two K x {@value LogitsEngine#MAX_BLOCK} buffers each up to
         * {@value LargestSingularValue#DENSE_LIMIT} classes ({@link UfmModel#logitGradientGram}), above that the K x N
         * logit gradient and a copy (2 K N); the distance's two points (2 (K + N) d, about the point's size twice).
         */
        boolean fitsBeside(long kn) {
            Runtime rt = Runtime.getRuntime();
            long k = model.labels().classes();
            long d = model.dim();
            long block = FeatureStatistics.blockRows(model.labels().samples(), model.dim());
            long r = Math.min(d, k);
            long metrics = 7L * k * d + 2L * block * d + (r + 2L * k + 1) * block + 10L * k * k + 3L * r * r;
            long certificate = k <= LargestSingularValue.DENSE_LIMIT ? 2L * (k * k + 2L * k * LogitsEngine.MAX_BLOCK)
                    : 2L * kn;
            long need = 8L * (metrics + certificate + 2L * model.ambientDimension());
            long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            return need <= free / 2;
        }

        @Override
        public void run() {
            try {
                long t = System.nanoTime();
                double[][] rowsW = wanted ? model.classifierRows(x) : null;
                int n = model.labels().samples();
                int d = model.dim();
                atOrigin = wanted && NeuralCollapseMetrics.undefinedAt(rowsW, x, model.hOffset(), n, d);
                metrics = wanted && !atOrigin ? NeuralCollapseMetrics.at(rowsW, x, model.hOffset(), n, d,
                        model.labels().toArray(), model.bias(x), model.chunks()) : null;
                notFinite = wanted && !atOrigin && metrics == null;
                metricsSeconds = CertificationSeconds.since(t);
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                error = e;
            }
        }

        /** Waits for {@code thread} (running this) to end, then rethrows what it threw. */
        void await(Thread thread) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the side work is short and its results are wanted: finish, then pass it on
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            if (error != null) {
                throw error;
            }
        }
    }

    /**
     * The second-order certificate (from sigma_max where the variant gives a bound, {@link SecondOrderCertificate#of(
     * UfmModel, double[], double, Double)}), or null when an interrupt (Ctrl-C) cancels its Lanczos iteration.
     */
    private static SecondOrderCertificate secondOrder(UfmModel model, double[] x, Double sigmaMax) {
        try {
            return SecondOrderCertificate.of(model, x, SecondOrderCertificate.DEFAULT_TOLERANCE, sigmaMax);
        } catch (CancellationException e) {
            return null;
        }
    }

    /** f - f*, or null. */
    public Double gap() {
        return optimum == null ? null : cost - optimum;
    }

    /** Whether ||grad f|| is within the tolerance. */
    public boolean firstOrder() {
        return gradNorm <= settings.gradTolerance();
    }

    /** Whether the global certificate holds (false when it was not computed). */
    public boolean global() {
        return certificate != null && certificate.global;
    }
}
