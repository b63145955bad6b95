package org.ufm.verification;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * Every property of the module, runnable against any {@link ModelFactory}: the *Properties test classes
 * run them against the real models, {@code MutationMatrixTest} against each mutant.
 */
enum Property {

    CLOSED_FORM_POINT("closed-form point critical, f = f*") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            qt.forAll(ceBelow(0, 3)).checkAssert(c -> Checks.ceClosedFormPoint(f, c));
            qt.forAll(sphere(0, 3)).checkAssert(c -> Checks.sphereClosedFormPoint(f, c));
        }
    },
    HESSIAN_AT_OPTIMUM("Hessian PSD at optimum, zeros = symmetries") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            qt.forAll(ceBelow(0, 2)).checkAssert(c -> Checks.ceHessianAtOptimum(f, c));
            qt.forAll(sphere(0, 2)).checkAssert(c -> Checks.sphereHessianAtOptimum(f, c));
        }
    },
    SOLVE_REACHES_ETF("Armijo solve reaches f*, ETF, NC1-4") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            qt.forAll(ceBelow(0, 3)).checkAssert(c -> Checks.ceSolveReachesEtf(f, c));
            qt.forAll(sphere(0, 3)).checkAssert(c -> Checks.sphereSolveReachesEtf(f, c));
        }
    },
    ROTATION("rotation invariance") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            qt.forAll(ceAny()).checkAssert(c -> Checks.ceRotation(f, c));
            qt.forAll(sphere(-3, 3)).checkAssert(c -> Checks.sphereRotation(f, c));
        }
    },
    CLASS_PERMUTATION("class permutation invariance") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            qt.forAll(ceAny(), sphere(-3, 3)).checkAssert((c, s) -> Checks.classPermutation(f, c, s));
        }
    },
    SAMPLE_PERMUTATION("sample permutation invariance") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            qt.forAll(ceAny(), sphere(-3, 3)).checkAssert((c, s) -> Checks.samplePermutation(f, c, s));
        }
    },
    ORIGIN("origin spectrum = SPEC 4.1; above threshold solve -> 0") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            qt.forAll(Cases.ce(small(-3, 2), 0.05, 3.0)).checkAssert(c -> Checks.originSpectrum(f, c));
            qt.forAll(Cases.ce(small(-3, 2), 1.02, 3.0)).checkAssert(c -> Checks.aboveThresholdSolveEndsAtOrigin(f, c));
        }
    },
    SPHERE_COLLAPSE_SADDLE("sphere total collapse: strict saddle of SPEC 4.2") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            qt.forAll(Cases.sphere(Cases.shape(2, Budget.maxClasses(), Budget.maxPerClass(), -3, 3, 2), 0.1, 20.0))
                    .checkAssert(c -> Checks.sphereCollapseSaddle(f, c));
        }
    },
    MANIFOLD("retraction/projection on Euclidean, Oblique, Product") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            qt.forAll(integers().between(1, 7).zip(integers().between(1, 6), (d, m) -> new int[] {d, m}),
                    doubles().between(-3, 3), longs().all())
                    .checkAssert((dm, t, seed) -> ManifoldChecks.check(f, dm[0], dm[1], t, seed));
        }
    },
    BELOW_K_MINUS_ONE("d < K-1: no certificate, value above ETF") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            Gen<int[]> ce = integers().between(4, Budget.maxClasses() + 1).zip(integers().between(1, Budget.maxPerClass()),
                    integers().between(1, 10), (k, n, d) -> new int[] {k, n, 1 + (d - 1) % (k - 2)});
            Gen<int[]> sp = integers().between(4, Budget.maxClasses() + 1).zip(integers().between(1, Budget.maxPerClass()),
                    integers().between(2, 10), (k, n, d) -> new int[] {k, n, 2 + (d - 2) % (k - 3)});
            qt.forAll(Cases.ce(ce, 0.05, 0.9), Cases.sphere(sp, 0.5, 6))
                    .checkAssert((c, s) -> Checks.belowKMinusOne(f, c, s));
        }
    },
    DETERMINISM("bit-identical for 1/2 threads and reruns") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            Gen<int[]> big = integers().between(3, 6).zip(integers().between(0, 60), integers().between(0, 3),
                    (k, extra, e) -> new int[] {k, 257 / k + 1 + extra, k - 1 + e});
            qt.forAll(Cases.ce(big, 0.05, 0.9), Cases.sphere(big, 0.5, 6))
                    .checkAssert((c, s) -> Checks.determinism(f, c, s));
        }
    },
    GOLDEN("golden.csv values (closed forms and solves)") {
        @Override
        void run(ModelFactory f, QuickTheory qt) {
            Golden.checkAll(f);
        }
    };

    final String description;

    Property(String description) {
        this.description = description;
    }

    /** Runs the property with the given QuickTheories configuration; throws AssertionError on failure. */
    abstract void run(ModelFactory f, QuickTheory qt);

    /** Runs the property against the real models with the module's budget. */
    void runReal(int fastExamples, int exhaustiveExamples) {
        run(ModelFactory.REAL, qt().withFixedSeed(Budget.SEED).withExamples(Budget.examples(fastExamples, exhaustiveExamples)));
    }

    /** Small shapes: K in [2, maxK], n in [1, maxN], d in [K-1+dLow, K-1+dHigh]. */
    static Gen<int[]> small(int dLow, int dHigh) {
        return Cases.shape(2, Budget.maxClasses(), Budget.maxPerClass(), dLow, dHigh, 1);
    }

    static Gen<Cases.Ce> ceBelow(int dLow, int dHigh) {
        return Cases.ce(small(dLow, dHigh), 0.05, 0.9);
    }

    static Gen<Cases.Ce> ceAny() {
        return Cases.ce(small(-3, 3), 0.05, 3.0);
    }

    /** Sphere cases: d >= 2 (on S^0 nothing can move). */
    static Gen<Cases.Sphere> sphere(int dLow, int dHigh) {
        return Cases.sphere(Cases.shape(2, Budget.maxClasses(), Budget.maxPerClass(), dLow, dHigh, 2), 0.5, 6.0);
    }
}
