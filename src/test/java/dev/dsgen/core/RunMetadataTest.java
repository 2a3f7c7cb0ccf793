package dev.dsgen.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMetadataTest {
    @TempDir
    Path dir;

    @Test
    void sha256MatchesPublishedVectors() throws IOException {
        Path abc = Files.writeString(dir.resolve("abc.txt"), "abc", StandardCharsets.US_ASCII);
        Path empty = Files.createFile(dir.resolve("empty"));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", RunMetadata.sha256(abc));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", RunMetadata.sha256(empty));
    }

    @Test
    void sha256OfMissingFileIsAnInputErrorNamingIt() {
        Path missing = dir.resolve("nope.csv");
        DsgenException e = assertThrows(DsgenException.class, () -> RunMetadata.sha256(missing));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordsWhatMadeTheDataset() throws IOException {
        Path in = Files.writeString(dir.resolve("schema.json"), "abc");
        Path sub = Files.createDirectories(dir.resolve("out/part"));
        Path out = Files.writeString(sub.resolve("records.csv"), "id\n1\n2\n");
        Map<String, Object> validation = Map.of("passed", true);
        RunMetadata md = new RunMetadata("synth-entities", 42L)
                .flags(flags(dir.resolve("out")))
                .input(in)
                .output(out, out, 2L)
                .extra("row_counts", Map.of("records", 2))
                .validation(validation);
        Map<String, Object> m = md.toMap(4, dir);

        assertEquals(List.of("tool", "version", "subcommand", "seed", "flags", "inputs", "outputs", "row_counts",
                "validation", "run"), new ArrayList<>(m.keySet()));
        assertEquals("dsgen", m.get("tool"));
        assertEquals(Version.get(), m.get("version"));
        assertEquals("synth-entities", m.get("subcommand"));
        assertEquals(42L, m.get("seed"));

        Map<String, Object> flags = (Map<String, Object>) m.get("flags");
        assertEquals(List.of("--dry-run", "--model", "--outdir", "--threads"), new ArrayList<>(flags.keySet()),
                "flags are sorted by name");
        assertEquals(4, flags.get("--threads"), "numbers stay numbers");
        assertEquals(true, flags.get("--dry-run"), "booleans stay booleans");
        assertEquals(dir.resolve("out").toString(), flags.get("--outdir"), "other values become text");
        assertTrue(flags.containsKey("--model") && flags.get("--model") == null);

        List<Map<String, Object>> inputs = (List<Map<String, Object>>) m.get("inputs");
        assertEquals(1, inputs.size());
        assertEquals("schema.json", inputs.get(0).get("path"));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", inputs.get(0).get("sha256"));
        assertEquals(3L, inputs.get(0).get("bytes"));
        assertFalse(inputs.get(0).containsKey("rows"), "inputs have no row count");

        List<Map<String, Object>> outputs = (List<Map<String, Object>>) m.get("outputs");
        assertEquals("out/part/records.csv", outputs.get(0).get("path"), "relative, with forward slashes");
        assertEquals(RunMetadata.sha256(out), outputs.get(0).get("sha256"));
        assertEquals(Files.size(out), outputs.get(0).get("bytes"));
        assertEquals(2L, outputs.get(0).get("rows"));

        assertEquals(validation, m.get("validation"));

        Map<String, Object> run = (Map<String, Object>) m.get("run");
        assertEquals(List.of("started_at", "duration_ms", "host", "java", "threads"), new ArrayList<>(run.keySet()));
        assertEquals(4, run.get("threads"));
        assertTrue((Long) run.get("duration_ms") >= 0);
    }

    @Test
    void everythingButTheRunSectionIsReproducible() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "same input");
        Map<String, Object> a = build(in, 1).toMap(1, in.getParent());
        Thread.sleep(5);
        Map<String, Object> b = build(in, 8).toMap(8, in.getParent());
        Map<String, Object> aData = new LinkedHashMap<>(a);
        Map<String, Object> bData = new LinkedHashMap<>(b);
        aData.remove("run");
        bData.remove("run");
        assertEquals(aData, bData, "thread count and wall clock may only show under 'run'");
        String text = aData.toString();
        assertFalse(text.contains(String.valueOf(java.time.Year.now().getValue()) + "-"),
                "no wall-clock timestamp outside 'run': " + text);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pathsAreRelativeToTheSidecarFolderNotTheWorkingDirectory() throws IOException {
        Path in = Files.writeString(dir.resolve("x.txt"), "x");
        Path sidecarDir = Files.createDirectories(dir.resolve("synth"));
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) new RunMetadata("s", 1).input(in)
                .toMap(1, sidecarDir).get("inputs");
        assertEquals("../x.txt", inputs.get(0).get("path"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void outputIsNamedByItsTargetAndFingerprintedFromItsContent() throws IOException {
        Path target = dir.resolve("final.csv");
        Path temp = Files.writeString(dir.resolve(".final.csv.1.tmp"), "abc", StandardCharsets.US_ASCII);
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) new RunMetadata("s", 1)
                .output(target, temp, 1L).toMap(1, dir).get("outputs");
        assertEquals("final.csv", outputs.get(0).get("path"));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", outputs.get(0).get("sha256"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void precomputedFingerprintsGiveTheSameEntriesAsReadingTheFiles() throws IOException {
        Path in = Files.writeString(dir.resolve("in.json"), "abc", StandardCharsets.US_ASCII);
        Path out = Files.writeString(dir.resolve("out.csv"), "hello\n", StandardCharsets.US_ASCII);
        Map<String, Object> read = new RunMetadata("s", 1).input(in).output(out, out, 3L).toMap(1, dir);
        Map<String, Object> given = new RunMetadata("s", 1)
                .input(in, RunMetadata.sha256(in), Files.size(in))
                .output(out, RunMetadata.sha256(out), Files.size(out), 3L).toMap(1, dir);
        assertEquals(read.get("inputs"), given.get("inputs"));
        assertEquals(read.get("outputs"), given.get("outputs"));
        assertEquals(6, ((Number) ((List<Map<String, Object>>) given.get("outputs")).get(0).get("bytes")).intValue());
    }

    @Test
    void bundledInputIsFingerprintedFromItsBytes() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) new RunMetadata("s", 1)
                .input("builtin:schema/default.json", "abc".getBytes(StandardCharsets.US_ASCII))
                .toMap(1, dir).get("inputs");
        assertEquals(1, inputs.size());
        assertEquals("builtin:schema/default.json", inputs.get(0).get("path"));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", inputs.get(0).get("sha256"));
        assertEquals(3, ((Number) inputs.get(0).get("bytes")).intValue());
        assertFalse(inputs.get(0).containsKey("rows"));
    }

    @Test
    void inputsAndOutputsKeepDeclarationOrder() throws IOException {
        Path b = Files.writeString(dir.resolve("b.csv"), "b");
        Path a = Files.writeString(dir.resolve("a.csv"), "a");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) new RunMetadata("s", 1)
                .output(b, b, 1L).output(a, a, 1L).toMap(1, dir).get("outputs");
        assertEquals(List.of("b.csv", "a.csv"), outputs.stream().map(o -> o.get("path")).toList());
    }

    private static Map<String, Object> flags(Path outdir) {
        Map<String, Object> f = new java.util.TreeMap<>();
        f.put("--threads", 4);
        f.put("--outdir", outdir);
        f.put("--dry-run", true);
        f.put("--model", null);
        return f;
    }

    private static RunMetadata build(Path in, int threads) {
        return new RunMetadata("sub", 7).flags(Map.of("--seed", 7)).input(in)
                .validation(Map.of("passed", false));
    }
}
