package org.ufm.cli;

import java.io.ByteArrayOutputStream;
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

    /** True when stderr is exactly one line. */
    boolean oneErrorLine() {
        return err.endsWith("\n") && err.indexOf('\n') == err.length() - 1;
    }

    @Override
    public String toString() {
        return "exit " + code + "\nstdout: " + out + "\nstderr: " + err;
    }
}
