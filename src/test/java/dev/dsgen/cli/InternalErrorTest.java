package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.DsgenException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Exit 1 (a bug) and expected failures thrown from a command, through the real handlers. */
class InternalErrorTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Mixin
        SharedOptions.Logging logging;

        @CommandLine.Option(names = "--expected")
        boolean expected;

        @Override
        public Integer call() {
            if (expected) {
                throw DsgenException.input("schema not found: x.json (--schema)");
            }
            throw new IllegalStateException("kaput");
        }
    }

    private static String[] run(String... args) {
        CommandLine cmd = Dsgen.createCommandLine();
        cmd.addSubcommand("boom", new Boom());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        int code = cmd.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void aBugExitsOneWithOneLineAndNoStackTrace() {
        String[] r = run("boom");
        assertEquals("1", r[0]);
        String[] lines = r[1].strip().split("\n");
        assertEquals(1, lines.length, r[1]);
        assertTrue(lines[0].startsWith("dsgen: internal error: IllegalStateException: kaput"), r[1]);
        assertTrue(lines[0].contains("--verbose"), "the line says how to get the stack trace: " + r[1]);
    }

    @Test
    void verboseAddsTheStackTraceBeforeTheLine() {
        String[] r = run("boom", "--verbose");
        assertEquals("1", r[0]);
        assertTrue(r[1].contains("\tat dev.dsgen.cli.InternalErrorTest$Boom.call"), r[1]);
        assertTrue(r[1].strip().endsWith("(a bug; run with --verbose for the stack trace)"), r[1]);
    }

    @Test
    void anExpectedFailureKeepsItsCodeAndHasNoStackTrace() {
        String[] r = run("boom", "--expected", "--verbose");
        assertEquals("3", r[0]);
        assertEquals("dsgen: schema not found: x.json (--schema)", r[1].strip());
        assertFalse(r[1].contains("\tat "), r[1]);
    }
}
