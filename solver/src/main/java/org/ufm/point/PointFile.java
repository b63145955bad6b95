package org.ufm.point;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;
import org.ufm.npy.LabelVector;
import org.ufm.npy.NpyArray;
import org.ufm.npy.NpyFormatException;
import org.ufm.npy.NpyWriter;
import org.ufm.npy.Npz;
import org.ufm.variant.SymmetryLayout;
import org.ufm.variant.Variant;
import org.ufm.variant.Variants;

/**
 * A point of a UFM as an {@code .npz} archive in PyTorch's conventions: {@code W} (K, d) like
 * {@code nn.Linear.weight}, {@code H} (N, d) one row per sample, {@code b} (K,) when the model has a bias,
 * {@code y} (N,) int64 labels. Saving writes the model's own sample order; loading accepts any sample order
 * when {@code y} is present (samples are permuted, stably within each class, to the model's labelling,
 * which needs the same class sizes) and the model's order when it is absent. The arrays are placed where the
 * model's variant says its w_k and h_j live ({@link SymmetryLayout}); the coordinates it leaves over are the
 * bias. A point off the model's manifold by more than {@value #UNIT_SLACK} (the sphere's rows not unit) is
 * moved onto it by the retraction at t = 0, which normalises every row, and the violation is reported; a
 * solver's own point (rows unit to rounding) is kept bit for bit.
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
        /** How far the file's point was off the model's manifold (sphere: largest |1 - ||row|||; beyond {@link #UNIT_SLACK} every row was rescaled), else 0. */
        public final double normalisation;

        Loaded(double[] x, boolean hadLabels, boolean permuted, double normalisation) {
            this.x = x;
            this.hadLabels = hadLabels;
            this.permuted = permuted;
            this.normalisation = normalisation;
        }
    }

    /** A point this close to the model's manifold (sphere: rows unit to this) is kept as it is. */
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
        Variant variant = Variants.of(model);
        SymmetryLayout layout = variant == null ? null : variant.symmetries(model);
        if (layout == null) {
            throw new IllegalArgumentException("no point layout for model " + model.name());
        }
        int size = model.ambientDimension();
        // the rotation layout places every w_k and h_j; the coordinates it leaves uncovered, in order, are the bias
        boolean[] covered = new boolean[size];
        for (int c = 0; c < k + n; c++) {
            for (int p = 0; p < d; p++) {
                covered[layout.base()[c] + p * layout.stride()[c]] = true;
            }
        }
        int[] biasAt = new int[size];
        int biasLength = 0;
        for (int i = 0; i < size; i++) {
            if (!covered[i]) {
                biasAt[biasLength++] = i;
            }
        }
        try (Npz z = Npz.open(path)) {
            double[] w = z.get("W").reals(k, d);
            double[] h = z.get("H").reals(n, d);
            double[] b = null;
            if (biasLength == k) {
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
            double[] x = new double[size];
            for (int c = 0; c < k + n; c++) {
                double[] from = c < k ? w : h;
                int row = c < k ? c : order == null ? c - k : order[c - k];
                for (int p = 0; p < d; p++) {
                    x[layout.base()[c] + p * layout.stride()[c]] = from[row * d + p];
                }
            }
            for (int i = 0; b != null && i < k; i++) {
                x[biasAt[i]] = b[i];
            }
            if (b != null && !Arrays.equals(model.bias(x), b)) {
                throw new IllegalStateException("the bias of model " + model.name() + " is not where its layout leaves room");
            }
            double violation = model.manifold().constraintViolation(x);
            if (violation > UNIT_SLACK) {
                // off the manifold (the sphere's rows not unit): the retraction at t = 0 normalises every row
                model.manifold().retract(x, new double[size], 0.0, x);
                for (double v : x) {
                    if (!Double.isFinite(v)) {
                        throw new NpyFormatException(file + ": a row of W or H is zero and has no direction on the sphere");
                    }
                }
            }
            return new Loaded(x, order != null, permuted, violation);
        }
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
