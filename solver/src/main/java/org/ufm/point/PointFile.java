package org.ufm.point;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.UfmModel;
import org.ufm.npy.LabelVector;
import org.ufm.npy.NpyArray;
import org.ufm.npy.NpyFormatException;
import org.ufm.npy.NpyWriter;
import org.ufm.npy.Npz;

/**
 * A point of a UFM as an {@code .npz} archive in PyTorch's conventions: {@code W} (K, d) like
 * {@code nn.Linear.weight}, {@code H} (N, d) one row per sample, {@code b} (K,) when the model has a bias,
 * {@code y} (N,) int64 labels. Saving writes the model's own sample order; loading accepts any sample order
 * when {@code y} is present (samples are permuted, stably within each class, to the model's labelling,
 * which needs the same class sizes) and the model's order when it is absent. On the sphere model the rows
 * of W and H are scaled to unit length (unless already unit to {@value #UNIT_SLACK}) and the largest change
 * of a norm is reported.
 */
public final class PointFile {

    /** A loaded point: the flat variable in the model's layout and what loading did to it. */
    public static final class Loaded {
        /** The point, in the model's flat layout. */
        public final double[] x;
        /** True when the file had labels y (and its samples were matched to the model's labelling). */
        public final boolean hadLabels;
        /** True when the samples were in another order than the model's and were permuted. */
        public final boolean permuted;
        /** Largest |1 - ||row||| over the rows of W and H (sphere model; rows beyond {@link #UNIT_SLACK} were rescaled), else 0. */
        public final double normalisation;

        Loaded(double[] x, boolean hadLabels, boolean permuted, double normalisation) {
            this.x = x;
            this.hadLabels = hadLabels;
            this.permuted = permuted;
            this.normalisation = normalisation;
        }
    }

    /** Rows whose norm is this close to 1 count as unit on the sphere and are kept as they are. */
    public static final double UNIT_SLACK = 1e-12;

    private PointFile() {
    }

    /** Writes x as W, H, b (when the model has one) and y to an .npz archive (stored, as numpy.savez). */
    public static void save(Path path, UfmModel model, double[] x) throws IOException {
        int k = model.labels().classes();
        int n = model.labels().samples();
        int d = model.dim();
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("W", NpyArray.of(flatten(model.classifierRows(x)), k, d));
        m.put("H", NpyArray.of(flatten(model.featureColumns(x)), n, d));
        double[] b = model.bias(x);
        if (b != null) {
            m.put("b", NpyArray.of(b, k));
        }
        long[] y = new long[n];
        for (int j = 0; j < n; j++) {
            y[j] = model.labels().label(j);
        }
        m.put("y", NpyArray.ofIntegers(y));
        NpyWriter.writeNpz(path, m, false);
    }

    private static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return out;
    }

    /** Reads a point for the model, checking every shape against it; bad files are {@link NpyFormatException}s. */
    public static Loaded load(Path path, UfmModel model) throws IOException {
        Labels labels = model.labels();
        int k = labels.classes();
        int n = labels.samples();
        int d = model.dim();
        String file = path.toString();
        try (Npz z = Npz.open(path)) {
            double[] w = z.get("W").reals(k, d);
            double[] h = z.get("H").reals(n, d);
            boolean hasBias = model instanceof EuclideanUfm && ((EuclideanUfm) model).hasBias();
            double[] b = null;
            if (hasBias) {
                b = z.get("b").reals(k);
            } else if (z.has("b")) {
                throw new NpyFormatException(file + ": has a bias b but --model " + model.name()
                        + " has none (use --no-bias for ce/mse, or drop b)");
            }
            int[] order = null;
            boolean permuted = false;
            if (z.has("y")) {
                int[] y = LabelVector.check(z.get("y").integers(n), k, file + ":y");
                order = matchSamples(y, labels, file);
                for (int j = 0; j < n && !permuted; j++) {
                    permuted = order[j] != j;
                }
            }
            double[] x = new double[model.ambientDimension()];
            double worst = 0.0;
            if (model instanceof EuclideanUfm) {
                EuclideanUfm e = (EuclideanUfm) model;
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < d; i++) {
                        x[c + i * k] = w[c * d + i];
                    }
                }
                for (int j = 0; j < n; j++) {
                    int src = order == null ? j : order[j];
                    System.arraycopy(h, src * d, x, e.hOffset() + j * d, d);
                }
                if (b != null) {
                    System.arraycopy(b, 0, x, e.bOffset(), k);
                }
            } else if (model instanceof SphereUfm) {
                SphereUfm s = (SphereUfm) model;
                for (int c = 0; c < k; c++) {
                    worst = Math.max(worst, unitRow(w, c * d, x, c * d, d, file + ":W", c));
                }
                for (int j = 0; j < n; j++) {
                    int src = order == null ? j : order[j];
                    worst = Math.max(worst, unitRow(h, src * d, x, s.hOffset() + j * d, d, file + ":H", src));
                }
            } else {
                throw new IllegalArgumentException("no point layout for model " + model.name());
            }
            return new Loaded(x, order != null, permuted, worst);
        }
    }

    /**
     * Copies a row scaled to unit length, or bit for bit when its norm is within {@value #UNIT_SLACK} of 1 (a
     * solver's own iterate, which rescaling would move by a few ulps); returns |1 - its norm|.
     */
    private static double unitRow(double[] a, int from, double[] x, int to, int d, String source, int row) {
        double s = 0.0;
        for (int i = 0; i < d; i++) {
            s += a[from + i] * a[from + i];
        }
        double norm = Math.sqrt(s);
        if (!(norm > 0)) {
            throw new NpyFormatException(source + ": row " + row + " is zero and has no direction on the sphere");
        }
        boolean unit = Math.abs(1.0 - norm) <= UNIT_SLACK;
        for (int i = 0; i < d; i++) {
            x[to + i] = unit ? a[from + i] : a[from + i] / norm;
        }
        return Math.abs(1.0 - norm);
    }

    /**
     * order[j] = the file's sample placed at the model's sample j: the i-th sample of class c in the file
     * goes to the i-th slot of class c in the model's labelling.
     */
    static int[] matchSamples(int[] fileLabels, Labels labels, String file) {
        int k = labels.classes();
        int n = labels.samples();
        int[] fileCount = new int[k];
        for (int v : fileLabels) {
            fileCount[v]++;
        }
        for (int c = 0; c < k; c++) {
            if (fileCount[c] != labels.size(c)) {
                throw new NpyFormatException(file + ": class " + c + " has " + fileCount[c] + " samples in y, the model has "
                        + labels.size(c) + " (give --per-class or --class-sizes to match)");
            }
        }
        int[][] byClass = new int[k][];
        int[] fill = new int[k];
        for (int c = 0; c < k; c++) {
            byClass[c] = new int[fileCount[c]];
        }
        for (int j = 0; j < n; j++) {
            byClass[fileLabels[j]][fill[fileLabels[j]]++] = j;
        }
        int[] next = new int[k];
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            int c = labels.label(j);
            order[j] = byClass[c][next[c]++];
        }
        return order;
    }
}
