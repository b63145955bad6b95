package org.ufm.reproduce;

import java.util.Arrays;
import java.util.Random;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;
import org.ufm.solver.GradientDescent;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.StopReason;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * SPEC.md 6.2 protocol: Armijo (R)GD (c1 = 1e-4, halving, initial step 2 x last: {@link GradientDescent#armijo()})
 * from a random start until the relative gap (f - f*)/f* &lt; 1e-6; the iteration count, or censored when the
 * budget ran out or the solver stopped for another reason. Median over seeds.
 */
final class GapIterations {

    /** Relative gap target of SPEC.md 6.2. */
    static final double REL_GAP = 1e-6;

    /** One run: iterations, or -1 when censored, with the stop reason and final relative gap. */
    static final class Outcome {
        final int iterations;
        final StopReason reason;
        final double relGap;

        Outcome(int iterations, StopReason reason, double relGap) {
            this.iterations = iterations;
            this.reason = reason;
            this.relGap = relGap;
        }

        boolean reached() {
            return iterations >= 0;
        }
    }

    private GapIterations() {
    }

    /** The sphere model of K classes, n per class, dimension d, scale tau, from the seed's random point. */
    static Outcome sphere(int k, int n, int d, double tau, long seed, int budget, Chunks chunks) {
        SphereUfm model = new SphereUfm(Labels.balanced(k, n), d, tau, chunks);
        return run(model, SphereClosedForm.fstar(k, tau), seed, budget);
    }

    /** The regularised CE model (lambda_W = lambda_H = lambda, no bias), from a N(0,1) start. */
    static Outcome euclidean(int k, int n, int d, double lambda, long seed, int budget, Chunks chunks) {
        EuclideanUfm model = EuclideanUfm.crossEntropy(Labels.balanced(k, n), d, lambda, lambda, 0.0, false, chunks);
        return run(model, CrossEntropyClosedForm.of(k, n, lambda, lambda).fstar, seed, budget);
    }

    private static Outcome run(UfmModel model, double fstar, long seed, int budget) {
        double[] x0 = new double[model.ambientDimension()];
        model.initialPoint(new Random(seed), 1.0, x0);
        StoppingCriterion stop = StoppingCriterion.any(StoppingCriterion.notFinite(),
                StoppingCriterion.relativeGap(fstar, REL_GAP),
                StoppingCriterion.maxIterations(budget));
        Result r = GradientDescent.armijo().minimize(new Problem(model.manifold(), model), x0, stop,
                new Trace(false));
        double rel = (r.cost() - fstar) / fstar;
        boolean ok = r.stopReason() == StopReason.OPTIMUM_REACHED;
        return new Outcome(ok ? r.iterations() : -1, r.stopReason(), rel);
    }

    /** Median of the iteration counts, censored runs counting as infinite; -1 when the median is censored. */
    static int median(Outcome[] runs) {
        double[] v = new double[runs.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = runs[i].reached() ? runs[i].iterations : Double.POSITIVE_INFINITY;
        }
        Arrays.sort(v);
        double m = v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
        return Double.isInfinite(m) ? -1 : (int) Math.round(m);
    }

    /** A table cell: the median, or "> budget" when censored. */
    static String cell(int median, int budget) {
        return median >= 0 ? Integer.toString(median) : "> " + budget;
    }
}
