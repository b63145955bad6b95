package org.ufm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ufm.compute.Chunks;
import org.ufm.manifold.Manifold;

/** Every model's gradient and Hessian-vector product against central finite differences, several shapes. */
class GradientTest {

    private static final Chunks ONE = new Chunks(1);

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("ce bias lb>0 K4 n5 d8", EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 1e-3, true, ONE)),
                Arguments.of("ce bias lb=0 K3 n2 d2", EuclideanUfm.crossEntropy(Labels.balanced(3, 2), 2, 1e-2, 3e-2, 0.0, true, ONE)),
                Arguments.of("ce no bias K5 n3 d7", EuclideanUfm.crossEntropy(Labels.balanced(5, 3), 7, 0.1, 0.02, 0.0, false, ONE)),
                Arguments.of("ce imbalanced", EuclideanUfm.crossEntropy(Labels.ofClassSizes(new int[] {3, 1, 2}), 4, 1e-2, 1e-2, 1e-2, true, ONE)),
                Arguments.of("ce K600 N=1200 (3 blocks of 256)", EuclideanUfm.crossEntropy(Labels.balanced(600, 2), 3, 1e-3, 1e-3, 1e-3, true, ONE)),
                Arguments.of("mse bias lb>0 K4 n5 d8", EuclideanUfm.meanSquared(Labels.balanced(4, 5), 8, 5e-4, 1e-3, 1e-2, true, ONE)),
                Arguments.of("mse no bias imbalanced", EuclideanUfm.meanSquared(Labels.ofClassSizes(new int[] {3, 1, 2}), 4, 1e-2, 1e-2, 0, false, ONE)),
                Arguments.of("mixon c=1 C3 n3 p15", EuclideanUfm.mixon(Labels.ofClassSizes(new int[] {3, 3, 3}), 15, 1.0, ONE)),
                Arguments.of("ulpm K4 n5 d8", EuclideanUfm.ulpm(Labels.balanced(4, 5), 8, ONE)),
                Arguments.of("weighted squared loss a=3.7 with decay", new EuclideanUfm("weighted", Labels.balanced(3, 4), 5,
                        2e-2, 3e-2, 1e-2, true, SquaredLoss.INSTANCE, 3.7, ONE)),
                Arguments.of("ce ulpm (no decay)", EuclideanUfm.crossEntropy(Labels.balanced(4, 2), 3, 0, 0, 0, false, ONE)),
                Arguments.of("sphere K4 n5 d8 tau5", new SphereUfm(Labels.balanced(4, 5), 8, 5.0, ONE)),
                Arguments.of("sphere K3 n4 d2 tau1", new SphereUfm(Labels.balanced(3, 4), 2, 1.0, ONE)),
                Arguments.of("sphere K700 n1 d3 tau20 (3 blocks of 256)", new SphereUfm(Labels.balanced(700, 1), 3, 20.0, ONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientMatchesCentralDifferences(String name, UfmModel model) {
        Random rnd = new Random(name.hashCode());
        Manifold m = model.manifold();
        for (int trial = 0; trial < 3; trial++) {
            double[] x = new double[m.ambientDimension()];
            m.randomPoint(rnd, 0.7, x);
            double[] egrad = new double[x.length];
            double f = model.valueAndGradient(x, egrad);
            assertEquals(model.value(x), f, 1e-14 * Math.max(1, Math.abs(f)), "value and valueAndGradient agree");
            double[] rgrad = new double[x.length];
            m.egradToRgrad(x, egrad, rgrad);
            double[] v = new double[x.length];
            m.randomTangent(x, rnd, v);
            double exact = FiniteDifferences.dot(rgrad, v);
            double fd = FiniteDifferences.directional(model, m, x, v, 1e-5);
            double scale = Math.max(1e-3, FiniteDifferences.norm(rgrad));
            assertEquals(exact, fd, 1e-7 * scale, name + ": <grad f, v> vs central difference");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void euclideanHessianMatchesDifferencesOfGradients(String name, UfmModel model) {
        Random rnd = new Random(~name.hashCode());
        int n = model.ambientDimension();
        double[] x = new double[n];
        model.manifold().randomPoint(rnd, 0.7, x);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        double[] hv = new double[n];
        model.hessianTimes(x, v, hv);
        double[] fd = FiniteDifferences.hessianTimes(model, x, v, 1e-5);
        double err = 0.0;
        for (int i = 0; i < n; i++) {
            err = Math.max(err, Math.abs(hv[i] - fd[i]));
        }
        double scale = Math.max(1e-3, FiniteDifferences.norm(hv) / Math.sqrt(n));
        assertTrue(err <= 1e-6 * Math.max(1, scale * 10), name + ": max |Hv - fd| = " + err);
    }
}
