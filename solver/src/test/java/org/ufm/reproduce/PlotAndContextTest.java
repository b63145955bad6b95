package org.ufm.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer's log-axis rule, the CSV number format, the progress bar and the registry. */
class PlotAndContextTest {

    @TempDir
    Path dir;

    @Test
    void logAxisDropsNonPositivePointsWithANote() throws IOException {
        FileExperimentContext ctx = new FileExperimentContext(dir, true, 1, new PrintStream(new ByteArrayOutputStream()), false);
        ctx.plot(new PlotSpec("p.png", "t", "x", "y").logX().logY()
                .add("a", new double[] {0, 1, 2, 3}, new double[] {1, -1, 0.5, Double.NaN})
                .add("empty", new double[] {-1}, new double[] {1}));
        assertNotNull(ImageIO.read(dir.resolve("p.png").toFile()));
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("series 'a': 3 of 4 points dropped"), md);
        assertTrue(md.contains("series 'empty': 1 of 1 points dropped"), md);
    }

    @Test
    void plotWithNothingDrawableStillWritesAPng() throws IOException {
        PlotRenderer.Rendered r = PlotRenderer.render(new PlotSpec("q.png", "t", "x", "y").logY()
                .add("zero", new double[] {1, 2}, new double[] {0, 0}), dir.resolve("q.png"));
        assertNotNull(ImageIO.read(r.file.toFile()));
        assertEquals(1, r.notes.size());
    }

    @Test
    void csvNumbersRoundTripExactly() throws IOException {
        Random rnd = new Random(3);
        for (int i = 0; i < 1000; i++) {
            double v = Math.scalb(rnd.nextDouble() - 0.5, rnd.nextInt(200) - 100);
            assertEquals(v, Double.parseDouble(FileExperimentContext.format(v)));
        }
        assertEquals("NaN", FileExperimentContext.format(Double.NaN));
        assertEquals("42", FileExperimentContext.format(42));
        FileExperimentContext ctx = new FileExperimentContext(dir, false, 1, new PrintStream(new ByteArrayOutputStream()), false);
        ctx.csv("a.csv", List.of("x", "y"), List.of(new double[] {1, 0.1}));
        assertEquals(List.of("x,y", "1,1.0000000000000000e-01"), Files.readAllLines(dir.resolve("a.csv")));
    }

    @Test
    void progressRedrawsOneLineOnATerminalAndPrintsPlainLinesOtherwise() {
        ByteArrayOutputStream term = new ByteArrayOutputStream();
        try (ExperimentContext.Progress p = new ProgressBar(new PrintStream(term, true, StandardCharsets.UTF_8), true, "x", 4)) {
            p.step(4);
        }
        String t = term.toString(StandardCharsets.UTF_8);
        assertTrue(t.startsWith("\rx [") && t.contains("100%") && t.endsWith("\n"), t);
        assertEquals(1, t.split("\n").length);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (ExperimentContext.Progress p = new ProgressBar(new PrintStream(plain, true, StandardCharsets.UTF_8), false, "x", 100)) {
            for (int i = 0; i < 100; i++) {
                p.step(1);
            }
        }
        String s = plain.toString(StandardCharsets.UTF_8);
        assertFalse(s.contains("\r"));
        assertEquals(11, s.trim().split("\n").length, s);
    }

    @Test
    void registryNamesAreUniqueAndTheOriginSpectrumHasTheRightSize() {
        assertEquals(Experiments.list().size(), Experiments.names().size());
        assertTrue(Experiments.names().containsAll(List.of("zhu-etf", "zhu-threshold", "yaras-tau", "yaras-dim")));
        assertEquals(4 * 8 + 8 * 20 + 4, ZhuEtf.originSpectrum(4, 5, 8, 5e-4, 5e-4, 0).length);
    }
}
