package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Default solves go on past the first gradient tolerance until the global certificate holds (issue 15's two cases). */
class CertifiedByDefaultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode solve(String... args) throws IOException {
        String[] all = new String[args.length + 4];
        all[0] = "solve";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--json";
        all[args.length + 2] = "--threads";
        all[args.length + 3] = "1";
        CliRun r = CliRun.of(all);
        assertEquals(0, r.code, r.toString());
        return JSON.readTree(r.out);
    }

    @Test
    void sigmaMaxFailingOnlyByItsToleranceIsSolvedFurther() throws IOException {
        String[] ce = {"--classes", "7", "--per-class", "2", "--dim", "6", "--lambda-w", "1e-6", "--lambda-h", "1e-6",
            "--lambda-b", "0"};
        JsonNode explicit = solve(concat(ce, "--tol", "1e-9"));
        assertFalse(explicit.get("certificate").get("global").asBoolean(), "an explicit --tol keeps its meaning");
        assertTrue(explicit.get("refinement").isNull());
        JsonNode dflt = solve(ce);
        assertTrue(dflt.get("certificate").get("global").asBoolean(), dflt.toString());
        assertTrue(dflt.get("refinement").get("tightenings").asInt() >= 1);
        assertTrue(dflt.get("refinement").get("certifiedDuringSolve").asBoolean());
        assertTrue(dflt.get("gradNorm").asDouble() <= 1e-9);
    }

    @Test
    void tinyOptimumOfTheSphereIsReachedToRelativeGap() throws IOException {
        JsonNode dflt = solve("--model", "sphere", "--tau", "30");
        assertTrue(dflt.get("certificate").get("global").asBoolean(), dflt.toString());
        assertTrue(dflt.get("relativeGap").asDouble() <= 1e-9);
        assertTrue(dflt.get("refinement").get("tightenings").asInt() >= 2);
    }

    @Test
    void anOptimumBelowReachSaysItWasNotCertified() throws IOException {
        // f* = 3.7e-58 at tau = 100: the tightening limit ends the solve, still CONVERGED at the asked tolerance
        JsonNode j = solve("--model", "sphere", "--tau", "100");
        assertFalse(j.get("certificate").get("global").asBoolean());
        assertEquals("CONVERGED", j.get("stopReason").asText());
        assertTrue(j.get("gradNorm").asDouble() <= 1e-9);
        assertTrue(j.get("refinement").get("outcome").asText().startsWith("not certified"), j.toString());
    }

    @Test
    void withoutAClosedFormNothingIsTightened() throws IOException {
        JsonNode j = solve("--classes", "4", "--per-class", "3", "--dim", "2");
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
