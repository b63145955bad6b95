package org.ufm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ufm.compute.Chunks;
import org.ufm.metric.FeatureStatistics;
import org.ufm.metric.NeuralCollapseMetrics;
import org.ufm.npy.LabelVector;
import org.ufm.npy.NpyArray;
import org.ufm.npy.NpyFormatException;
import org.ufm.npy.NpyRows;

/**
 * {@code ufm metrics --features H.npy --labels y.npy [--classifier W.npy] [--bias b.npy] [--classes K] [--threads t]
 * [--json]}:
 * every neural-collapse metric of real features H (N x d, float64 or float32, one row per sample) with labels
 * y (N integers in 0..K-1) and optionally a classifier W (K x d, like nn.Linear.weight) and bias b (K). The
 * features are streamed twice in blocks ({@link FeatureStatistics}), so the file may be larger than the heap; the
 * passes and the K x K tables run on t threads (default: every core), with the same result on any number.
 */
public final class MetricsCommand {

    static final Set<String> VALUES = new LinkedHashSet<>(Arrays.asList("features", "labels", "classifier", "bias",
            "classes", "threads"));
    static final Set<String> FLAGS = new LinkedHashSet<>(Arrays.asList("json"));

    private MetricsCommand() {
    }

    /** One usage line for Main. */
    static String usage() {
        return "  metrics NC metrics of real features: --features H.npy --labels y.npy [--classifier W.npy] [--bias b.npy] [--threads t] [--json]";
    }

    /** Runs the command; returns the exit code. */
    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args a = new Args(argv, VALUES, FLAGS);
        if (!a.has("features") || !a.has("labels")) {
            throw new UsageException("need --features H.npy (N x d) and --labels y.npy (N integers)");
        }
        if (a.has("bias") && !a.has("classifier")) {
            throw new UsageException("--bias needs --classifier");
        }
        int threads = a.threads("threads");
        long start = System.nanoTime();
        try (NpyRows h = NpyRows.open(Path.of(a.string("features", null))); Chunks chunks = new Chunks(threads)) {
            String ySource = a.string("labels", null);
            long[] raw = NpyArray.read(Path.of(ySource)).integers(h.rows());
            double[][] w = null;
            double[] b = null;
            int k;
            if (a.has("classifier")) {
                NpyArray wa = NpyArray.read(Path.of(a.string("classifier", null)));
                w = wa.matrix(-1, h.cols());
                k = w.length;
                if (a.has("classes") && a.integer("classes", 0) != k) {
                    throw new UsageException("--classes " + a.integer("classes", 0) + " disagrees with the " + k
                            + " rows of the classifier");
                }
            } else {
                k = a.has("classes") ? a.integer("classes", 0) : LabelVector.classesOf(raw, ySource);
            }
            if (k < 2) {
                throw new UsageException("need K >= 2 classes, got " + k);
            }
            if (k > h.rows()) {
                throw new UsageException(k + " classes but " + h.rows() + " samples: every class needs a sample");
            }
            if (a.has("bias")) {
                b = NpyArray.read(Path.of(a.string("bias", null))).reals(k);
            }
            int[] y = LabelVector.check(raw, k, ySource);
            NeuralCollapseMetrics nc = NeuralCollapseMetrics.of(h, y, k, w, b, chunks);
            FeatureStatistics s = nc.statistics();
            double seconds = (System.nanoTime() - start) / 1e9;
            print(a, h, s, nc, w, seconds, out);
            return 0;
        } catch (NpyFormatException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read: " + e.getMessage());
        }
    }

    private static void print(Args a, NpyRows h, FeatureStatistics s, NeuralCollapseMetrics nc, double[][] w,
                              double seconds, PrintStream out) {
        Map<String, Double> all = nc.all();
        double[] meanNorms = new double[s.classes];
        double[] distanceNorms = w == null ? null : new double[s.classes];
        for (int c = 0; c < s.classes; c++) {
            double m2 = 0.0;
            double w2 = 0.0;
            for (int i = 0; i < s.dim; i++) {
                m2 += s.centred[c][i] * s.centred[c][i];
                w2 += w == null ? 0.0 : w[c][i] * w[c][i];
            }
            meanNorms[c] = Math.sqrt(m2);
            if (w != null) {
                double d2 = 0.0;
                for (int i = 0; i < s.dim; i++) {
                    double r = w[c][i] / Math.sqrt(w2) - s.centred[c][i] / meanNorms[c];
                    d2 += r * r;
                }
                distanceNorms[c] = Math.sqrt(d2);
            }
        }
        if (a.flag("json")) {
            Json variants = new Json();
            for (Map.Entry<String, Double> e : all.entrySet()) {
                variants.put(e.getKey(), e.getValue());
            }
            List<Object> counts = new ArrayList<>();
            for (long c : s.counts) {
                counts.add(c);
            }
            Json perClass = new Json().put("samples", counts).put("mean_norms", meanNorms);
            if (w != null) {
                perClass.put("distance_norms", distanceNorms);
            }
            out.println(new Json()
                    .put("features", a.string("features", null))
                    .put("dtype", h.dtype().humanName())
                    .put("samples", s.samples)
                    .put("dim", s.dim)
                    .put("classes", s.classes)
                    .put("classifier", w != null)
                    .put("metrics", new Json().put("nc1", nc.nc1()).put("nc2", w == null ? null : nc.nc2())
                            .put("nc3", w == null ? null : nc.nc3()).put("nc4", w == null ? null : nc.nc4()))
                    .put("metricNames", new Json().put("nc1", NeuralCollapseMetrics.NC1).put("nc2", NeuralCollapseMetrics.NC2)
                            .put("nc3", NeuralCollapseMetrics.NC3).put("nc4", NeuralCollapseMetrics.NC4))
                    .put("metricVariants", variants)
                    .put("perClass", perClass)
                    .put("seconds", seconds));
            return;
        }
        out.printf(Locale.ROOT, "features    %s: N=%d samples, d=%d, %s; K=%d classes%s%n", a.string("features", null),
                s.samples, s.dim, h.dtype().humanName(), s.classes, w == null ? " (no classifier: nc2-nc4 need --classifier)" : "");
        for (Map.Entry<String, Double> e : all.entrySet()) {
            out.printf(Locale.ROOT, "%-24s %.10e%n", e.getKey(), e.getValue());
        }
        out.printf(Locale.ROOT, "time        %.3f s (two passes over the features)%n", seconds);
    }
}
