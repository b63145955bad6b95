package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solve --gap-stop r}: the solve ends at the first iterate whose relative gap to the closed form is at most r
 * (the peers' rule in the benchmarks), not later, and not without a closed form.
 */
class GapStopTest {

    /** {@link CliRun#solveJson} without the second-order certificate, which this stop rule does not need. */
    private static JsonNode solve(String... args) throws IOException {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--no-hessian";
        return CliRun.solveJson(all);
    }

    @Test
    void stopsAtTheFirstIterateWithinTheGap(@TempDir Path dir) throws IOException {
        for (String model : new String[] {"ce", "sphere"}) {
            Path trace = dir.resolve(model + ".csv");
            JsonNode j = solve("--model", model, "--classes", "6", "--per-class", "4", "--dim", "8", "--gap-stop", "1e-8",
                    "--trace", trace.toString());
            assertEquals("OPTIMUM_REACHED", j.get("stopReason").asText(), j.toString());
            assertTrue(j.get("converged").asBoolean());
            double optimum = j.get("optimum").asDouble();
            assertTrue(j.get("relativeGap").asDouble() <= 1e-8, j.toString());
            List<String> rows = Files.readAllLines(trace);
            for (int i = 1; i < rows.size() - 1; i++) {
                double f = Double.parseDouble(rows.get(i).split(",")[1]);
                assertTrue((f - optimum) / Math.abs(optimum) > 1e-8, model + ": row " + rows.get(i) + " was within the gap");
            }
            JsonNode cert = j.get("certificate");
            if (model.equals("ce")) {
                // sigma_max is computed only where it can decide the global verdict: at a first-order point
                assertEquals(cert.get("firstOrder").asBoolean(), !cert.get("sigmaMax").isNull(), cert.toString());
                assertFalse(cert.get("firstOrder").asBoolean(), "the gap is met before the gradient: " + cert);
            }
            double last = Double.parseDouble(rows.get(rows.size() - 1).split(",")[1]);
            assertEquals(j.get("objective").asDouble(), last, 0.0);
            JsonNode dflt = solve("--model", model, "--classes", "6", "--per-class", "4", "--dim", "8");
            assertEquals("CONVERGED", dflt.get("stopReason").asText());
            assertTrue(j.get("iterations").asInt() < dflt.get("iterations").asInt(),
                    model + ": " + j.get("iterations") + " against " + dflt.get("iterations"));
        }
    }

    @Test
    void aGapLooserThanTheIteratesReachesTheGradientStopFirstAndSaysSo() throws IOException {
        // a gap of 0 is never met above f*'s rounding: the usual certifying stop ends the solve
        JsonNode j = solve("--model", "ce", "--gap-stop", "0");
        assertEquals("CONVERGED", j.get("stopReason").asText(), j.toString());
        assertTrue(j.get("certificate").get("global").asBoolean());
        assertTrue(j.get("certificate").get("sigmaMax").asDouble() > 0, j.toString());
    }

    @Test
    void aboveTheDenseLimitTheSecondOrderBoundGetsTheReportsSigmaMax() throws IOException {
        // 10 x 16 + 16 x 100 + 10 = 1770 variables: the second-order certificate may be the bound from sigma_max,
        // which the global certificate then computes for it even at a point that is not first-order critical
        String[] size = {"--model", "ce", "--classes", "10", "--per-class", "10", "--dim", "16", "--gap-stop", "1e-8"};
        JsonNode withHessian = CliRun.solveJson(size).get("certificate");
        assertFalse(withHessian.get("firstOrder").asBoolean(), withHessian.toString());
        assertTrue(withHessian.get("sigmaMax").asDouble() > 0, withHessian.toString());
        JsonNode without = solve(size).get("certificate");
        assertTrue(without.get("sigmaMax").isNull(), without.toString());
    }

    @Test
    void theSummarySaysWhySigmaMaxWasNotComputed() {
        CliRun r = CliRun.of("solve", "--model", "ce", "--classes", "6", "--per-class", "4", "--dim", "8", "--gap-stop",
                "1e-8", "--no-hessian");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("first order: no; global: no")
                && r.out.contains("sigma_max(grad_Z g) not computed: the point is not first-order critical"), r.out);
    }

    @Test
    void withoutAClosedFormItIsAUsageError() {
        CliRun r = CliRun.of("solve", "--model", "ce", "--class-sizes", "3,4", "--dim", "8", "--gap-stop", "1e-10");
        assertEquals(2, r.code, r.toString());
        assertEquals(1, r.err.trim().split("\n").length, r.err);
        assertTrue(r.err.contains("--gap-stop needs a closed-form optimum"), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
    }
}
