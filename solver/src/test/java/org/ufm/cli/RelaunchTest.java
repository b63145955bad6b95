package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The child's command line: this JVM's own argv from /proc, or java, its options, the class path and Main. */
class RelaunchTest {

    @Test
    void theSameCommandLineStartsWithTheAbsoluteJavaBinary() {
        assumeTrue(Files.exists(Path.of("/proc/self/cmdline")), "Linux only");
        List<String> argv = Relaunch.sameCommandLine(new String[0]);
        assertTrue(argv != null && Path.of(argv.get(0)).isAbsolute() && argv.get(0).endsWith("java"), "" + argv);
        assertNull(Relaunch.sameCommandLine(new String[] {"solve", "--no-such-argument-here"}),
                "a command line that does not end with the arguments is not reused");
    }

    @Test
    void theFallbackNamesTheClassPathAndMain() {
        List<String> cmd = Relaunch.command(new String[] {"solve", "--model", "ce"});
        assertTrue(cmd.get(0).endsWith("java"), cmd.get(0));
        int cp = cmd.indexOf("-cp");
        assertEquals(System.getProperty("java.class.path"), cmd.get(cp + 1));
        assertEquals(List.of(Main.class.getName(), "solve", "--model", "ce"), cmd.subList(cp + 2, cmd.size()));
    }

    @Test
    void onlyCommandsThatCallBlasAreRelaunched() {
        assertEquals(-1, Relaunch.ifNeeded(new String[0]));
        assertEquals(-1, Relaunch.ifNeeded(new String[] {"help"}));
        assertEquals(-1, Relaunch.ifNeeded(new String[] {"version"}));
        assertEquals(-1, Relaunch.ifNeeded(new String[] {"solve", "--help"}));
        assertTrue(Relaunch.BLAS_COMMANDS.containsAll(List.of("solve", "check", "reproduce", "saddle", "metrics",
                "certify", "sweep")));
    }
}
