package org.ufm.npy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a {@code .npy} file (NumPy's format specification, versions 1.0, 2.0 and 3.0): the magic
 * {@code \x93NUMPY}, the version bytes, the header length (uint16 little-endian in 1.0, uint32 in 2.0 and
 * 3.0), then a Python dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (N, d), }}
 * (latin-1 in 1.0/2.0, UTF-8 in 3.0) padded with spaces and a newline. The data follow immediately.
 */
public final class NpyHeader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Largest header this reader accepts (NumPy itself refuses more than 10000 bytes by default). */
    static final int MAX_HEADER = 1 << 20;

    /** Major version (1, 2 or 3). */
    public final int major;
    /** Element type. */
    public final NpyDtype dtype;
    /** True when the data are in Fortran (column-major) order. */
    public final boolean fortranOrder;
    /** The shape; empty for a scalar. */
    public final long[] shape;
    /** Bytes before the data (magic, version, length field and header). */
    public final long dataOffset;

    NpyHeader(int major, NpyDtype dtype, boolean fortranOrder, long[] shape, long dataOffset) {
        this.major = major;
        this.dtype = dtype;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
        this.dataOffset = dataOffset;
    }

    /** Number of elements (product of the shape), or a {@link NpyFormatException} past 2^62. */
    public long elements(String file) {
        long n = 1;
        for (long s : shape) {
            if (s != 0 && n > (Long.MAX_VALUE / 4) / s) {
                throw new NpyFormatException(file + ": shape " + shapeString(shape) + " is too large");
            }
            n *= s;
        }
        return n;
    }

    /** Bytes of data the header promises. */
    public long dataBytes(String file) {
        return elements(file) * dtype.size();
    }

    /** Reads a header from the start of a stream, leaving the stream at the first data byte. */
    public static NpyHeader read(InputStream in, String file) throws IOException {
        DataInputStream din = new DataInputStream(in);
        byte[] magic = new byte[8];
        try {
            din.readFully(magic);
        } catch (EOFException e) {
            throw new NpyFormatException(file + ": not a .npy file (shorter than the 8-byte magic)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new NpyFormatException(file + ": not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = magic[6] & 0xff;
        int minor = magic[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(file + ": unsupported .npy format version " + major + "." + minor
                    + " (1.0, 2.0 and 3.0 are read)");
        }
        long len;
        int lenBytes = major == 1 ? 2 : 4;
        byte[] l = new byte[lenBytes];
        try {
            din.readFully(l);
        } catch (EOFException e) {
            throw new NpyFormatException(file + ": truncated in the header length field");
        }
        len = 0;
        for (int i = lenBytes - 1; i >= 0; i--) {
            len = (len << 8) | (l[i] & 0xff);
        }
        if (len > MAX_HEADER) {
            throw new NpyFormatException(file + ": header length " + len + " bytes is implausible");
        }
        byte[] text = new byte[(int) len];
        try {
            din.readFully(text);
        } catch (EOFException e) {
            throw new NpyFormatException(file + ": truncated inside the " + len + "-byte header");
        }
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseDict(dict, major, 8 + lenBytes + len, file);
    }

    static NpyHeader parseDict(String dict, int major, long dataOffset, String file) {
        DictParser p = new DictParser(dict, file);
        String descr = null;
        Boolean fortran = null;
        long[] shape = null;
        p.expect('{');
        while (!p.peek('}')) {
            String key = p.string();
            p.expect(':');
            switch (key) {
                case "descr":
                    if (p.peek('[')) {
                        throw new NpyFormatException(file + ": unsupported dtype (a structured dtype)");
                    }
                    descr = p.string();
                    break;
                case "fortran_order":
                    fortran = p.bool();
                    break;
                case "shape":
                    shape = p.tuple();
                    break;
                default:
                    throw new NpyFormatException(file + ": unexpected header key '" + key + "'");
            }
            if (!p.peek('}')) {
                p.expect(',');
            }
        }
        p.expect('}');
        if (descr == null || fortran == null || shape == null) {
            throw new NpyFormatException(file + ": header lacks one of 'descr', 'fortran_order', 'shape'");
        }
        return new NpyHeader(major, NpyDtype.parse(descr, file), fortran, shape, dataOffset);
    }

    /**
     * The bytes of a version 1.0 header (2.0 when the dict needs more than 65535 bytes) for the given
     * dtype and shape in C order, padded so that the data start at a multiple of 64 bytes as NumPy writes.
     */
    public static byte[] encode(NpyDtype dtype, long[] shape) {
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': " + shapeString(shape)
                + ", }";
        int major = dict.length() + 12 > 65535 ? 2 : 1;
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        StringBuilder sb = new StringBuilder(dict);
        while (prefix + sb.length() + 1 < padded) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] text = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MAGIC, 0, MAGIC.length);
        out.write(major);
        out.write(0);
        int len = text.length;
        out.write(len & 0xff);
        out.write((len >>> 8) & 0xff);
        if (major == 2) {
            out.write((len >>> 16) & 0xff);
            out.write((len >>> 24) & 0xff);
        }
        out.write(text, 0, text.length);
        return out.toByteArray();
    }

    /** A shape as NumPy prints it: (), (3,), (3, 4). */
    public static String shapeString(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /** A tokenizer for the small subset of Python literals that NumPy writes in a header. */
    private static final class DictParser {
        private final String s;
        private final String file;
        private int i;

        DictParser(String s, String file) {
            this.s = s;
            this.file = file;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean peek(char c) {
            skip();
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) {
            if (!peek(c)) {
                throw bad("expected '" + c + "'");
            }
            i++;
        }

        String string() {
            skip();
            if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
                throw bad("expected a string");
            }
            char q = s.charAt(i++);
            int end = s.indexOf(q, i);
            if (end < 0) {
                throw bad("unterminated string");
            }
            String r = s.substring(i, end);
            i = end + 1;
            return r;
        }

        boolean bool() {
            skip();
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw bad("expected True or False");
        }

        long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (!peek(')')) {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    throw bad("expected a non-negative integer in the shape");
                }
                try {
                    dims.add(Long.parseLong(s.substring(start, i)));
                } catch (NumberFormatException e) {
                    throw bad("shape entry out of range");
                }
                skip();
                if (i < s.length() && s.charAt(i) == 'L') {
                    i++;
                }
                if (!peek(')')) {
                    expect(',');
                }
            }
            expect(')');
            long[] r = new long[dims.size()];
            for (int k = 0; k < r.length; k++) {
                r[k] = dims.get(k);
            }
            return r;
        }

        private NpyFormatException bad(String what) {
            return new NpyFormatException(file + ": malformed header (" + what + " at character " + i + ")");
        }
    }
}
