package org.ufm.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A 2-D real {@code .npy} file read as rows in blocks by positional reads, never held whole: C order reads
 * one contiguous span per block, Fortran order one span per column per block. Opening checks the header
 * and that the file is exactly as long as the shape says; reading checks every entry is finite.
 */
public final class NpyRows implements RowSource, AutoCloseable {

    private final FileChannel channel;
    private final NpyHeader header;
    private final String file;
    private final long n;
    private final int d;
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    private NpyRows(FileChannel channel, NpyHeader header, String file) {
        this.channel = channel;
        this.header = header;
        this.file = file;
        this.n = header.shape[0];
        this.d = (int) header.shape[1];
    }

    /** Opens a 2-D float64/float32 .npy file. */
    public static NpyRows open(Path path) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(path + ": no such file");
        }
        try {
            String file = path.toString();
            NpyHeader h = NpyHeader.read(Channels.newInputStream(ch), file);
            if (h.shape.length != 2) {
                throw new NpyFormatException(file + ": shape " + NpyHeader.shapeString(h.shape)
                        + ", expected a 2-D array (samples, features)");
            }
            if (!h.dtype.isFloat()) {
                throw new NpyFormatException(file + ": dtype " + h.dtype + ", expected float64 or float32 features");
            }
            if (h.shape[1] > Integer.MAX_VALUE / 8 || h.shape[1] < 1 || h.shape[0] < 1) {
                throw new NpyFormatException(file + ": shape " + NpyHeader.shapeString(h.shape) + " not supported");
            }
            NpyArray.checkLength(h, ch.size() - h.dataOffset, file);
            return new NpyRows(ch, h, file);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public long rows() {
        return n;
    }

    @Override
    public int cols() {
        return d;
    }

    /** The element type in the file. */
    public NpyDtype dtype() {
        return header.dtype;
    }

    @Override
    public void read(long first, int count, double[] out) throws IOException {
        int item = header.dtype.size();
        if (!header.fortranOrder) {
            ByteBuffer b = fill((long) count * d * item, header.dataOffset + first * d * item);
            convert(b, 0, count * d, out, 0, 1, first);
        } else {
            for (int c = 0; c < d; c++) {
                ByteBuffer b = fill((long) count * item, header.dataOffset + ((long) c * n + first) * item);
                convert(b, 0, count, out, c, d, first);
            }
        }
    }

    private ByteBuffer fill(long bytes, long position) throws IOException {
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate((int) bytes);
        }
        buffer.clear().limit((int) bytes);
        buffer.order(header.dtype.order());
        long pos = position;
        while (buffer.hasRemaining()) {
            int r = channel.read(buffer, pos);
            if (r < 0) {
                throw new NpyFormatException(file + ": truncated (the file shrank while it was read)");
            }
            pos += r;
        }
        return buffer;
    }

    /** Writes {@code count} elements of b into out[start + t * stride], checking each is finite. */
    private void convert(ByteBuffer b, int from, int count, double[] out, int start, int stride, long firstRow) {
        boolean f8 = header.dtype.size() == 8;
        for (int t = 0; t < count; t++) {
            double v = f8 ? b.getDouble((from + t) * 8) : b.getFloat((from + t) * 4);
            int at = start + t * stride;
            if (!Double.isFinite(v)) {
                long row = firstRow + at / d;
                throw new NpyFormatException(file + ": entry [" + row + ", " + (at % d) + "] is " + v
                        + " (every entry must be finite)");
            }
            out[at] = v;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
