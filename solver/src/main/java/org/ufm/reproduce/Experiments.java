package org.ufm.reproduce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of {@code ufm reproduce NAME}: every experiment by name, in the order "all" runs them. */
public final class Experiments {

    /** The pseudo-name that runs every experiment. */
    public static final String ALL = "all";

    private Experiments() {
    }

    /** Every registered experiment, cheapest first. A new group is one more line here. */
    public static List<Experiment> list() {
        List<Experiment> list = new ArrayList<>();
        list.add(new ZhuEtf());
        list.add(new ZhuThreshold());
        list.add(new YarasTau());
        list.add(new YarasDim());
        // ---- register further experiment groups below this line, one line each ----
        list.addAll(MixonUlpmExperiments.all());
        return Collections.unmodifiableList(list);
    }

    /** The experiments by name, in registration order; duplicates are a programming error. */
    public static Map<String, Experiment> byName() {
        Map<String, Experiment> map = new LinkedHashMap<>();
        for (Experiment e : list()) {
            if (map.put(e.name(), e) != null || ALL.equals(e.name())) {
                throw new IllegalStateException("experiment name registered twice or reserved: " + e.name());
            }
        }
        return map;
    }

    /** The names, in registration order. */
    public static List<String> names() {
        return new ArrayList<>(byName().keySet());
    }
}
