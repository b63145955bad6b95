package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ufm.compute.Chunks;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;

/** Issue 17 item 3: a trace file that cannot be written (disk full) never costs the solve its result. */
class CsvTraceWriterFailureTest {

    /** A writer that accepts {@code capacity} characters and then fails like a full disk. */
    static final class FullDisk extends Writer {
        private final StringWriter kept = new StringWriter();
        private int left;

        FullDisk(int capacity) {
            left = capacity;
        }

        @Override
        public void write(char[] c, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("No space left on device");
            }
            left -= len;
            kept.write(c, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static Result solve(CsvTraceWriter csv) {
        try (Chunks chunks = new Chunks(1)) {
            EuclideanUfm m = EuclideanUfm.crossEntropy(Labels.balanced(4, 5), 8, 5e-4, 5e-4, 5e-4, true, chunks);
            double[] x0 = new double[m.ambientDimension()];
            m.initialPoint(new Random(1), 1.0, x0);
            return Solvers.create("lbfgs", Double.NaN).minimize(new Problem(m.manifold(), m), x0,
                    StoppingCriterion.standard(1e-9, 1000, 0, 60), new Trace(false).listen(csv));
        }
    }

    @Test
    void aFullDiskStopsTheTraceNotTheSolve() throws IOException {
        Result reference = solve(new CsvTraceWriter(new StringWriter(), null));
        // a 16-character buffer: the disk fills in the second row, mid-solve
        CsvTraceWriter csv = new CsvTraceWriter(new java.io.BufferedWriter(new FullDisk(100), 16), null);
        Result r = solve(csv);
        csv.close();
        assertNotNull(csv.failure());
        assertEquals("No space left on device", csv.failure().getMessage());
        assertEquals(StopReason.CONVERGED, r.stopReason());
        assertEquals(reference.iterations(), r.iterations());
        assertEquals(reference.cost(), r.cost(), 0.0, "the same solve, bit for bit");
    }

    @Test
    void aWorkingWriterReportsNoFailureAndHasEveryRow() throws IOException {
        StringWriter s = new StringWriter();
        CsvTraceWriter csv = new CsvTraceWriter(s, null);
        Result r = solve(csv);
        csv.close();
        assertNull(csv.failure());
        String[] lines = s.toString().split("\n");
        assertEquals(CsvTraceWriter.HEADER, lines[0]);
        assertTrue(lines.length >= r.iterations() + 1, lines.length + " lines for " + r.iterations() + " iterations");
    }
}
