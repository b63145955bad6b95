package org.ufm.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.model.UfmModel;
import org.ufm.solver.IterationListener;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.Problem;
import org.ufm.solver.Result;
import org.ufm.solver.Solver;
import org.ufm.solver.StoppingCriterion;
import org.ufm.solver.Trace;

/**
 * One solve of a UFM with its trace sampled at roughly logarithmically spaced iterations (every
 * iteration up to 10, then steps of about 5 %, and the last one): iteration, seconds, gap f - f*,
 * gradient norm and, optionally, the four NC metrics of the iterate.
 */
final class Run {

    /** Columns of {@link #rows}. */
    static final List<String> HEADER = List.of("iteration", "seconds", "objective", "gap", "grad_norm",
            "nc1", "nc2", "nc3", "nc4");

    final Result result;
    final List<double[]> rows;

    private Run(Result result, List<double[]> rows) {
        this.result = result;
        this.rows = rows;
    }

    /** Final objective gap f - f*. */
    double finalGap(double fstar) {
        return result.cost() - fstar;
    }

    /** Solves the model from x0 and samples the trace; metrics only when {@code metrics}. */
    static Run solve(UfmModel model, Solver solver, double[] x0, StoppingCriterion stop, double fstar, boolean metrics) {
        List<double[]> rows = new ArrayList<>();
        int[] last = {-1};
        IterationListener sampler = new IterationListener() {
            long next = 0;

            @Override
            public void onIteration(IterationRecord row, double[] x) {
                if (row.iteration() >= next) {
                    rows.add(sample(model, row, x, fstar, metrics));
                    last[0] = row.iteration();
                    next = row.iteration() < 10 ? row.iteration() + 1 : (long) Math.ceil(row.iteration() * 1.05);
                }
            }
        };
        Problem problem = new Problem(model.manifold(), model);
        Result r = solver.minimize(problem, x0, stop, new Trace(false).listen(sampler));
        if (last[0] != r.iterations()) {
            IterationRecord end = new IterationRecord(r.iterations(), r.cost(), r.gradNorm(), 0.0, r.seconds(), 0);
            rows.add(sample(model, end, r.x(), fstar, metrics));
        }
        return new Run(r, rows);
    }

    private static double[] sample(UfmModel model, IterationRecord row, double[] x, double fstar, boolean metrics) {
        double[] nc = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        if (metrics) {
            NeuralCollapseMetrics m = NeuralCollapseMetrics.compute(model.classifierRows(x), model.featureColumns(x),
                    model.labels().toArray(), model.bias(x));
            nc = new double[] {m.nc1(), m.nc2(), m.nc3(), m.nc4()};
        }
        return new double[] {row.iteration(), row.seconds(), row.cost(), row.cost() - fstar, row.gradNorm(),
                nc[0], nc[1], nc[2], nc[3]};
    }

    /** Column {@code c} of the sampled rows, mapped by f. */
    double[] column(ToDoubleFunction<double[]> f) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(rows.get(i));
        }
        return out;
    }

    /** Column {@code c} of the sampled rows. */
    double[] column(int c) {
        return column(r -> r[c]);
    }
}
