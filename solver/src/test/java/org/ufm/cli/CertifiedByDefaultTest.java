package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Default solves go on past the first gradient tolerance until the global certificate holds (issue 15's two cases). */
class CertifiedByDefaultTest {

    @Test
    void sigmaMaxFailingOnlyByItsToleranceIsSolvedFurther() throws IOException {
        String[] ce = {"--classes", "7", "--per-class", "2", "--dim", "6", "--lambda-w", "1e-6", "--lambda-h", "1e-6",
            "--lambda-b", "0"};
        JsonNode explicit = CliRun.solveJson(concat(ce, "--tol", "1e-9"));
        assertFalse(explicit.get("certificate").get("global").asBoolean(), "an explicit --tol keeps its meaning");
        assertTrue(explicit.get("refinement").isNull());
        JsonNode dflt = CliRun.solveJson(ce);
        assertTrue(dflt.get("certificate").get("global").asBoolean(), dflt.toString());
        assertTrue(dflt.get("refinement").get("tightenings").asInt() >= 1);
        assertTrue(dflt.get("refinement").get("certifiedDuringSolve").asBoolean());
        assertTrue(dflt.get("gradNorm").asDouble() <= 1e-9);
    }

    @Test
    void tinyOptimumOfTheSphereIsReachedToRelativeGap() throws IOException {
        JsonNode dflt = CliRun.solveJson("--model", "sphere", "--tau", "30");
        assertTrue(dflt.get("certificate").get("global").asBoolean(), dflt.toString());
        assertTrue(dflt.get("relativeGap").asDouble() <= 1e-9);
        assertTrue(dflt.get("refinement").get("tightenings").asInt() >= 2);
    }

    @Test
    void anOptimumBelowReachSaysItWasNotCertified() throws IOException {
        // f* = 3.7e-58 at tau = 100: the tightening limit ends the solve, still CONVERGED at the asked tolerance
        JsonNode j = CliRun.solveJson("--model", "sphere", "--tau", "100");
        assertFalse(j.get("certificate").get("global").asBoolean());
        assertEquals("CONVERGED", j.get("stopReason").asText());
        assertTrue(j.get("gradNorm").asDouble() <= 1e-9);
        assertTrue(j.get("refinement").get("outcome").asText().startsWith("not certified"), j.toString());
    }

    @Test
    void withoutAClosedFormNothingIsTightened() throws IOException {
        JsonNode j = CliRun.solveJson("--classes", "4", "--per-class", "3", "--dim", "2");
        assertNull(j.get("optimum").isNull() ? null : j.get("optimum"));
        assertEquals(0, j.get("refinement").get("tightenings").asInt());
        assertFalse(j.get("refinement").get("applies").asBoolean());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
