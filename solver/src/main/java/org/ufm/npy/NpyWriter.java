package org.ufm.npy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code .npy} files and {@code .npz} archives that NumPy loads: little-endian float64 for reals and
 * int64 for integers, C order, a version 1.0 header (2.0 if needed). Every file is written to a temporary
 * sibling and moved into place, so a failed or interrupted write leaves no partial file under the name.
 */
public final class NpyWriter {

    private static final int CHUNK = 1 << 16;

    private NpyWriter() {
    }

    /** Writes one array as a .npy file. */
    public static void writeNpy(Path path, NpyArray a) throws IOException {
        Path tmp = temporary(path);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), CHUNK)) {
                write(out, a, null);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes named arrays as an .npz archive, deflated ({@code savez_compressed}) or stored ({@code savez}).
     */
    public static void writeNpz(Path path, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        Path tmp = temporary(path);
        try {
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), CHUNK))) {
                for (Map.Entry<String, NpyArray> e : new LinkedHashMap<>(arrays).entrySet()) {
                    ZipEntry z = new ZipEntry(e.getKey() + ".npy");
                    if (compressed) {
                        z.setMethod(ZipEntry.DEFLATED);
                    } else {
                        // a stored member needs its size and CRC before its data: one pass to count them
                        CRC32 crc = new CRC32();
                        long size = write(null, e.getValue(), crc);
                        z.setMethod(ZipEntry.STORED);
                        z.setSize(size);
                        z.setCompressedSize(size);
                        z.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(z);
                    write(zip, e.getValue(), null);
                    zip.closeEntry();
                }
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path temporary(Path path) {
        Path abs = path.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".partial");
    }

    /** Streams the .npy image of {@code a} to {@code out} and/or {@code crc}; returns its length in bytes. */
    private static long write(OutputStream out, NpyArray a, CRC32 crc) throws IOException {
        double[] reals = a.rawReals();
        long[] ints = a.rawInts();
        byte[] header = NpyHeader.encode(reals != null ? NpyDtype.F8_LE : NpyDtype.I8_LE, a.shape());
        emit(out, crc, header, header.length);
        long total = header.length;
        int n = reals != null ? reals.length : ints.length;
        byte[] buf = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < n; from += CHUNK / 8) {
            int count = Math.min(CHUNK / 8, n - from);
            for (int t = 0; t < count; t++) {
                if (reals != null) {
                    bb.putDouble(t * 8, reals[from + t]);
                } else {
                    bb.putLong(t * 8, ints[from + t]);
                }
            }
            emit(out, crc, buf, count * 8);
            total += count * 8L;
        }
        return total;
    }

    private static void emit(OutputStream out, CRC32 crc, byte[] b, int len) throws IOException {
        if (out != null) {
            out.write(b, 0, len);
        }
        if (crc != null) {
            crc.update(b, 0, len);
        }
    }
}
