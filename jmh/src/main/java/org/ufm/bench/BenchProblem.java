package org.ufm.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ufm.compute.Chunks;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;
import org.ufm.variant.Variant;
import org.ufm.variant.VariantOption;
import org.ufm.variant.Variants;

/**
 * The benchmark problems shared with the NumPy/PyTorch peers (ANCHORS.md): A = Euclidean CE UFM with
 * weight decay lambda on W, H (and b when {@code bias}), B = sphere UFM with tau; balanced labels
 * y_j = j mod K; a seeded start, written to a little-endian float64 file so the peers start from it.
 */
public final class BenchProblem {

    /** Weight decay of problem A (ANCHORS.md). */
    public static final double LAMBDA = 5e-4;
    /** Inverse temperature of problem B (ANCHORS.md). */
    public static final double TAU = 5.0;

    private BenchProblem() {
    }

    /**
     * Model "ce" (problem A, with or without bias) or "sphere" (problem B) at K classes, N = K n samples, built by
     * the variant registry: each variant takes the benchmark settings of the options it declares
     * (lambda-w = lambda-h = {@value #LAMBDA}, lambda-b = {@value #LAMBDA} with bias and 0 without, tau = {@value #TAU}).
     */
    public static UfmModel build(String model, int k, int d, int perClass, boolean bias, Chunks chunks) {
        Variant variant = Variants.require(model);
        Map<String, Double> settings = Map.of("lambda-w", LAMBDA, "lambda-h", LAMBDA, "lambda-b", bias ? LAMBDA : 0.0,
                "tau", TAU);
        Map<String, Double> given = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (VariantOption o : variant.options()) {
            if (o.isFlag() && !bias && o.name().equals("no-bias")) {
                flags.add(o.name());
            } else if (!o.isFlag() && settings.containsKey(o.name())) {
                given.put(o.name(), settings.get(o.name()));
            }
        }
        return variant.build(variant.spec(Labels.balanced(k, perClass), d, given, flags), chunks);
    }

    /** The seeded start of the model (Gaussian entries times {@code scale}; unit columns on the sphere). */
    public static double[] start(UfmModel model, long seed, double scale) {
        double[] x = new double[model.ambientDimension()];
        model.initialPoint(new Random(seed), scale, x);
        return x;
    }

    /** Writes x as raw little-endian float64. */
    public static void write(double[] x, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 * 65536).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < x.length; i++) {
                if (!buf.hasRemaining()) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    buf.clear();
                }
                buf.putDouble(x[i]);
            }
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
