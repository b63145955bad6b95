package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 17 item 12: --version from the build, and per-command help listing every option the parser accepts. */
class HelpTest {

    @Test
    void versionComesFromTheBuild() {
        for (String v : new String[] {"--version", "version"}) {
            MainTest.Run r = MainTest.run(v);
            assertEquals(0, r.code, r.err);
            assertTrue(r.out.trim().matches("ufm \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r.out);
        }
    }

    @Test
    void everyCommandHasHelpNamingEachOfItsOptions() {
        Object[][] commands = {
            {"solve", SolveCommand.VALUES, SolveCommand.FLAGS},
            {"check", CheckCommand.VALUES, CheckCommand.FLAGS},
            {"saddle", SaddleCommand.VALUES, SaddleCommand.FLAGS},
            {"certify", CertifyCommand.VALUES, CertifyCommand.FLAGS},
            {"metrics", MetricsCommand.VALUES, MetricsCommand.FLAGS},
        };
        for (Object[] c : commands) {
            String command = (String) c[0];
            Set<String> options = new LinkedHashSet<>();
            if (!command.equals("metrics")) {
                options.addAll(ModelOptions.VALUES);
                options.addAll(ModelOptions.FLAGS);
            }
            @SuppressWarnings("unchecked") Set<String> values = (Set<String>) c[1];
            @SuppressWarnings("unchecked") Set<String> flags = (Set<String>) c[2];
            options.addAll(values);
            options.addAll(flags);
            for (String[] argv : new String[][] {{command, "--help"}, {command, "--model", "ce", "-h"}, {"help", command}}) {
                MainTest.Run r = MainTest.run(argv);
                assertEquals(0, r.code, r.err);
                assertTrue(r.out.startsWith("usage: java -jar ufm.jar " + command), r.out);
                for (String o : options) {
                    assertTrue(r.out.contains("--" + o + " ") || r.out.contains("--" + o + "\n"), command + " --" + o);
                }
            }
        }
        MainTest.Run r = MainTest.run("reproduce", "--help");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("--out DIR") && r.out.contains("--quick") && r.out.contains("ulpm-margin"), r.out);
    }
}
