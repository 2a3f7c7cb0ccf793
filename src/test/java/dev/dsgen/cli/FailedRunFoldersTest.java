package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed run leaves no folder it created behind (missing ancestors of its outputs, staging
 * folders), keeps the folders that existed before with what they held, and exits as it always
 * did; a successful run keeps the folders it made. Every subcommand, through the CLI.
 */
class FailedRunFoldersTest {
    @TempDir
    Path tmp;

    /** Everything under {@code dir}, relative, sorted: a run's footprint. */
    private static List<String> tree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertTreeUnchanged(List<String> before, CliRun run) {
        assertEquals(before, tree(tmp), () -> "the failed run changed the folders under " + tmp + run.describe());
    }

    // synth-entities

    private String[] synth(Path outdir, Path pairs, Path summary, String... extra) {
        return Stream.concat(Stream.of("synth-entities", "--schema", SynthLayout.bundledSchema().toString(), "--dev", "-q",
                "--outdir", outdir.toString(), "--pairs-out", pairs.toString(), "--summary", summary.toString()),
                Stream.of(extra)).toArray(String[]::new);
    }

    @Test
    void synthEntitiesWhoseSummaryCannotBeWrittenLeavesNoFolderForItsOtherOutputs() throws IOException {
        Files.writeString(tmp.resolve("plain-file"), "x");
        List<String> before = tree(tmp);
        // --outdir and --pairs-out get their folders before --summary is found unusable.
        CliRun run = CliRun.inProcess(synth(tmp.resolve("new/synth"), tmp.resolve("new/pairs"),
                tmp.resolve("plain-file/reports/summary.json"))).assertFails(2, "plain-file", "--summary");
        assertTreeUnchanged(before, run);
    }

    @Test
    void synthEntitiesWithAMissingSchemaLeavesNoFolder() {
        Path missing = tmp.resolve("no-such-schema.json");
        List<String> before = tree(tmp);
        String[] args = synth(tmp.resolve("new/synth"), tmp.resolve("new/pairs"), tmp.resolve("new/reports/summary.json"));
        args[2] = missing.toString();
        CliRun run = CliRun.inProcess(args).assertFails(3, missing.toString(), "--schema");
        assertTreeUnchanged(before, run);
    }

    @Test
    void synthEntitiesFailingKeepsAnOutputFolderThatExistedWithItsContents() throws IOException {
        Path outdir = Files.createDirectories(tmp.resolve("synth"));
        Files.writeString(outdir.resolve("leads.csv"), "previous\n");
        Files.writeString(tmp.resolve("plain-file"), "x");
        List<String> before = tree(tmp);
        CliRun run = CliRun.inProcess(synth(outdir, tmp.resolve("new/pairs"), tmp.resolve("plain-file/summary.json")))
                .assertFails(2, "--summary");
        assertTreeUnchanged(before, run);
        assertEquals("previous\n", Files.readString(outdir.resolve("leads.csv")));
    }

    @Test
    void synthEntitiesSucceedingCreatesItsFolders() {
        CliRun run = CliRun.inProcess(synth(tmp.resolve("a/b/synth"), tmp.resolve("a/c/pairs"), tmp.resolve("a/d/summary.json")));
        run.assertExit(0);
        assertTrue(Files.isRegularFile(tmp.resolve("a/b/synth/leads.csv")), run::describe);
        assertTrue(Files.isRegularFile(tmp.resolve("a/c/pairs/train.parquet")), run::describe);
        assertTrue(Files.isRegularFile(tmp.resolve("a/d/summary.json")), run::describe);
    }

    // ranking-queries

    private String[] ranking(Path input, Path root, String... extra) {
        return Stream.concat(Stream.of("ranking-queries", "-q", "--input", input.toString(),
                "--output", root.resolve("processed/ranking.json").toString(),
                "--summary", root.resolve("reports/ranking_summary.json").toString(),
                "--llm-cache", root.resolve("cache").toString()), Stream.of(extra)).toArray(String[]::new);
    }

    @Test
    void rankingQueriesWithAMissingInputDirectoryLeavesNoFolder() {
        Path missing = tmp.resolve("no-deals");
        List<String> before = tree(tmp);
        CliRun run = CliRun.inProcess(ranking(missing, tmp.resolve("new"), "--dry-run"))
                .assertFails(3, missing.toString(), "--input");
        assertTreeUnchanged(before, run);
    }

    @Test
    void rankingQueriesWithAMalformedDealFileLeavesNoFolder() throws IOException {
        Path deals = Files.createDirectories(tmp.resolve("deals"));
        Files.writeString(deals.resolve("a.json"), "{\"deals\": [\n  {\"id\": \"P1\",,}\n]}");
        List<String> before = tree(tmp);
        CliRun run = CliRun.inProcess(ranking(deals, tmp.resolve("new"), "--dry-run")).assertFails(3, "a.json", "line 2");
        assertTreeUnchanged(before, run);
    }

    @Test
    void rankingQueriesWithAnUnreachableEndpointLeavesNoFolder() {
        List<String> before = tree(tmp);
        CliRun run = CliRun.inProcess(ranking(RankingLayout.sampleDeals(), tmp.resolve("new"),
                "--llm-base-url", "http://127.0.0.1:9/v1", "--llm-model", "test-model", "--llm-max-retries", "0", "--clusters", "5"))
                .assertFails(5, "http://127.0.0.1:9/v1");
        assertTreeUnchanged(before, run);
    }

    @Test
    void rankingQueriesFailingKeepsAnOutputFolderThatExistedWithItsContents() throws IOException {
        Path processed = Files.createDirectories(tmp.resolve("out/processed"));
        Files.writeString(processed.resolve("other.json"), "[]\n");
        List<String> before = tree(tmp);
        CliRun run = CliRun.inProcess(ranking(tmp.resolve("no-deals"), tmp.resolve("out"), "--dry-run")).assertFails(3, "--input");
        assertTreeUnchanged(before, run);
        assertEquals("[]\n", Files.readString(processed.resolve("other.json")));
    }

    @Test
    void rankingQueriesSucceedingCreatesItsFolders() {
        CliRun run = CliRun.inProcess(ranking(RankingLayout.sampleDeals(), tmp.resolve("a/b"), "--dry-run")).assertExit(0);
        assertTrue(Files.isRegularFile(tmp.resolve("a/b/processed/ranking.json")), run::describe);
        assertTrue(Files.isRegularFile(tmp.resolve("a/b/reports/ranking_summary.json")), run::describe);
    }

    // planner-dataset simulate and build

    private static CliRun simulate(String db) {
        return CliRun.inProcess("planner-dataset", "simulate", "--households", "120", "--days", "10", "--seed", "5",
                "-q", "--db", db);
    }

    private static CliRun build(String db, Path out) {
        return CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--db", db, "--out", out.toString(),
                "--min-rows", "50", "-q");
    }

    @Test
    void plannerBuildWithAMissingDatabaseLeavesNoFolder() {
        List<String> before = tree(tmp);
        CliRun run = build("jdbc:duckdb:" + tmp.resolve("none.duckdb"), tmp.resolve("eo/ds"))
                .assertFails(3, "none.duckdb", "--db");
        assertTreeUnchanged(before, run);
    }

    @Test
    void plannerBuildWithAnUnreachableDatabaseLeavesNoFolder() {
        List<String> before = tree(tmp);
        CliRun run = build("jdbc:postgresql://127.0.0.1:1/planner", tmp.resolve("eo/ds")).assertFails(5, "127.0.0.1:1", "--db");
        assertTreeUnchanged(before, run);
    }

    @Test
    void plannerBuildFailingKeepsTheDatasetRootThatExistedAndItsEarlierVersions() throws IOException {
        Path earlier = Files.createDirectories(tmp.resolve("ds/date=2025-01-08"));
        Files.writeString(earlier.resolve("training.parquet"), "earlier");
        Path emptyRoot = Files.createDirectories(tmp.resolve("empty-ds"));
        List<String> before = tree(tmp);
        build("jdbc:duckdb:" + tmp.resolve("none.duckdb"), tmp.resolve("ds")).assertFails(3, "--db");
        CliRun run = build("jdbc:duckdb:" + tmp.resolve("none.duckdb"), emptyRoot).assertFails(3, "--db");
        assertTreeUnchanged(before, run);
        assertEquals("earlier", Files.readString(earlier.resolve("training.parquet")));
    }

    @Test
    void plannerSimulateThenBuildSucceedingCreateTheirFolders() {
        String db = "jdbc:duckdb:" + tmp.resolve("a/b/events.duckdb");
        simulate(db).assertExit(0).assertStderrEmpty();
        assertTrue(Files.isRegularFile(tmp.resolve("a/b/events.duckdb")));
        CliRun run = build(db, tmp.resolve("c/d/ds")).assertExit(0).assertStderrEmpty();
        assertEquals(List.of("_dataset_summary.md", "_metadata.json", "_schema.json", "training.parquet"),
                tree(tmp.resolve("c/d/ds/date=2025-01-09")), run::describe);
        assertEquals(List.of("date=2025-01-09"), tree(tmp.resolve("c/d/ds")).stream().filter(p -> !p.contains("/")).toList(),
                () -> "no staging folder left" + run.describe());
    }

    /** A DuckDB file name longer than any file system allows: refused before any folder is made. */
    private static String tooLongName() {
        return "x".repeat(300) + ".duckdb";
    }

    @Test
    void plannerSimulateWithADatabaseNameTooLongForAnyFileSystemIsRefusedAndLeavesNoFolder() {
        List<String> before = tree(tmp);
        CliRun run = simulate("jdbc:duckdb:" + tmp.resolve("new/sub").resolve(tooLongName())).assertFails(2, "255", "--db");
        assertTreeUnchanged(before, run);
    }

    @Test
    void plannerSimulateFailingKeepsTheFolderThatExistedWithItsContents() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("other.duckdb"), "not ours");
        Path emptyData = Files.createDirectories(tmp.resolve("empty-data"));
        List<String> before = tree(tmp);
        simulate("jdbc:duckdb:" + data.resolve(tooLongName())).assertFails(2, "255", "--db");
        CliRun run = simulate("jdbc:duckdb:" + emptyData.resolve(tooLongName())).assertFails(2, "255", "--db");
        assertTreeUnchanged(before, run);
    }
}
