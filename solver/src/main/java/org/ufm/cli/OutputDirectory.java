package org.ufm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule that {@code ufm reproduce} overwrites only its own files: a directory it writes into is marked
 * with {@value #MARKER}; a later run replaces the files of a marked directory (and says so), and refuses
 * a directory that holds anything without the mark.
 */
final class OutputDirectory {

    /** The file that marks a directory as written by {@code ufm reproduce}. */
    static final String MARKER = ".ufm-reproduce";

    private OutputDirectory() {
    }

    /** True when {@code dir} holds the files of an earlier run (it carries the mark). */
    static boolean earlierRun(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER));
    }

    /** The entries of {@code dir} that an earlier run did not write: all of them unless it is marked. */
    static List<Path> foreignEntries(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir) || earlierRun(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(out::add);
        }
        return out;
    }

    /** Creates {@code dir} if needed and marks it. */
    static void claim(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "written by ufm reproduce: the next run into this directory replaces "
                + "its files\n", StandardCharsets.UTF_8);
    }
}
