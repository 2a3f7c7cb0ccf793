package dev.dsgen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.core.RunMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run contract of {@link OutputSet}: declaration checks, writers, sidecar, commit and cleanup. */
class OutputSetTest {
    @TempDir
    Path dir;

    private final StringWriter stdout = new StringWriter();

    private OutputSet.Declaration declare(boolean overwrite) {
        return OutputSet.declare(overwrite, new StdStreams(stdout, new ByteArrayInputStream(new byte[0])));
    }

    private static DsgenException fails(ExitCode code, Runnable r, String... named) {
        DsgenException e = assertThrows(DsgenException.class, r::run);
        assertEquals(code, e.exitCode(), e.getMessage());
        for (String n : named) {
            assertTrue(e.getMessage().contains(n), "'" + e.getMessage() + "' does not name " + n);
        }
        return e;
    }

    private List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ---- writers count, hash, and the sidecar lists them ---------------------------------------

    @Test
    void everyWriterCountsRowsAndBytesAndHashesWhatReachedTheFile() throws IOException {
        Path csv = dir.resolve("out/t.csv");
        Path list = dir.resolve("out/l.json");
        Path lines = dir.resolve("out/x.jsonl");
        Path doc = dir.resolve("out/s.json");
        Path pq = dir.resolve("out/p.parquet");
        Path sidecar = dir.resolve("out/_metadata.json");
        Schema schema = SchemaBuilder.record("r").fields().requiredLong("n").endRecord();
        try (OutputSet out = declare(true).file(csv, "--csv").stream(list, "--list").stream(lines, "--lines")
                .stream(doc, "--doc").file(pq, "--pq").file(sidecar, "--csv").begin()) {
            CsvTable table = new CsvTable(List.of("id", "note"));
            try (CsvTable.Writer w = out.csv(csv, table)) {
                w.write(List.<String[]>of(new String[] {"1", "a,b"}));
                w.writeEncoded(table.encode(List.<String[]>of(new String[] {"2", "x"}, new String[] {"3", "y"})), 2);
            }
            try (JsonListWriter w = out.jsonList(list)) {
                w.writeAll(List.of(Map.of("a", 1), Map.of("a", 2)));
            }
            try (Json.LinesWriter w = out.jsonLines(lines)) {
                w.write(Map.of("k", "v"));
            }
            out.json(doc, Map.of("ok", true));
            List<GenericRecord> recs = new ArrayList<>();
            for (long i = 0; i < 5; i++) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("n", i);
                recs.add(r);
            }
            assertEquals(5, out.parquet(pq, schema, recs));
            out.sidecar(sidecar, new RunMetadata("test", 1), 1);
            assertFalse(Files.exists(csv), "nothing under a final name before the commit");
            out.commit();
        }
        assertEquals("id,note\n1,\"a,b\"\n2,x\n3,y\n", Files.readString(csv));
        assertEquals(Json.pretty(List.of(Map.of("a", 1), Map.of("a", 2))), Files.readString(list), "as Json.pretty writes the list");
        JsonNode meta = Json.MAPPER.readTree(sidecar.toFile());
        Map<String, Long> rows = Map.of("t.csv", 3L, "l.json", 2L, "x.jsonl", 1L, "p.parquet", 5L);
        List<String> listed = new ArrayList<>();
        for (JsonNode o : meta.get("outputs")) {
            String name = o.get("path").asText();
            listed.add(name);
            Path file = dir.resolve("out").resolve(name);
            assertEquals(DigestUtils.sha256Hex(Files.readAllBytes(file)), o.get("sha256").asText(), name);
            assertEquals(Files.size(file), o.get("bytes").asLong(), name);
            if (rows.containsKey(name)) {
                assertEquals(rows.get(name), o.get("rows").asLong(), name + " rows");
            } else {
                assertNull(o.get("rows"), name + " is one document: no rows");
            }
        }
        assertEquals(List.of("t.csv", "l.json", "x.jsonl", "s.json", "p.parquet"), listed,
                "every output but the sidecar, in declaration order");
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(pq))) {
            assertEquals(5, r.getRecordCount(), "an independent reader reads the Parquet written through the set");
        }
    }

    @Test
    void writtenGivesTheBytesBackBeforeTheCommit() throws IOException {
        Path f = dir.resolve("a.json");
        try (OutputSet out = declare(true).file(f, "--a").begin()) {
            out.json(f, List.of(1));
            assertEquals(Json.pretty(List.of(1)), Files.readString(out.written(f)));
        }
        assertEquals(List.of(), names(dir), "closed without a commit: nothing left");
    }

    @Test
    void misuseIsABugNotAnOutput() {
        Path a = dir.resolve("a.json");
        Path side = dir.resolve("_metadata.json");
        try (OutputSet out = declare(true).file(a, "--a").file(side, "--a").begin()) {
            assertThrows(IllegalStateException.class, () -> out.json(dir.resolve("other.json"), 1), "undeclared");
            out.json(a, 1);
            assertThrows(IllegalStateException.class, () -> out.json(a, 2), "written twice");
            out.sidecar(side, new RunMetadata("t", 1), 1);
        }
    }

    // ---- declaration checks ---------------------------------------------------------------------

    @Test
    void noOverwriteRefusesExistingFilesAndFoldersBeforeAnythingIsCreated() throws IOException {
        Files.writeString(dir.resolve("old.csv"), "old");
        Files.createDirectories(dir.resolve("ds/date=1"));
        fails(ExitCode.CONFLICT, () -> declare(false).file(dir.resolve("new/a.csv"), "--a")
                .file(dir.resolve("old.csv"), "--old").begin(), "old.csv", "--old", "--no-overwrite");
        fails(ExitCode.CONFLICT, () -> declare(false).folder(dir.resolve("ds/date=1"), "--out").begin(), "date=1", "--out");
        assertFalse(Files.exists(dir.resolve("new")));
    }

    @Test
    void noOverwriteDoesNotRefuseStreams() throws IOException {
        try (OutputSet out = declare(false).stream(Path.of("-"), "--summary").stream(Path.of("/dev/null"), "--x").begin()) {
            out.json(Path.of("-"), Map.of("a", 1));
            out.json(Path.of("/dev/null"), Map.of("a", 1));
            out.commit();
        }
        assertEquals("{\n  \"a\" : 1\n}\n", stdout.toString());
    }

    @Test
    void twoOutputsAtOnePathOrTwoOnStdoutAreUsageErrors() throws IOException {
        fails(ExitCode.USAGE, () -> declare(true).file(dir.resolve("a"), "--x").stream(dir.resolve("b/../a"), "--y").begin(),
                "--x", "--y");
        fails(ExitCode.USAGE, () -> declare(true).stream(Path.of("-"), "--output").stream(Path.of("-"), "--summary").begin(),
                "stdout", "--output", "--summary");
        Path real = Files.writeString(dir.resolve("real"), "r");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        fails(ExitCode.USAGE, () -> declare(true).file(real, "--x").file(link, "--y").begin(), "--x", "--y");
        fails(ExitCode.USAGE, () -> declare(true).file(Path.of("-"), "--outdir").begin(), "'-'", "--outdir");
    }

    @Test
    void anOutputIsNeverOneOfTheInputs() throws IOException {
        Path schema = Files.writeString(dir.resolve("schema.json"), "{}");
        Path link = Files.createSymbolicLink(dir.resolve("schema-link.json"), schema);
        fails(ExitCode.USAGE, () -> declare(true).stream(link, "--summary").input(schema, "--schema").begin(),
                "--summary", "--schema");
        Path deals = Files.createDirectories(dir.resolve("deals"));
        fails(ExitCode.USAGE, () -> declare(true).file(deals.resolve("a.json"), "--output").input(deals, "--input").begin(),
                "--output", "--input", "deals");
        Path db = Files.writeString(Files.createDirectories(dir.resolve("ds/date=2025-01-01")).resolve("p.duckdb"), "db");
        fails(ExitCode.USAGE, () -> declare(true).folder(dir.resolve("ds/date=2025-01-01"), "--out").input(db, "--db").begin(),
                "--out", "--db", "p.duckdb");
        fails(ExitCode.USAGE, () -> declare(true).folder(dir.resolve("ds"), "--out").input(db, "--db").begin(), "--db");
        assertEquals("db", Files.readString(db));
        assertEquals("{}", Files.readString(schema));
    }

    // ---- safe paths -----------------------------------------------------------------------------

    @Test
    void aSymlinkedOutputIsWrittenThroughAndStaysALink() throws IOException {
        Path target = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("t.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        try (OutputSet out = declare(true).stream(link, "--summary").begin()) {
            out.json(link, 1);
            assertEquals(List.of("t.json"), names(dir.resolve("real")).stream().filter(n -> !n.startsWith(".")).toList());
            assertTrue(names(dir.resolve("real")).size() == 2, "the temp is beside the link's target");
            out.commit();
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("1\n", Files.readString(target));
        assertEquals(List.of("t.json"), names(dir.resolve("real")));
    }

    @Test
    void aDanglingLinkIsAUsageError() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("gone.json"), dir.resolve("missing/x.json"));
        fails(ExitCode.USAGE, () -> declare(true).stream(link, "--summary").begin(), "gone.json", "--summary");
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aCharacterDeviceIsWrittenIntoNeverReplaced() throws IOException {
        Path devNull = Path.of("/dev/null");
        try (OutputSet out = declare(true).stream(devNull, "--summary").begin()) {
            out.json(devNull, Map.of("a", 1));
            out.commit();
        }
        assertEquals(OutputPaths.Kind.CHARACTER_DEVICE, OutputPaths.kind(devNull));
    }

    @Test
    void aFullDeviceIsExitTwoNamingThePathTheReasonAndTheFlag() {
        Path full = Path.of("/dev/full");
        if (!Files.exists(full)) {
            return; // not Linux
        }
        try (OutputSet out = declare(true).stream(full, "--summary").begin()) {
            out.json(full, Map.of("a", 1));
            fails(ExitCode.USAGE, out::commit, "/dev/full", "No space left on device", "--summary");
        }
    }

    @Test
    void aFifoGetsTheBytesOnCommit() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        java.util.concurrent.CompletableFuture<String> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (OutputSet out = declare(true).stream(fifo, "--summary").begin()) {
            out.json(fifo, Map.of("a", 1));
            out.commit();
        }
        assertEquals("{\n  \"a\" : 1\n}\n", read.get(20, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(OutputPaths.Kind.FIFO, OutputPaths.kind(fifo), "still a FIFO");
    }

    @Test
    void directoriesSocketsAndBlockDevicesAreRefused() throws IOException {
        Files.createDirectories(dir.resolve("d"));
        fails(ExitCode.USAGE, () -> declare(true).file(dir.resolve("d"), "--x").begin(), "directory", "--x");
        Path sock = dir.resolve("s.sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(sock));
            fails(ExitCode.USAGE, () -> declare(true).stream(sock, "--summary").begin(), "socket", "--summary");
        }
        Path file = Files.writeString(dir.resolve("f"), "x");
        fails(ExitCode.USAGE, () -> declare(true).folder(file, "--out").begin(),
                "not a folder", "--out");
    }

    @Test
    void aLongLegalNameWorksAndAnIllegalOneIsRefusedUpFront() throws IOException {
        Path legal = dir.resolve("x".repeat(240) + ".json");
        try (OutputSet out = declare(true).file(legal, "--summary").begin()) {
            out.json(legal, 1);
            out.commit();
        }
        assertEquals("1\n", Files.readString(legal));
        fails(ExitCode.USAGE, () -> declare(true).file(dir.resolve("y".repeat(256)), "--summary").begin(), "255", "--summary");
    }

    // ---- debris ---------------------------------------------------------------------------------

    @Test
    void leftoversOfAKilledRunOfTheSameOutputsAreRemovedOthersKept() throws Exception {
        Path target = dir.resolve("a.csv");
        long dead = deadPid();
        String tag = OutputPaths.tag(target);
        Files.writeString(dir.resolve(".dsgen-" + tag + "." + dead + "-1.tmp"), "half");
        Files.createDirectories(dir.resolve(".dsgen-" + OutputPaths.tag(dir.resolve("ds")) + "." + dead + ".staging/x"));
        Path alive = Files.writeString(dir.resolve(".dsgen-" + tag + "." + ProcessHandle.current().pid() + "-9.tmp"), "mine");
        Path other = Files.writeString(dir.resolve(".dsgen-" + OutputPaths.tag(dir.resolve("b.csv")) + "." + dead + "-1.tmp"), "b");
        try (OutputSet out = declare(true).file(target, "--a").folder(dir.resolve("ds"), "--out").begin()) {
            assertEquals(List.of(alive.getFileName().toString(), other.getFileName().toString()).stream().sorted().toList(),
                    names(dir).stream().filter(n -> n.startsWith(".dsgen-") && !n.endsWith(".staging")).sorted().toList());
            assertEquals(1, names(dir).stream().filter(n -> n.endsWith(".staging")).count(), "only this run's staging folder");
        }
    }

    @Test
    void anEarlierVersionSwappedOutByAKilledRunIsPutBack() throws Exception {
        Path ds = dir.resolve("ds");
        Path old = Files.createDirectories(dir.resolve(".dsgen-" + OutputPaths.tag(ds) + "." + deadPid() + ".old"));
        Files.writeString(old.resolve("training.parquet"), "v1");
        try (OutputSet out = declare(true).folder(ds, "--out").begin()) {
            assertEquals("v1", Files.readString(ds.resolve("training.parquet")));
        }
    }

    /** A process id that is not running: one of a child that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        return pid;
    }

    // ---- errors and stdin -----------------------------------------------------------------------

    @Test
    void writeFailuresAreOneLineWithTheReasonThePathAndTheFlag() {
        Path p = Path.of("/data/x.csv");
        assertEquals("cannot write /data/x.csv: No space left on device (--outdir)", OutputErrors.cannotWrite(
                new IOException("No space left on device"), p, "--outdir").getMessage());
        assertEquals("cannot write /data/x.csv: Read-only file system (--outdir)", OutputErrors.cannotWrite(
                new FileSystemException("/data/x.csv", null, "Read-only file system"), p, "--outdir").getMessage());
        assertEquals("cannot write /data/x.csv: File name too long (--outdir)", OutputErrors.cannotWrite(
                new FileSystemException("/data/x.csv", null, "File name too long"), p, "--outdir").getMessage());
        DsgenException denied = OutputErrors.cannotWrite(new AccessDeniedException("/data/x.csv"), p, "--outdir");
        assertEquals(ExitCode.USAGE, denied.exitCode());
        assertEquals("cannot write /data/x.csv: permission denied (--outdir)", denied.getMessage());
    }

    @Test
    void dashReadsStdin() {
        StdStreams std = new StdStreams(new StringWriter(), new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{}", new String(std.read(Path.of("-"), "--schema"), StandardCharsets.UTF_8));
        fails(ExitCode.INPUT, () -> std.read(dir.resolve("none.json"), "--schema"), "none.json", "--schema");
    }
}
