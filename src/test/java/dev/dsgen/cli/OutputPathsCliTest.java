package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output contract of {@code synth-entities} through the CLI: outputs that are inputs,
 * symbolic links, FIFOs, devices, sockets, {@code -} for stdout and stdin, long names, and the
 * debris of a killed run. Every refused run leaves the tree exactly as it was.
 */
class OutputPathsCliTest {
    @TempDir
    Path tmp;

    /** Every path under {@code dir} with what it is: a file's SHA-256, a link's target, a folder. */
    static Map<String, String> snapshot(Path dir) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(p -> !p.equals(dir)).toList()) {
                String what;
                if (Files.isSymbolicLink(p)) {
                    what = "link " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    what = "folder";
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    what = DigestUtils.sha256Hex(Files.readAllBytes(p));
                } else {
                    what = "other";
                }
                m.put(dir.relativize(p).toString(), what);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private String[] synth(Path summary, String... extra) {
        return synth(SynthLayout.bundledSchema().toString(), summary, extra);
    }

    private String[] synth(String schema, Path summary, String... extra) {
        return Stream.concat(Stream.of("synth-entities", "--dev", "--schema", schema,
                "--outdir", tmp.resolve("synth").toString(), "--pairs-out", tmp.resolve("pairs").toString(),
                "--summary", summary.toString()), Stream.of(extra)).toArray(String[]::new);
    }

    private void refused(String[] args, int code, String... named) {
        Map<String, String> before = snapshot(tmp);
        CliRun run = CliRun.inProcess(args).assertFails(code, named);
        assertEquals(before, snapshot(tmp), () -> "a refused run changed the tree" + run.describe());
    }

    @Test
    void theSummaryCannotBeTheSchemaEvenThroughALink() throws IOException {
        Path schema = Files.copy(SynthLayout.bundledSchema(), tmp.resolve("schema.json"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.json"), schema);
        String[] args = synth(schema.toString(), link);
        refused(args, 2, "--summary", "--schema");
    }

    @Test
    void thePiiSaltFileCannotBeAnOutput() throws IOException {
        Path salt = Files.writeString(tmp.resolve("salt.txt"), "pepper\n");
        refused(synth(salt, "--pii", "hashed", "--pii-salt-file", salt.toString()), 2, "--summary", "--pii-salt-file");
        assertEquals("pepper\n", Files.readString(salt));
    }

    @Test
    void aSymlinkedSummaryIsWrittenThroughTheLink() throws IOException {
        Path real = Files.writeString(Files.createDirectories(tmp.resolve("reports")).resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("summary.json"), real);
        CliRun.inProcess(synth(link, "-q")).assertExit(0);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(SynthLayout.readJson(real).has("validation"), "its target holds the summary");
    }

    @Test
    void aDanglingLinkIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("summary.json"), tmp.resolve("nowhere/x.json"));
        refused(synth(link), 2, "summary.json", "--summary");
    }

    @Test
    void aSummaryToAFifoBehindALinkReachesItsReader() throws Exception {
        Path fifo = tmp.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path link = Files.createSymbolicLink(tmp.resolve("stdout"), fifo); // as /dev/stdout -> a pipe
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        CliRun run = CliRun.inProcess(synth(link, "-q")).assertExit(0);
        JsonNode summary = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(reader.get(30, TimeUnit.SECONDS));
        assertTrue(summary.has("validation"), run::describe);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), "the FIFO stays a FIFO");
    }

    @Test
    void aSummaryOnStdoutIsTheOnlyThingOnStdout() throws IOException {
        CliRun run = CliRun.inProcess(synth(Path.of("-"))).assertExit(0);
        JsonNode summary = SynthLayout.parseJson(run.out());
        assertTrue(summary.has("validation"), run::describe);
        assertTrue(run.err().contains("validation: PASSED"), () -> "the table goes to stderr" + run.describe());
        JsonNode meta = SynthLayout.readJson(tmp.resolve("synth/_metadata.json"));
        boolean listed = false;
        for (JsonNode o : meta.get("outputs")) {
            listed |= o.get("path").asText().equals("-");
        }
        assertTrue(listed, "the sidecar lists the stdout output as -");
    }

    @Test
    void theSchemaFromStdinIsHashedAsDash() throws IOException {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(SynthLayout.bundledSchema())));
            CliRun.inProcess(synth("-", tmp.resolve("s.json"), "-q")).assertExit(0);
        } finally {
            System.setIn(stdin);
        }
        JsonNode meta = SynthLayout.readJson(tmp.resolve("synth/_metadata.json"));
        assertEquals("-", meta.get("inputs").get(0).get("path").asText());
        assertEquals(DigestUtils.sha256Hex(Files.readAllBytes(SynthLayout.bundledSchema())),
                meta.get("inputs").get(0).get("sha256").asText());
    }

    @Test
    void aFullDeviceIsExitTwoAndNoOutputIsCommitted() {
        if (!Files.exists(Path.of("/dev/full"))) {
            return;
        }
        Map<String, String> before = snapshot(tmp);
        CliRun run = CliRun.inProcess(synth(Path.of("/dev/full"), "-q"))
                .assertFails(2, "/dev/full", "No space left on device", "--summary");
        assertEquals(before, snapshot(tmp), () -> "no output committed when the stream failed" + run.describe());
    }

    @Test
    void aSocketAtAnOutputPathIsRefused() throws IOException {
        Path sock = tmp.resolve("s.sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(sock));
            refused(synth(sock), 2, "socket", "--summary");
        }
    }

    @Test
    void aLegalLongOutputNameWorks() {
        Path summary = tmp.resolve("s".repeat(240) + ".json");
        CliRun.inProcess(synth(summary, "-q")).assertExit(0);
        assertTrue(Files.isRegularFile(summary));
        refused(synth(tmp.resolve("s".repeat(256))), 2, "255", "--summary");
    }

    @Test
    void aKilledRunsTempsAreRemovedByTheNextRunOfTheSameOutputs() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path synth = Files.createDirectories(tmp.resolve("synth"));
        // what a run killed with kill -9 while writing leads.csv leaves: its temp, named by its pid
        String tag = DigestUtils.sha256Hex("leads.csv").substring(0, 8);
        Path leftover = Files.writeString(synth.resolve(".dsgen-" + tag + "." + p.pid() + "-3.tmp"), "half");
        CliRun.inProcess(synth(tmp.resolve("s.json"), "-q")).assertExit(0);
        assertFalse(Files.exists(leftover), "the killed run's temp is gone");
        try (Stream<Path> s = Files.list(synth)) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith(".")).toList(), "no hidden file left");
        }
    }
}
