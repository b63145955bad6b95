package org.ufm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the command line: exit code, stdout and stderr. */
final class CliRun {
    final int code;
    final String out;
    final String err;

    private CliRun(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static CliRun of(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** {@code solve OPTIONS --json --threads 1}, asserted to exit 0, its JSON parsed. */
    static JsonNode solveJson(String... options) throws IOException {
        String[] all = new String[options.length + 4];
        all[0] = "solve";
        System.arraycopy(options, 0, all, 1, options.length);
        all[options.length + 1] = "--json";
        all[options.length + 2] = "--threads";
        all[options.length + 3] = "1";
        CliRun r = of(all);
        assertEquals(0, r.code, r.toString());
        return new ObjectMapper().readTree(r.out);
    }

    /** True when stderr is exactly one line. */
    boolean oneErrorLine() {
        return err.endsWith("\n") && err.indexOf('\n') == err.length() - 1;
    }

    @Override
    public String toString() {
        return "exit " + code + "\nstdout: " + out + "\nstderr: " + err;
    }
}
