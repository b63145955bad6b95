package org.ufm.verification;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.quicktheories.core.Gen;

/** Generated problem instances and their QuickTheories generators. */
final class Cases {

    private Cases() {
    }

    /**
     * A Euclidean UFM instance: K classes of n samples, feature dimension d, weight decays, bias mode,
     * and the seed of everything random inside a check (initial points, rotations, permutations).
     * c = K sqrt(n lambda_W lambda_H) is the threshold ratio (closed form non-zero iff c < 1).
     */
    record Ce(int k, int n, int d, double lw, double lh, double lb, boolean bias, long seed) {
        double c() {
            return k * Math.sqrt(n * lw * lh);
        }

        @Override
        public String toString() {
            return String.format("Ce[K=%d n=%d d=%d lw=%.17g lh=%.17g lb=%s bias=%s seed=%d c=%.4f]",
                    k, n, d, lw, lh, lb, bias, seed, c());
        }
    }

    /** A sphere UFM instance: K classes of n samples, dimension d, inverse temperature tau, seed. */
    record Sphere(int k, int n, int d, double tau, long seed) {
        @Override
        public String toString() {
            return String.format("Sphere[K=%d n=%d d=%d tau=%.17g seed=%d]", k, n, d, tau, seed);
        }
    }

    /** (K, n, d) with K in [kMin, kMax], n in [1, nMax], d = max(dMin, K-1+e), e in [dLow, dHigh]. */
    static Gen<int[]> shape(int kMin, int kMax, int nMax, int dLow, int dHigh, int dMin) {
        return integers().between(kMin, kMax).zip(integers().between(1, nMax), integers().between(dLow, dHigh),
                (k, n, e) -> new int[] {k, n, Math.max(dMin, k - 1 + e)});
    }

    /**
     * Euclidean cases with c drawn uniformly in [cLow, cHigh] and lambda_W/lambda_H log-uniform in
     * [1/10, 10] (so lambda_W != lambda_H almost surely); bias mode: none, lambda_b = 0, lambda_b = 1e-3.
     */
    static Gen<Ce> ce(Gen<int[]> shapes, double cLow, double cHigh) {
        Gen<double[]> lambdas = doubles().between(cLow, cHigh).zip(doubles().between(Math.log(0.1), Math.log(10)),
                (c, logRatio) -> new double[] {c, Math.exp(logRatio)});
        return shapes.zip(lambdas, integers().between(0, 2), longs().all(), (s, l, mode, seed) -> {
            int k = s[0];
            int n = s[1];
            double product = l[0] * l[0] / ((double) k * k * n); // lambda_W lambda_H
            double lw = Math.sqrt(product * l[1]);
            double lh = product / lw;
            return new Ce(k, n, s[2], lw, lh, mode == 2 ? 1e-3 : 0.0, mode != 0, seed);
        });
    }

    /** Sphere cases with tau uniform in [tauLow, tauHigh]. */
    static Gen<Sphere> sphere(Gen<int[]> shapes, double tauLow, double tauHigh) {
        return shapes.zip(doubles().between(tauLow, tauHigh), longs().all(),
                (s, tau, seed) -> new Sphere(s[0], s[1], s[2], tau, seed));
    }
}
