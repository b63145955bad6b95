package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The command line's JSON reads back as written: every double to the bit, the fields in order, strings escaped. */
class JsonTest {

    private static final ObjectMapper READ = new ObjectMapper();

    @Test
    void everyFiniteDoubleReadsBackToTheSameBits() throws Exception {
        Random r = new Random(7);
        double[] x = new double[4000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Double.longBitsToDouble(r.nextLong()); // every exponent, subnormals included
            if (!Double.isFinite(x[i])) {
                x[i] = r.nextGaussian();
            }
        }
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE, Math.nextUp(1.0), Math.nextDown(1.0), 0.1, 1e-300, 2.0e22, 1e23, 9007199254740993.0};
        System.arraycopy(edges, 0, x, 0, edges.length);
        List<Object> boxed = new ArrayList<>();
        for (double v : x) {
            boxed.add(v);
        }
        JsonNode j = READ.readTree(new Json().put("array", x).put("list", boxed).put("one", x[5]).toString());
        for (String field : Arrays.asList("array", "list")) {
            JsonNode a = j.get(field);
            assertEquals(x.length, a.size());
            for (int i = 0; i < x.length; i++) {
                assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(a.get(i).doubleValue()),
                        field + "[" + i + "] = " + x[i] + " written as " + a.get(i));
            }
        }
        assertEquals(x[5], j.get("one").doubleValue());
    }

    @Test
    void nonFiniteNumbersAreNullAndTheRestIsAsPut() throws Exception {
        String text = new Json()
                .put("nan", Double.NaN)
                .put("inf", new double[] {Double.POSITIVE_INFINITY, 1.5, Double.NEGATIVE_INFINITY})
                .put("count", 1234567890123L)
                .put("int", 7)
                .put("flag", true)
                .put("none", null)
                .put("text", "a \"quoted\" \\ line\nwith\ttab and \u0001")
                .put("nested", new Json().put("z", 1).put("a", 2))
                .toString();
        JsonNode j = READ.readTree(text);
        assertTrue(j.get("nan").isNull());
        assertTrue(j.get("inf").get(0).isNull() && j.get("inf").get(2).isNull());
        assertEquals(1.5, j.get("inf").get(1).doubleValue());
        assertEquals(1234567890123L, j.get("count").longValue());
        assertTrue(j.get("int").isIntegralNumber());
        assertTrue(j.get("flag").booleanValue());
        assertTrue(j.get("none").isNull());
        assertEquals("a \"quoted\" \\ line\nwith\ttab and \u0001", j.get("text").textValue());
        List<String> order = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            order.add(it.next());
        }
        assertEquals(Arrays.asList("nan", "inf", "count", "int", "flag", "none", "text", "nested"), order);
        Iterator<String> nested = j.get("nested").fieldNames();
        assertEquals("z", nested.next());
        assertEquals("a", nested.next());
        assertTrue(!text.contains("\n"), "one line: " + text);
    }

    @Test
    void arraysMapsAndCollectionsAreWrittenAsJsonNotAsToString() throws Exception {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("b", 1);
        map.put("a", new long[] {Long.MAX_VALUE});
        JsonNode j = READ.readTree(new Json()
                .put("ints", new int[] {1, -2})
                .put("longs", new long[] {Long.MIN_VALUE})
                .put("objects", new Object[] {"x", 1.5, null})
                .put("set", new java.util.TreeSet<>(Arrays.asList(3, 1)))
                .put("map", map)
                .put("e", java.util.concurrent.TimeUnit.NANOSECONDS)
                .toString());
        assertEquals("[1,-2]", j.get("ints").toString());
        assertEquals(Long.MIN_VALUE, j.get("longs").get(0).longValue());
        assertEquals("[\"x\",1.5,null]", j.get("objects").toString());
        assertEquals("[1,3]", j.get("set").toString());
        assertEquals("{\"b\":1,\"a\":[9223372036854775807]}", j.get("map").toString());
        assertEquals("NANOSECONDS", j.get("e").textValue());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Json().put("bytes", new byte[] {1}).toString());
    }
}
