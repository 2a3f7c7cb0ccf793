package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted run through the shaded JAR (SIGTERM as from {@code kill} or a CI timeout, SIGINT as
 * from Ctrl-C): once its first temp file exists the child is signalled, and after it exits no temp
 * file, staging folder or folder the run created is left, while the pre-existing output folder and
 * its earlier contents are untouched. The exit code is the JVM's (128 + signal).
 */
class InterruptJarIT {
    private static final long SIGNAL_WAIT_SECONDS = 60;

    private static Path jar;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locateJar() {
        jar = CliRun.builtJar();
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "POSIX signals");
    }

    @Test
    void sigtermRemovesUncommittedOutputsAndNewFolders() throws Exception {
        interruptedRunLeavesOnlyWhatWasThere(Process::destroy, 143);
    }

    @Test
    void sigintRemovesUncommittedOutputsAndNewFolders() throws Exception {
        // A child started with SIGINT ignored (a background job of a non-interactive shell) keeps
        // ignoring it: the JVM then installs no handler, and there is nothing to test.
        assumeFalse(sigintIgnoredHere(), "SIGINT is ignored in this process (and so in the child)");
        interruptedRunLeavesOnlyWhatWasThere(p -> {
            try {
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor(), "kill -INT " + p.pid());
            } catch (IOException e) {
                throw new AssertionError("cannot run kill -INT", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }, 130);
    }

    private interface Signal {
        void send(Process p) throws Exception;
    }

    private void interruptedRunLeavesOnlyWhatWasThere(Signal signal, int expectedExit) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path synth = Files.createDirectories(a.resolve("synth")); // a pre-existing output folder
        Files.writeString(synth.resolve("leads.csv"), "earlier leads\n");
        Files.writeString(synth.resolve("notes.txt"), "not dsgen's\n");
        List<String> before = tree(a);

        Path work = Files.createDirectories(tmp.resolve("work"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "synth-entities", "--n-leads", "400000", "--outdir", synth.toString(),
                "--pairs-out", a.resolve("pairs").toString(), "--summary", a.resolve("r/s.json").toString());
        Path err = work.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SIGNAL_WAIT_SECONDS);
            while (!hasTemp(synth)) {
                if (!p.isAlive()) {
                    fail("dsgen ended (exit " + p.exitValue() + ") before writing a temp file: "
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                if (System.nanoTime() > deadline) {
                    fail("no temp file in " + synth + " after " + SIGNAL_WAIT_SECONDS + " s: " + tree(a));
                }
                Thread.sleep(5);
            }
            List<String> during = tree(a);
            assertTrue(during.contains("pairs") && during.contains("r"), "the run created its folders: " + during);
            signal.send(p);
            assertTrue(p.waitFor(SIGNAL_WAIT_SECONDS, TimeUnit.SECONDS), "dsgen did not exit after the signal");
        } finally {
            p.destroyForcibly();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(expectedExit, p.exitValue(), "exit code after the signal; stderr: " + stderr);
        assertEquals(before, tree(a), "temps, staging and created folders removed, earlier files kept; stderr: " + stderr);
        assertEquals("earlier leads\n", Files.readString(synth.resolve("leads.csv")));
        assertEquals("not dsgen's\n", Files.readString(synth.resolve("notes.txt")));
    }

    private static boolean hasTemp(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            // an output's temp (".leads.csv.<pid>-<n>.tmp"), not the writability probe of begin
            return s.anyMatch(f -> f.getFileName().toString().matches("\\..+\\.\\d+-\\d+\\.tmp"));
        }
    }

    /** Every path under {@code root} (relative, sorted), hidden ones included. */
    private static List<String> tree(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(f -> !f.equals(root)).forEach(f -> names.add(root.relativize(f).toString().replace('\\', '/')));
        }
        names.sort(null);
        return names;
    }

    /** Linux: whether SIGINT is in this process's ignored set (children inherit it); false elsewhere. */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }
}
