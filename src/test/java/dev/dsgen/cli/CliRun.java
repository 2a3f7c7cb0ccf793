package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One dsgen invocation and what it printed. Every assertion puts the arguments, exit code, stdout
 * and stderr into its failure message, so a red test says what the command actually did.
 */
record CliRun(List<String> args, int exitCode, String out, String err) {
    private static final int SHOWN = 4000;
    /** Signs of a leaked Java failure: exception class names or stack frames. */
    private static final Pattern LEAK = Pattern.compile(
            "Exception|Error:|\\bat (dev|java|jdk|picocli|com|org|sun)\\.|^\\s+at |Caused by|\\.java:\\d+", Pattern.MULTILINE);

    /** Runs dsgen in this JVM through {@link Dsgen#execute}. */
    static CliRun inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            code = Dsgen.execute(args.clone(), o, e);
        }
        return new CliRun(List.of(args), code, out.toString(), err.toString());
    }

    /**
     * Runs the shaded JAR in a child JVM: {@code java -jar jar args}, stdout/stderr captured in
     * files under {@code work} (pipes, so never a terminal). {@code env} entries with a null value are
     * removed from the child's environment.
     */
    /**
     * The shaded JAR maven-failsafe names in {@code dsgen.jar}; the calling test class is skipped
     * without it (surefire runs the JAR tests only when -Dtest names them).
     */
    static Path builtJar() {
        String jarProperty = System.getProperty("dsgen.jar");
        assumeTrue(jarProperty != null, "system property dsgen.jar is not set: run through maven-failsafe (mvn verify)");
        Path jar = Path.of(jarProperty).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no JAR at " + jar + " (run 'mvn package' first)");
        return jar;
    }

    static CliRun jar(Path jar, Path work, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        return process(cmd, work, env, List.of(args));
    }

    /** Runs any command (e.g. {@code bash samples/pipeline.sh}) the same way. */
    static CliRun process(List<String> cmd, Path work, Map<String, String> env, List<String> shownArgs) {
        try {
            Files.createDirectories(work);
            Path out = Files.createTempFile(work, "stdout", ".txt");
            Path err = Files.createTempFile(work, "stderr", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(devNull()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            // Reproducible, salt-free environment unless a test asks otherwise.
            pb.environment().remove("DSGEN_PII_SALT");
            pb.environment().remove("SOURCE_DATE_EPOCH");
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("_JAVA_OPTIONS");
            pb.environment().remove("JDK_JAVA_OPTIONS");
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out after 120 s: " + cmd);
            }
            CliRun run = new CliRun(shownArgs, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + cmd, e);
        }
    }

    private static java.io.File devNull() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Everything the command did, for failure messages. */
    String describe() {
        return "\n  args:   " + String.join(" ", args) + "\n  exit:   " + exitCode
                + "\n  stdout: " + clip(out) + "\n  stderr: " + clip(err);
    }

    private static String clip(String s) {
        if (s.isEmpty()) {
            return "(empty)";
        }
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "... (" + s.length() + " chars)";
    }

    CliRun assertExit(int expected) {
        if (exitCode != expected) {
            fail("expected exit " + expected + " but got " + exitCode + describe());
        }
        return this;
    }

    CliRun assertStdoutEmpty() {
        assertTrue(out.isEmpty(), () -> "expected empty stdout" + describe());
        return this;
    }

    CliRun assertStderrEmpty() {
        assertTrue(err.isEmpty(), () -> "expected empty stderr" + describe());
        return this;
    }

    CliRun assertStdoutContains(String... parts) {
        for (String part : parts) {
            assertTrue(out.contains(part), () -> "stdout lacks '" + part + "'" + describe());
        }
        return this;
    }

    /**
     * stderr is exactly one line {@code dsgen: ...} that contains every {@code part} (the flag, file,
     * line or key it must name), with no exception class name or stack frame leaking.
     */
    CliRun assertOneLineError(String... parts) {
        String body = err.endsWith("\n") ? err.substring(0, err.length() - 1) : err;
        assertTrue(err.endsWith("\n"), () -> "stderr must be one terminated line" + describe());
        assertEquals(1, body.split("\\R", -1).length, () -> "stderr must be exactly one line" + describe());
        assertTrue(body.startsWith("dsgen: "), () -> "stderr must start with 'dsgen: '" + describe());
        assertTrue(body.endsWith(")"), () -> "error must end with '(<where>)'" + describe());
        assertTrue(!LEAK.matcher(body).find(), () -> "a Java exception or stack frame leaked" + describe());
        for (String part : parts) {
            assertTrue(body.contains(part), () -> "error does not name '" + part + "'" + describe());
        }
        return this;
    }

    /** A failure: exit {@code code}, nothing on stdout, one {@code dsgen:} line naming {@code parts}. */
    CliRun assertFails(int code, String... parts) {
        return assertExit(code).assertStdoutEmpty().assertOneLineError(parts);
    }
}
