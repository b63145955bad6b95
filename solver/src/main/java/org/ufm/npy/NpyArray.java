package org.ufm.npy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A whole NumPy array in memory, in C (row-major) order whatever the file's order: reals as double[]
 * (float32 widened exactly), integers as long[]. Reading checks that the data are exactly as long as the
 * header promises (neither truncated nor longer) and that every real is finite.
 */
public final class NpyArray {

    private static final int CHUNK = 1 << 16;

    private final String source;
    private final NpyDtype dtype;
    private final long[] shape;
    private final double[] reals;
    private final long[] ints;

    private NpyArray(String source, NpyDtype dtype, long[] shape, double[] reals, long[] ints) {
        this.source = source;
        this.dtype = dtype;
        this.shape = shape;
        this.reals = reals;
        this.ints = ints;
    }

    /** Reads a {@code .npy} file whole. */
    public static NpyArray read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(file + ": no such file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return read(in, size, file.toString());
        }
    }

    /**
     * Reads an array whole from a stream positioned at its magic; {@code totalBytes} is the length of the
     * whole .npy image (file or zip member), or -1 when unknown (then the end of the stream must come right
     * after the promised data).
     */
    public static NpyArray read(InputStream in, long totalBytes, String source) throws IOException {
        NpyHeader h = NpyHeader.read(in, source);
        long n = h.elements(source);
        long promised = n * h.dtype.size();
        if (totalBytes >= 0) {
            checkLength(h, totalBytes - h.dataOffset, source);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(source + ": " + n + " elements do not fit in one Java array");
        }
        double[] reals = h.dtype.isFloat() ? new double[(int) n] : null;
        long[] ints = h.dtype.isFloat() ? null : new long[(int) n];
        byte[] buf = new byte[CHUNK - CHUNK % 8];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(h.dtype.order());
        int item = h.dtype.size();
        long done = 0;
        while (done < n) {
            int count = (int) Math.min(buf.length / item, n - done);
            readFully(in, buf, count * item, h, promised, done * item, source);
            bb.clear();
            for (int t = 0; t < count; t++) {
                long idx = done + t;
                int to = (int) (h.fortranOrder ? fortranToC(idx, h.shape) : idx);
                if (reals != null) {
                    double v = item == 8 ? bb.getDouble(t * 8) : bb.getFloat(t * 4);
                    if (!Double.isFinite(v)) {
                        throw new NpyFormatException(source + ": entry " + index(to, h.shape) + " is " + v
                                + " (every entry must be finite)");
                    }
                    reals[to] = v;
                } else {
                    ints[to] = item == 8 ? bb.getLong(t * 8) : bb.getInt(t * 4);
                }
            }
            done += count;
        }
        if (totalBytes < 0 && in.read() >= 0) {
            throw new NpyFormatException(source + ": more data than the header's shape "
                    + NpyHeader.shapeString(h.shape) + " " + h.dtype + " promises (" + promised + " bytes)");
        }
        return new NpyArray(source, h.dtype, h.shape.clone(), reals, ints);
    }

    /** Throws unless exactly the promised number of data bytes is present. */
    static void checkLength(NpyHeader h, long dataBytes, String source) {
        long promised = h.dataBytes(source);
        if (dataBytes < promised) {
            throw new NpyFormatException(source + ": truncated: shape " + NpyHeader.shapeString(h.shape) + " "
                    + h.dtype + " needs " + promised + " bytes of data, only " + dataBytes + " are there");
        }
        if (dataBytes > promised) {
            throw new NpyFormatException(source + ": the header's shape " + NpyHeader.shapeString(h.shape) + " "
                    + h.dtype + " accounts for " + promised + " bytes of data but " + dataBytes
                    + " follow the header");
        }
    }

    private static void readFully(InputStream in, byte[] buf, int len, NpyHeader h, long promised, long at,
                                  String source) throws IOException {
        int off = 0;
        while (off < len) {
            int r = in.read(buf, off, len - off);
            if (r < 0) {
                throw new NpyFormatException(source + ": truncated: shape " + NpyHeader.shapeString(h.shape) + " "
                        + h.dtype + " needs " + promised + " bytes of data, the data end after " + (at + off));
            }
            off += r;
        }
    }

    /** The C-order index of the element at Fortran-order position {@code f}. */
    static long fortranToC(long f, long[] shape) {
        long c = 0;
        long stride = 1;
        long[] strideC = new long[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            strideC[a] = stride;
            stride *= shape[a];
        }
        long rest = f;
        for (int a = 0; a < shape.length; a++) {
            long i = rest % shape[a];
            rest /= shape[a];
            c += i * strideC[a];
        }
        return c;
    }

    /** "[i, j]" for a C-order flat index. */
    static String index(long c, long[] shape) {
        long[] idx = new long[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = c % shape[a];
            c /= shape[a];
        }
        StringBuilder sb = new StringBuilder("[");
        for (int a = 0; a < idx.length; a++) {
            sb.append(a == 0 ? "" : ", ").append(idx[a]);
        }
        return sb.append(']').toString();
    }

    /** Where the array came from (file, or file:key for an .npz member). */
    public String source() {
        return source;
    }

    /** The element type in the file. */
    public NpyDtype dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** The shape as NumPy prints it. */
    public String shapeString() {
        return NpyHeader.shapeString(shape);
    }

    /**
     * The reals in C order (no copy), checking the shape is {@code expected} (entries -1 match anything);
     * integers are refused.
     */
    public double[] reals(long... expected) {
        requireShape(expected);
        if (reals == null) {
            throw new NpyFormatException(source + ": dtype " + dtype + " is an integer type, expected float64 or float32");
        }
        return reals;
    }

    /** A 2-D real array as rows (copies). */
    public double[][] matrix(long rows, long cols) {
        double[] a = reals(rows, cols);
        int r = (int) shape[0];
        int c = (int) shape[1];
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(a, i * c, m[i], 0, c);
        }
        return m;
    }

    /** Integers of a 1-D array, checking the length ({@code -1}: any); reals are refused. */
    public long[] integers(long length) {
        requireShape(length);
        if (ints == null) {
            throw new NpyFormatException(source + ": dtype " + dtype + " is a float type, expected integer labels (int64 or int32)");
        }
        return ints;
    }

    private void requireShape(long... expected) {
        boolean ok = expected.length == shape.length;
        for (int a = 0; ok && a < shape.length; a++) {
            ok = expected[a] < 0 || expected[a] == shape[a];
        }
        if (!ok) {
            StringBuilder want = new StringBuilder("(");
            for (int a = 0; a < expected.length; a++) {
                want.append(a == 0 ? "" : ", ").append(expected[a] < 0 ? "*" : Long.toString(expected[a]));
            }
            want.append(expected.length == 1 ? ",)" : ")");
            throw new NpyFormatException(source + ": shape " + shapeString() + ", expected " + want);
        }
    }

    /** An in-memory array (C order) for writing; reals or integers, not both. */
    public static NpyArray of(double[] reals, long... shape) {
        return new NpyArray("memory", NpyDtype.F8_LE, shape.clone(), reals, null);
    }

    /** An in-memory integer vector for writing. */
    public static NpyArray ofIntegers(long[] ints) {
        return new NpyArray("memory", NpyDtype.I8_LE, new long[] {ints.length}, null, ints);
    }

    /** Unchecked access for the writer. */
    double[] rawReals() {
        return reals;
    }

    long[] rawInts() {
        return ints;
    }

}
