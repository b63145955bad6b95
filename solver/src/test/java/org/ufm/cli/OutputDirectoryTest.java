package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ufm.cli.Main;

/** Issue 17 item 10: reproduce refuses an empty --out and never overwrites files it did not write. */
class OutputDirectoryTest {

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void anEmptyOutIsRefused() {
        for (String empty : new String[] {"", " "}) {
            String[] r = run("reproduce", "ulpm-margin", "--quick", "--out", empty);
            assertEquals("2", r[0], r[2]);
            assertEquals("ufm reproduce: --out needs a directory, got an empty path\n", r[2]);
            assertEquals("", r[1]);
        }
    }

    @Test
    void aDirectoryWithForeignFilesIsRefusedAndLeftAlone() throws Exception {
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "my notes\n");
        String[] r = run("reproduce", "ulpm-margin", "--quick", "--out", dir.toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains(dir + " holds 1 file(s) that ufm reproduce did not write (summary.md)"), r[2]);
        assertEquals(1, r[2].trim().split("\n").length, r[2]);
        assertEquals("my notes\n", Files.readString(summary));
    }

    @Test
    void aMarkedDirectoryHoldsAnEarlierRunAndIsReplacedWithANotice() throws Exception {
        Path d = dir.resolve("out");
        assertTrue(OutputDirectory.foreignEntries(d).isEmpty(), "a missing directory holds nothing foreign");
        assertFalse(OutputDirectory.earlierRun(d));
        OutputDirectory.claim(d);
        Files.writeString(d.resolve("summary.md"), "an earlier run\n");
        assertTrue(OutputDirectory.earlierRun(d));
        assertTrue(OutputDirectory.foreignEntries(d).isEmpty());
        Files.delete(d.resolve(OutputDirectory.MARKER));
        assertEquals(List.of(d.resolve("summary.md")), OutputDirectory.foreignEntries(d));
    }
}
