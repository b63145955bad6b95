package org.ufm.variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ufm.model.UfmModel;

/** The registry of model variants: every {@link Variant} description, by name. */
public final class Variants {

    private static final List<Variant> ALL = List.of(new CrossEntropyVariant(), new MeanSquaredVariant(),
            new UlpmVariant(), new MixonVariant(), new SphereVariant());
    private static final Map<String, Variant> BY_NAME = new LinkedHashMap<>();

    static {
        for (Variant v : ALL) {
            if (BY_NAME.put(v.name(), v) != null) {
                throw new IllegalStateException("variant name registered twice: " + v.name());
            }
        }
    }

    private Variants() {
    }

    /** Every variant, in the order the help lists them. */
    public static List<Variant> all() {
        return ALL;
    }

    /** The variant names. */
    public static List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }

    /** The variant called {@code name}, or null. */
    public static Variant byName(String name) {
        return BY_NAME.get(name);
    }

    /** The variant called {@code name}; IllegalArgumentException naming the known ones otherwise. */
    public static Variant require(String name) {
        Variant v = BY_NAME.get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown model '" + name + "' (one of " + String.join(", ", names()) + ")");
        }
        return v;
    }

    /** The variant a model was built as (looked up by {@link UfmModel#name()}), or null for a model of no variant. */
    public static Variant of(UfmModel model) {
        return BY_NAME.get(model.name());
    }

    /** Every option any variant accepts, each once, in the order the variants declare them. */
    public static List<VariantOption> allOptions() {
        Map<String, VariantOption> out = new LinkedHashMap<>();
        for (Variant v : ALL) {
            for (VariantOption o : v.options()) {
                out.putIfAbsent(o.name(), o);
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Null when {@code variant} accepts {@code option}, else the one-line reason it does not:
     * "--o does not apply to --model m (reason)", "--o applies only to --model a or b", or, for an option no variant
     * takes, "unknown model option --o (--model m takes a, b)".
     */
    public static String refusal(Variant variant, String option) {
        for (VariantOption o : variant.options()) {
            if (o.name().equals(option)) {
                return null;
            }
        }
        String reason = variant.refusal(option);
        if (reason != null) {
            return "--" + option + " does not apply to --model " + variant.name() + " (" + reason + ")";
        }
        List<String> accepting = new ArrayList<>();
        for (Variant v : ALL) {
            for (VariantOption o : v.options()) {
                if (o.name().equals(option)) {
                    accepting.add(v.name());
                }
            }
        }
        if (accepting.isEmpty()) {
            List<String> own = new ArrayList<>();
            for (VariantOption o : variant.options()) {
                own.add(o.name());
            }
            return "unknown model option --" + option + " (--model " + variant.name() + " takes "
                    + (own.isEmpty() ? "none" : String.join(", ", own)) + ")";
        }
        return "--" + option + " applies only to --model " + String.join(" or ", accepting);
    }
}
