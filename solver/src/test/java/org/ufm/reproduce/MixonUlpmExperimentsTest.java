package org.ufm.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.metric.Margins;

/** The three experiments in quick mode through a recording context, with their key numbers checked. */
class MixonUlpmExperimentsTest {

    @Test
    void registryListsTheThreeByName() {
        List<Experiment> all = MixonUlpmExperiments.all();
        assertEquals(List.of("mixon-fig1", "mixon-fig2", "ulpm-margin"), all.stream().map(Experiment::name).toList());
    }

    @Test
    void mixonFig1ErrorsShrinkWithEps(@TempDir Path dir) throws Exception {
        RecordingContext ctx = new RecordingContext(dir, true, 1);
        MixonFig1 e = new MixonFig1();
        e.run(ctx);
        for (int i = 1; i < MixonFig1.EPS.length; i++) {
            for (int q = 1; q <= 3; q++) {
                assertTrue(e.finals[i][q] < e.finals[i - 1][q], "error " + q + " shrinks from eps " + MixonFig1.EPS[i - 1]
                        + " to " + MixonFig1.EPS[i]);
            }
        }
        assertTrue(e.finals[0][0] < 1e-20, "eps = 1 interpolates");
        List<String> lines = Files.readAllLines(dir.resolve("mixon-fig1.csv"));
        assertEquals("eps,iteration,max_loss,gram_error,feature_error,bias_error", lines.get(0));
        assertEquals(3, ctx.plots.size());
        assertTrue(ctx.plots.get(0).isLogX() && ctx.plots.get(0).isLogY());
        assertEquals(5, ctx.plots.get(0).series().size());
        assertTrue(ctx.summary.toString().contains("| 0.01 |"));
    }

    @Test
    void mixonFig2DistanceToSScalesWithEps(@TempDir Path dir) throws Exception {
        RecordingContext ctx = new RecordingContext(dir, true, 1);
        MixonFig2 e = new MixonFig2();
        e.run(ctx);
        for (int i = 0; i < MixonFig1.EPS.length; i++) {
            assertTrue(e.finals[i][0] > 0.5, "a random start is far from S");
            double ratio = e.finals[i][1] / MixonFig1.EPS[i];
            assertTrue(ratio > 0.05 && ratio < 1.0, "distance / eps at eps " + MixonFig1.EPS[i] + ": " + ratio);
        }
        assertTrue(Files.exists(dir.resolve("mixon-fig2.csv")));
    }

    @Test
    void ulpmMarginIncreasesAndStaysBelowGammaStar(@TempDir Path dir) throws Exception {
        RecordingContext ctx = new RecordingContext(dir, true, 1);
        UlpmMargin e = new UlpmMargin();
        e.run(ctx);
        double star = Margins.limit(4, 5);
        assertEquals(0.0745356, star, 1e-7);
        for (int i = 0; i < e.margins.length; i++) {
            assertTrue(e.margins[i] < star, "below gamma* at " + e.checkpoints[i]);
            assertTrue(e.margins[i] > 0, "separated at " + e.checkpoints[i]);
            if (i > 0) {
                assertTrue(e.margins[i] > e.margins[i - 1], "increases to " + e.checkpoints[i]);
            }
        }
        assertTrue(e.margins[e.margins.length - 1] > 0.9 * star, "within 10% of gamma* at the end");
        assertTrue(ctx.plots.get(0).isLogX());
    }
}
