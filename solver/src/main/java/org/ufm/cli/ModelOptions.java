package org.ufm.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ufm.compute.Chunks;
import org.ufm.model.Labels;
import org.ufm.model.UfmModel;
import org.ufm.variant.ModelSpec;
import org.ufm.variant.Variant;
import org.ufm.variant.VariantOption;
import org.ufm.variant.Variants;

/**
 * The options that describe a model, shared by every command, and the model they build: {@code --model}
 * names a {@link Variant} of the registry, the sizes and threads are common, and every other model option
 * belongs to the variants that declare it. An option that does not apply to the chosen model is an error.
 */
public final class ModelOptions {

    /** Options with values: the common ones and every variant's number options. */
    public static final Set<String> VALUES = new LinkedHashSet<>(Arrays.asList(
            "model", "classes", "per-class", "class-sizes", "dim", "threads"));
    /** Flags: every variant's flags. */
    public static final Set<String> FLAGS = new LinkedHashSet<>();
    /** The model names. */
    public static final List<String> MODELS = Variants.names();

    static {
        for (VariantOption o : Variants.allOptions()) {
            (o.isFlag() ? FLAGS : VALUES).add(o.name());
        }
    }

    final String model;
    final Variant variant;
    final ModelSpec spec;
    final Labels labels;
    final int dim;
    final int threads;

    /** Parses a command's arguments against the model options plus the command's own values and flags. */
    public static Args parse(List<String> argv, Set<String> commandValues, Set<String> commandFlags) {
        Set<String> values = new LinkedHashSet<>(VALUES);
        values.addAll(commandValues);
        Set<String> flags = new LinkedHashSet<>(FLAGS);
        flags.addAll(commandFlags);
        return new Args(argv, values, flags);
    }

    /** Reads and validates the model options. */
    public ModelOptions(Args a) {
        model = a.string("model", "ce");
        variant = Variants.byName(model);
        if (variant == null) {
            throw new UsageException("unknown model '" + model + "' (one of " + String.join(", ", MODELS) + ")");
        }
        for (VariantOption o : Variants.allOptions()) {
            boolean given = o.isFlag() ? a.flag(o.name()) : a.has(o.name());
            String refusal = given ? Variants.refusal(variant, o.name()) : null;
            if (refusal != null) {
                throw new UsageException(refusal);
            }
        }
        int[] sizes = a.integers("class-sizes");
        if (sizes != null) {
            if (a.has("classes") && a.integer("classes", 0) != sizes.length) {
                throw new UsageException("--classes " + a.integer("classes", 0) + " disagrees with the "
                        + sizes.length + " entries of --class-sizes");
            }
            if (a.has("per-class")) {
                throw new UsageException("give either --per-class or --class-sizes, not both");
            }
        }
        int k = sizes != null ? sizes.length : a.integer("classes", 4);
        if (k < 2) {
            throw new UsageException("--classes must be >= 2, got " + k);
        }
        int n = a.integer("per-class", 5);
        if (n < 1) {
            throw new UsageException("--per-class must be >= 1, got " + n);
        }
        dim = a.integer("dim", 8);
        if (dim < 1) {
            throw new UsageException("--dim must be >= 1, got " + dim);
        }
        Map<String, Double> given = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        for (VariantOption o : variant.options()) {
            if (o.isFlag() && a.flag(o.name())) {
                flags.add(o.name());
            } else if (!o.isFlag() && a.has(o.name())) {
                given.put(o.name(), a.number(o.name(), o.defaultValue()) + 0.0); // -0.0 + 0.0 = +0.0: printed as 0.0
            }
        }
        try {
            labels = variant.labels(sizes, k, n);
            spec = variant.spec(labels, dim, given, flags);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        threads = a.threads("threads");
    }

    /** The model name. */
    public String model() {
        return model;
    }

    /** Number of variables of the model (long: it may not fit in an array). */
    public long variables() {
        return variant.variables(spec);
    }

    /** Builds the model. */
    public UfmModel build(Chunks chunks) {
        try {
            return variant.build(spec, chunks);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A one-line description of the model and its parameters. */
    public String describe() {
        return variant.describe(spec);
    }
}
