package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The JSON reports what the certification after the solve cost, part by part, and how many Lanczos steps it took. */
class CertificationSecondsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode certificate(String... args) throws IOException {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code, r.toString());
        return JSON.readTree(r.out).get("certificate");
    }

    @Test
    void lanczosSolveReportsItsStepsAndTheSecondsOfEachPart() throws IOException {
        // 10 x 16 + 16 x 100 + 10 = 1770 variables: above the dense limit, so Lanczos
        JsonNode c = certificate("solve", "--classes", "10", "--per-class", "10", "--dim", "16", "--json");
        assertEquals("lanczos", c.get("hessianMethod").asText());
        int steps = c.get("lanczosSteps").asInt();
        assertTrue(steps >= 1 && steps <= 200, c.toString());
        JsonNode s = c.get("seconds");
        double sum = 0.0;
        for (String part : new String[] {"secondOrder", "distance", "global", "metrics"}) {
            double v = s.get(part).asDouble();
            assertTrue(v >= 0.0 && v < 600.0, part + " " + s);
            sum += v;
        }
        assertTrue(s.get("secondOrder").asDouble() > 0.0, "the Lanczos run took some time: " + s);
        assertEquals(sum, s.get("total").asDouble(), 1e-12 * Math.max(1.0, sum));
    }

    @Test
    void withoutTheHessianItsPartTakesNoTimeAndThereAreNoSteps() throws IOException {
        JsonNode c = certificate("solve", "--classes", "10", "--per-class", "10", "--dim", "16", "--json", "--no-hessian");
        assertTrue(c.get("lanczosSteps").isNull(), c.toString());
        assertEquals(0.0, c.get("seconds").get("secondOrder").asDouble(), 1e-3);
    }
}
