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
        // 4 x 10 + 4 x 300 = 1240 variables: above the dense limit; with d = 4 < K - 1 the minimiser is no simplex ETF,
        // the sphere's sigma bound is below -tolerance there, so Lanczos
        JsonNode c = certificate("solve", "--model", "sphere", "--classes", "10", "--per-class", "30", "--dim", "4",
                "--json");
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
        // the metrics run beside the certificates and the distance: the whole takes at least the main thread's parts
        double elapsed = s.get("elapsed").asDouble();
        assertTrue(elapsed >= s.get("secondOrder").asDouble() + s.get("global").asDouble()
                + s.get("distance").asDouble(), s.toString());
    }

    /** CE at 1770 variables: the global certificate's sigma_max gives the second-order bound; no Lanczos step is taken. */
    @Test
    void ceAboveTheDenseLimitIsCertifiedBySigmaMaxWithoutLanczos() throws IOException {
        JsonNode c = certificate("solve", "--classes", "10", "--per-class", "10", "--dim", "16", "--json");
        assertEquals("sigma-bound", c.get("hessianMethod").asText());
        assertTrue(c.get("lanczosSteps").isNull() && c.get("lanczosResidual").isNull(), c.toString());
        assertEquals("dense", c.get("sigmaMaxMethod").asText(), "K = 10: sigma_max exact to rounding, the bound a proof");
        assertTrue(c.get("secondOrder").asBoolean() && c.get("global").asBoolean(), c.toString());
        // at the optimum sigma_max = sqrt(lambda_W lambda_H) to rounding, so the bound is 0 to rounding
        assertEquals(0.0, c.get("minHessianEigenvalue").asDouble(), 1e-9);
    }

    /** The sphere at 1760 variables, d >= K - 1: its own bound (Weingarten terms and sigma_max) certifies the ETF. */
    @Test
    void sphereAboveTheDenseLimitIsCertifiedByItsBoundWithoutLanczos() throws IOException {
        JsonNode c = certificate("solve", "--model", "sphere", "--classes", "10", "--per-class", "10", "--dim", "16",
                "--json");
        assertEquals("sigma-bound", c.get("hessianMethod").asText());
        assertTrue(c.get("lanczosSteps").isNull(), c.toString());
        assertTrue(c.get("secondOrder").asBoolean() && c.get("global").asBoolean(), c.toString());
        assertEquals(0.0, c.get("minHessianEigenvalue").asDouble(), 1e-9);
    }

    @Test
    void withoutTheHessianItsPartTakesNoTimeAndThereAreNoSteps() throws IOException {
        JsonNode c = certificate("solve", "--classes", "10", "--per-class", "10", "--dim", "16", "--json", "--no-hessian");
        assertTrue(c.get("lanczosSteps").isNull(), c.toString());
        assertEquals(0.0, c.get("seconds").get("secondOrder").asDouble(), 1e-3);
    }

    /**
     * --no-metrics: no metrics (a note says why) and no time spent on them; the objective, the certificate and the
     * distance are those of the same solve with the metrics.
     */
    @Test
    void withoutMetricsTheCertificateIsTheSameAndTheMetricsTakeNoTime() throws IOException {
        String[] args = {"solve", "--classes", "10", "--per-class", "10", "--dim", "16", "--json", "--no-hessian"};
        String[] without = java.util.Arrays.copyOf(args, args.length + 1);
        without[args.length] = "--no-metrics";
        CliRun a = CliRun.of(args);
        CliRun b = CliRun.of(without);
        assertEquals(0, a.code, a.toString());
        assertEquals(0, b.code, b.toString());
        JsonNode with = JSON.readTree(a.out);
        JsonNode skip = JSON.readTree(b.out);
        assertTrue(with.get("metrics").isObject(), with.toString());
        assertTrue(skip.get("metrics").isNull(), skip.toString());
        assertEquals("skipped (--no-metrics)", skip.get("metricsNote").asText());
        assertEquals(0.0, skip.get("certificate").get("seconds").get("metrics").asDouble(), 1e-3);
        assertEquals(with.get("objective").asDouble(), skip.get("objective").asDouble(), 0.0);
        for (String f : new String[] {"firstOrder", "global", "sigmaMax", "distanceToOptimum"}) {
            assertEquals(with.get("certificate").get(f), skip.get("certificate").get(f), f);
        }
        assertTrue(skip.get("certificate").get("global").asBoolean(), skip.toString());
    }
}
