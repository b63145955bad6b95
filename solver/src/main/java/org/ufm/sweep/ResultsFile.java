package org.ufm.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DIR/results.jsonl}: one line per finished cell, each appended with one write and so on disk as soon
 * as the cell finishes. Opening it keeps the lines already there (the cells a rerun skips); a torn last line
 * (the process was killed mid-write), an unreadable line or a second line for the same cell is dropped and the
 * file rewritten without it, so the file never holds a duplicate. A lock file keeps two sweeps out of one DIR.
 */
public final class ResultsFile implements Closeable {

    /** File name inside the output directory. */
    public static final String NAME = "results.jsonl";

    private final Path file;
    private final Map<String, JsonNode> lines;
    private final int dropped;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileOutputStream out;

    private ResultsFile(Path file, Map<String, JsonNode> lines, int dropped, FileChannel lockChannel, FileLock lock)
            throws IOException {
        this.file = file;
        this.lines = lines;
        this.dropped = dropped;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.out = new FileOutputStream(file.toFile(), true);
    }

    /** Opens (creating) DIR and its results file, reading and repairing what is there. */
    public static ResultsFile open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SweepInputException("cannot create the output directory " + dir + ": " + e.getMessage());
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(".sweep.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new SweepInputException("another sweep is writing to " + dir + " (it holds " + dir.resolve(".sweep.lock") + ")");
            }
            Path file = dir.resolve(NAME);
            Map<String, JsonNode> kept = new LinkedHashMap<>();
            int dropped = 0;
            if (Files.exists(file)) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                String[] raw = text.split("\n", -1);
                List<String> keptText = new ArrayList<>();
                for (int i = 0; i < raw.length; i++) {
                    String s = raw[i];
                    boolean last = i == raw.length - 1;
                    if (last && s.isEmpty()) {
                        break;
                    }
                    JsonNode n = last ? null : parse(s);
                    if (n == null || !n.path("cell").isTextual() || kept.containsKey(n.get("cell").asText())) {
                        dropped++;
                        continue;
                    }
                    kept.put(n.get("cell").asText(), n);
                    keptText.add(s);
                }
                if (dropped > 0) {
                    Path tmp = dir.resolve(NAME + ".tmp");
                    StringBuilder b = new StringBuilder();
                    for (String s : keptText) {
                        b.append(s).append('\n');
                    }
                    Files.write(tmp, b.toString().getBytes(StandardCharsets.UTF_8));
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return new ResultsFile(file, kept, dropped, ch, lock);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // reported below
                }
            }
            throw new SweepInputException("cannot open " + dir.resolve(NAME) + ": " + e.getMessage());
        }
    }

    private static JsonNode parse(String s) {
        try {
            JsonNode n = SweepJson.MAPPER.readTree(s);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The file. */
    public Path path() {
        return file;
    }

    /** How many of {@code cells} already have a line (a rerun skips them). */
    public synchronized int doneAmong(List<Cell> cells) {
        int done = 0;
        for (Cell c : cells) {
            done += has(c.id()) ? 1 : 0;
        }
        return done;
    }

    /** True when the cell already has a line. */
    public synchronized boolean has(String cellId) {
        return lines.containsKey(cellId);
    }

    /** Lines dropped when opening (torn, unreadable or duplicate). */
    public int dropped() {
        return dropped;
    }

    /** The lines by cell id, in file order. */
    public synchronized Map<String, JsonNode> lines() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    }

    /** Appends a cell's line with one write; a line for a cell that already has one is refused. */
    public synchronized void append(String line) {
        JsonNode n = parse(line);
        if (n == null || !n.path("cell").isTextual() || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not a one-line cell result: " + line);
        }
        String id = n.get("cell").asText();
        if (lines.containsKey(id)) {
            throw new IllegalStateException("cell " + id + " already has a line in " + file);
        }
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        lines.put(id, n);
    }

    @Override
    public synchronized void close() throws IOException {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } finally {
            out = null;
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }
}
