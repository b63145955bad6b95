package org.ufm.npy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An {@code .npz} archive as NumPy's {@code savez} (stored) and {@code savez_compressed} (deflated) write
 * it: a zip of {@code NAME.npy} members. Members are read whole on request, each once, through
 * {@link java.util.zip.ZipFile} (which inflates deflated members); a member whose data are shorter or
 * longer than its header promises, or a corrupt zip, is a {@link NpyFormatException}.
 */
public final class Npz implements AutoCloseable {

    private final ZipFile zip;
    private final String file;
    private final Map<String, ZipEntry> members = new LinkedHashMap<>();

    private Npz(ZipFile zip, String file) {
        this.zip = zip;
        this.file = file;
        Enumeration<? extends ZipEntry> e = zip.entries();
        while (e.hasMoreElements()) {
            ZipEntry z = e.nextElement();
            String name = z.getName();
            if (name.endsWith(".npy")) {
                members.put(name.substring(0, name.length() - 4), z);
            }
        }
    }

    /** Opens an archive. */
    public static Npz open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NpyFormatException(path + ": no such file");
        }
        try {
            return new Npz(new ZipFile(path.toFile()), path.toString());
        } catch (ZipException e) {
            throw new NpyFormatException(path + ": not an .npz (zip) archive: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(path + ": no such file");
        }
    }

    /** The member names (without .npy), in archive order. */
    public List<String> keys() {
        return new ArrayList<>(members.keySet());
    }

    /** True when the archive has the member. */
    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** Reads a member whole; a missing key is a {@link NpyFormatException} that lists the keys present. */
    public NpyArray get(String key) throws IOException {
        ZipEntry z = members.get(key);
        if (z == null) {
            throw new NpyFormatException(file + ": no array '" + key + "' (the archive holds " + keys() + ")");
        }
        String source = file + ":" + key;
        try (InputStream in = new BufferedInputStream(zip.getInputStream(z), 1 << 16)) {
            return NpyArray.read(in, z.getSize(), source);
        } catch (ZipException e) {
            throw new NpyFormatException(source + ": corrupt archive member: " + e.getMessage());
        } catch (java.io.EOFException e) {
            throw new NpyFormatException(source + ": truncated archive member");
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
