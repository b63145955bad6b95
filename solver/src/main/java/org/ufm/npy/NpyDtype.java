package org.ufm.npy;

import java.nio.ByteOrder;

/**
 * The element types this package reads and writes: IEEE float64/float32 and signed int64/int32, each
 * little- or big-endian, as NumPy's {@code descr} strings {@code '<f8' '>f8' '<f4' '>f4' '<i8' '>i8'
 * '<i4' '>i4'} ({@code '='} means the machine order, {@code '|'} is not used by these multi-byte types).
 */
public final class NpyDtype {

    /** Little-endian float64, what this package writes for reals. */
    public static final NpyDtype F8_LE = new NpyDtype('f', 8, ByteOrder.LITTLE_ENDIAN);
    /** Little-endian int64, what this package writes for labels. */
    public static final NpyDtype I8_LE = new NpyDtype('i', 8, ByteOrder.LITTLE_ENDIAN);

    private final char kind;
    private final int size;
    private final ByteOrder order;

    private NpyDtype(char kind, int size, ByteOrder order) {
        this.kind = kind;
        this.size = size;
        this.order = order;
    }

    /** Parses a descr string; an unsupported one is a {@link NpyFormatException} naming it. */
    public static NpyDtype parse(String descr, String file) {
        if (descr.length() == 3) {
            char o = descr.charAt(0);
            char k = descr.charAt(1);
            char s = descr.charAt(2);
            ByteOrder order = o == '<' ? ByteOrder.LITTLE_ENDIAN : o == '>' ? ByteOrder.BIG_ENDIAN
                    : o == '=' ? ByteOrder.nativeOrder() : null;
            if (order != null && (k == 'f' || k == 'i') && (s == '4' || s == '8')) {
                return new NpyDtype(k, s - '0', order);
            }
        }
        throw new NpyFormatException(file + ": unsupported dtype '" + descr + "' (" + describe(descr)
                + "); supported: float64, float32, int64, int32, either byte order");
    }

    private static String describe(String descr) {
        if (descr.startsWith("[")) {
            return "a structured dtype";
        }
        String k = descr.replaceAll("[<>|=0-9]", "");
        switch (k) {
            case "c":
                return "complex";
            case "O":
                return "Python objects";
            case "U":
            case "S":
            case "a":
                return "strings";
            case "b":
            case "?":
                return "booleans";
            case "u":
                return "unsigned integers";
            case "f":
                return "a float of another size";
            case "i":
                return "an integer of another size";
            default:
                return "not a numeric type this reader knows";
        }
    }

    /** True for float64/float32. */
    public boolean isFloat() {
        return kind == 'f';
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** Byte order of the elements. */
    public ByteOrder order() {
        return order;
    }

    /** The descr string, e.g. {@code <f8}. */
    public String descr() {
        return (order == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + kind + size;
    }

    /** A human name, e.g. float32. */
    public String humanName() {
        return (kind == 'f' ? "float" : "int") + (8 * size);
    }

    @Override
    public String toString() {
        return descr();
    }
}
