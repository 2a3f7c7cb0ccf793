package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that get as far as writing: success (0), failed gates (4), conflicts (6), config, PII hashing. */
class SynthEntitiesRunTest {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    @TempDir
    Path tmp;

    @Test
    void devRunWritesEveryOutputAndPassesValidation() {
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--dev")).assertExit(0).assertStderrEmpty()
                .assertStdoutContains("leads", "sales", "financial", "validation: PASSED");
        out.assertAllOutputsWritten(run);
        out.assertRowCounts(1000, 1000, 1000);
        assertEquals(List.of("source", "id", "entity_id", "noise"),
                List.of(SynthLayout.readCsv(out.outdir.resolve("truth.csv")).get(0)), "truth.csv header");

        JsonNode summary = out.summaryJson();
        assertTrue(summary.path("validation").path("passed").asBoolean(false), () -> "summary validation" + run.describe());
        assertEquals(42, summary.path("seed").asLong(), "default seed in the summary");
        for (String s : SynthLayout.SOURCES) {
            assertEquals(1000, summary.path("records").path(s).path("rows").asLong(), s + " rows in the summary");
        }
        assertTrue(summary.path("pairs").path("total").asLong() > 0, "pairs in the summary");

        for (Path sidecar : List.of(out.outdir.resolve("_metadata.json"), out.pairs.resolve("_metadata.json"))) {
            String text = read(sidecar);
            assertTrue(text.contains("synth-entities"), sidecar + " names the subcommand");
        }
    }

    @Test
    void quietRunPrintsNothingAtAll() {
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--dev", "--quiet")).assertExit(0).assertStdoutEmpty().assertStderrEmpty();
        out.assertAllOutputsWritten(run);
    }

    @Test
    void dryRunStillWritesAndValidatesItsOutputs() {
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--dry-run", "--dev", "--seed", "7")).assertExit(0).assertStderrEmpty()
                .assertStdoutContains("validation: PASSED");
        out.assertAllOutputsWritten(run);
        out.assertRowCounts(1000, 1000, 1000);
        JsonNode summary = out.summaryJson();
        assertTrue(summary.path("validation").path("passed").asBoolean(false), "dry-run summary validation.passed");
        assertEquals(7, summary.path("seed").asLong(), "seed in the summary");
    }

    @Test
    void failedGatesExitFourAndKeepTheOutputsForInspection() {
        SynthLayout out = new SynthLayout(tmp);
        // Without --dev the record-count gate is 1000 per source.
        CliRun run = CliRun.inProcess(out.args("--n-leads", "50", "--n-sales", "50", "--n-financial", "50"))
                .assertExit(4).assertStdoutContains("validation: FAILED")
                .assertOneLineError("validation failed", "min_records", out.summary.toString());
        out.assertAllOutputsWritten(run);
        out.assertRowCounts(50, 50, 50);
        JsonNode validation = out.summaryJson().path("validation");
        assertFalse(validation.path("passed").asBoolean(true), () -> "summary validation.passed" + run.describe());
        List<String> failed = new ArrayList<>();
        validation.path("failed").forEach(n -> failed.add(n.asText()));
        assertTrue(failed.containsAll(List.of("leads.min_records", "sales.min_records", "financial.min_records")),
                () -> "failed rules " + failed);
        String sidecar = read(out.outdir.resolve("_metadata.json"));
        assertTrue(sidecar.contains("min_records"), "the sidecar records the failed validation");
    }

    @Test
    void failedGatesWithQuietStillSayWhyOnStderr() {
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--quiet", "--n-leads", "50", "--n-sales", "50", "--n-financial", "50"))
                .assertFails(4, "validation failed", out.summary.toString());
        out.assertAllOutputsWritten(run);
    }

    @Test
    void noOverwriteRefusesExistingOutputsAndLeavesThemUntouched() throws Exception {
        SynthLayout out = new SynthLayout(tmp);
        CliRun first = CliRun.inProcess(out.args("--dev", "--quiet")).assertExit(0);
        out.assertAllOutputsWritten(first);
        Map<Path, Snapshot> before = snapshot(out.finalFiles());

        // Another seed: had anything been rewritten, its bytes would differ.
        CliRun again = CliRun.inProcess(out.args("--dev", "--seed", "7", "--no-overwrite"))
                .assertFails(6, out.outdir.resolve("leads.csv").toString(), "--no-overwrite", "--outdir");
        assertEquals(before, snapshot(out.finalFiles()), () -> "--no-overwrite touched an output" + again.describe());
        out.assertNoTempFiles(again);

        // "overwrite": false in a config file means the same.
        Path config = Files.writeString(tmp.resolve("dsgen.json"), "{\"overwrite\": false, \"seed\": 7}\n");
        CliRun viaConfig = CliRun.inProcess(out.args("--dev", "--config", config.toString()))
                .assertFails(6, out.outdir.resolve("leads.csv").toString());
        assertEquals(before, snapshot(out.finalFiles()), () -> "config overwrite=false touched an output"
                + viaConfig.describe());
    }

    @Test
    void noOverwriteRefusesWhenOnlyTheSummaryExistsAndWritesNothingElse() throws IOException {
        SynthLayout out = new SynthLayout(tmp);
        Files.createDirectories(out.summary.getParent());
        Files.writeString(out.summary, "{\"mine\": true}\n");
        CliRun run = CliRun.inProcess(out.args("--dev", "--no-overwrite"))
                .assertFails(6, out.summary.toString(), "--summary");
        assertEquals("{\"mine\": true}\n", read(out.summary), "the existing summary was changed");
        for (Path p : out.finalFiles()) {
            if (!p.equals(out.summary)) {
                assertTrue(Files.notExists(p), () -> "wrote " + p + " despite the conflict" + run.describe());
            }
        }
    }

    @Test
    void noOverwriteIntoAnEmptyDirectorySucceeds() throws IOException {
        SynthLayout out = new SynthLayout(tmp);
        Files.createDirectories(out.outdir);
        Files.createDirectories(out.pairs);
        CliRun run = CliRun.inProcess(out.args("--dev", "--quiet", "--no-overwrite")).assertExit(0)
                .assertStdoutEmpty().assertStderrEmpty();
        out.assertAllOutputsWritten(run);
    }

    @Test
    void configFileSuppliesDefaultsAndTheCommandLineWins() throws IOException {
        SynthLayout out = new SynthLayout(tmp);
        Path config = Files.writeString(tmp.resolve("dsgen.json"), """
                {
                  "n-leads": 1200,
                  "n-sales": 1100,
                  "dev": true,
                  "seed": 7,
                  "quiet": true
                }
                """);
        CliRun run = CliRun.inProcess(out.args("--config", config.toString(), "--n-sales", "1050"))
                .assertExit(0).assertStdoutEmpty().assertStderrEmpty();
        out.assertAllOutputsWritten(run);
        // n-leads and dev (financial 1000) come from the file; --n-sales beats its 1100.
        out.assertRowCounts(1200, 1050, 1000);
        JsonNode summary = out.summaryJson();
        assertEquals(7, summary.path("seed").asLong(), "seed from the config");
        assertEquals(1200, summary.path("records").path("leads").path("rows").asLong());
        assertEquals(1050, summary.path("records").path("sales").path("rows").asLong());
    }

    @Test
    void hashedPiiWithASaltFileHashesIdentifiersAndNeverWritesTheSalt() throws IOException {
        SynthLayout out = new SynthLayout(tmp);
        String salt = "pepper-Zq9x-" + "unique-salt-4711";
        Path saltDir = Files.createDirectories(tmp.resolve("secrets"));
        Path saltFile = Files.writeString(saltDir.resolve("salt.txt"), salt + "\n");
        CliRun run = CliRun.inProcess(out.args("--dev", "--quiet", "--pii", "hashed", "--pii-salt-file", saltFile.toString()))
                .assertExit(0).assertStdoutEmpty().assertStderrEmpty();
        out.assertAllOutputsWritten(run);

        for (String source : SynthLayout.SOURCES) {
            List<String[]> rows = SynthLayout.readCsv(out.outdir.resolve(source + ".csv"));
            List<String> header = List.of(rows.get(0));
            for (String column : List.of("email", "phone", "first_name", "last_name")) {
                int c = header.indexOf(column);
                assertTrue(c >= 0, source + ".csv has no " + column + " column: " + header);
                int hashed = 0;
                for (String[] row : rows.subList(1, rows.size())) {
                    String v = row[c];
                    if (!v.isEmpty()) {
                        assertTrue(SHA256_HEX.matcher(v).matches(), source + "." + column + " not hashed: '" + v + "'");
                        hashed++;
                    }
                }
                assertTrue(hashed > rows.size() / 2, source + "." + column + ": only " + hashed + " values");
            }
        }
        assertEquals("hashed", out.summaryJson().path("pii").asText(), "summary pii mode");

        byte[] needle = salt.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(saltDir)).toList()) {
                assertFalse(contains(Files.readAllBytes(f), needle), "the PII salt appears in " + f);
            }
        }
    }

    @Test
    void sameSeedGivesByteIdenticalDataWhateverTheThreadCount() throws IOException {
        SynthLayout one = new SynthLayout(tmp.resolve("one"));
        SynthLayout four = new SynthLayout(tmp.resolve("four"));
        CliRun a = CliRun.inProcess(one.args("--dev", "--quiet", "--threads", "1")).assertExit(0);
        CliRun b = CliRun.inProcess(four.args("--dev", "--quiet", "--threads", "4")).assertExit(0);
        for (String name : List.of("leads.csv", "sales.csv", "financial.csv", "truth.csv")) {
            assertArrayEquals(Files.readAllBytes(one.outdir.resolve(name)), Files.readAllBytes(four.outdir.resolve(name)),
                    () -> name + " differs between --threads 1 and 4" + a.describe() + b.describe());
        }
        for (String split : SynthLayout.SPLITS) {
            assertArrayEquals(Files.readAllBytes(one.pairs.resolve(split + ".parquet")),
                    Files.readAllBytes(four.pairs.resolve(split + ".parquet")),
                    () -> split + ".parquet differs between --threads 1 and 4");
        }
    }

    /** Content and identity of a file: a rename-into-place changes the file key (inode). */
    private record Snapshot(String sha256, Object fileKey, long modifiedMillis) {
    }

    private static Map<Path, Snapshot> snapshot(List<Path> files) throws IOException {
        Map<Path, Snapshot> m = new LinkedHashMap<>();
        for (Path p : files) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            String sha = java.util.HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(p)));
            m.put(p, new Snapshot(sha, a.fileKey(), a.lastModifiedTime().toMillis()));
        }
        return m;
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
