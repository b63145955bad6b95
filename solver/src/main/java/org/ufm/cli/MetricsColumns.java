package org.ufm.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.model.UfmModel;
import org.ufm.solver.IterationListener;
import org.ufm.solver.IterationRecord;
import org.ufm.solver.TraceColumns;

/**
 * NC1-NC4 of the iterate every k iterations (iterations 0, k, 2k, ...), for {@code --metrics-every k}: kept in
 * memory and offered as extra CSV trace columns (blank on the other rows). Computed once per iteration even
 * when both the CSV writer and the in-memory record ask for it.
 */
final class MetricsColumns implements TraceColumns, IterationListener {

    /** One sampled row. */
    static final class Sample {
        final int iteration;
        final double[] values;

        Sample(int iteration, double[] values) {
            this.iteration = iteration;
            this.values = values;
        }
    }

    private static final String[] HEADER = {"nc1", "nc2", "nc3", "nc4"};

    private final UfmModel model;
    private final int every;
    private final int[] labels;
    private final List<Sample> samples = new ArrayList<>();

    MetricsColumns(UfmModel model, int every) {
        this.model = model;
        this.every = every;
        this.labels = model.labels().toArray();
    }

    @Override
    public String[] header() {
        return HEADER.clone();
    }

    @Override
    public synchronized double[] values(IterationRecord row, double[] x) {
        if (row.iteration() % every != 0) {
            return null;
        }
        if (!samples.isEmpty() && samples.get(samples.size() - 1).iteration == row.iteration()) {
            return samples.get(samples.size() - 1).values;
        }
        NeuralCollapseMetrics nc = NeuralCollapseMetrics.at(model.classifierRows(x), x, model.hOffset(),
                model.labels().samples(), model.dim(), labels, model.bias(x), model.chunks());
        double[] v = nc == null ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}
                : new double[] {nc.nc1(), nc.nc2(), nc.nc3(), nc.nc4()};
        samples.add(new Sample(row.iteration(), v));
        return v;
    }

    @Override
    public void onIteration(IterationRecord row, double[] x) {
        values(row, x);
    }

    /** The samples so far, in iteration order. */
    synchronized List<Sample> samples() {
        return Collections.unmodifiableList(new ArrayList<>(samples));
    }
}
