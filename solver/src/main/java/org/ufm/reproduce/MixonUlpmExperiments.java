package org.ufm.reproduce;

import java.util.Arrays;
import java.util.List;

/** The experiments on the unregularised models: Mixon et al.'s Figs. 1-2 and the ULPM margin. */
public final class MixonUlpmExperiments {

    private MixonUlpmExperiments() {
    }

    /** mixon-fig1, mixon-fig2, ulpm-margin (new instances). */
    public static List<Experiment> all() {
        return Arrays.asList(new MixonFig1(), new MixonFig2(), new UlpmMargin());
    }
}
