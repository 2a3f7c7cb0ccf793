package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output contract of {@code ranking-queries} and {@code planner-dataset} through the CLI:
 * {@code -} for stdout, outputs that are or hold inputs, a database path that is no file, and the
 * dataset folder read as a whole by DuckDB. Every refused run leaves the tree as it was.
 */
class RankingPlannerOutputsCliTest {
    @TempDir
    Path tmp;

    private void refused(String[] args, int code, String... named) {
        Map<String, String> before = OutputPathsCliTest.snapshot(tmp);
        CliRun run = CliRun.inProcess(args).assertFails(code, named);
        assertEquals(before, OutputPathsCliTest.snapshot(tmp), () -> "a refused run changed the tree" + run.describe());
    }

    private Path deals() throws IOException {
        Path deals = Files.createDirectories(tmp.resolve("deals"));
        try (Stream<Path> s = Files.list(RankingLayout.sampleDeals())) {
            for (Path p : s.toList()) {
                Files.copy(p, deals.resolve(p.getFileName()));
            }
        }
        return deals;
    }

    // ranking-queries

    @Test
    void aDealFileIsNeverTheOutput() throws IOException {
        Path deals = deals();
        Path deal;
        try (Stream<Path> s = Files.list(deals)) {
            deal = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        refused(new String[] {"ranking-queries", "--dry-run", "--input", deals.toString(), "--output", deal.toString(),
                "--summary", tmp.resolve("s.json").toString(), "--llm-cache", tmp.resolve("c").toString()},
                2, "--output", "--input");
    }

    @Test
    void twoOutputsOnStdoutAreRefused() {
        refused(new String[] {"ranking-queries", "--dry-run", "--input", RankingLayout.sampleDeals().toString(),
                "--output", "-", "--summary", "-"}, 2, "stdout", "--output", "--summary");
    }

    @Test
    void resumeNeedsAnOutputFile() {
        refused(new String[] {"ranking-queries", "--dry-run", "--resume", "--input", RankingLayout.sampleDeals().toString(),
                "--output", "-"}, 2, "--resume");
    }

    @Test
    void theDataOnStdoutIsTheOnlyThingThereAndHasNoSidecar() throws IOException {
        RankingLayout out = new RankingLayout(tmp);
        CliRun.inProcess(out.args("--dry-run", "-q")).assertExit(0);
        byte[] asFile = out.outputBytes();
        CliRun run = CliRun.inProcess("ranking-queries", "--dry-run", "--input", RankingLayout.sampleDeals().toString(),
                "--output", "-", "--summary", tmp.resolve("s2.json").toString(), "--llm-cache", tmp.resolve("cache").toString())
                .assertExit(0);
        assertEquals(new String(asFile, java.nio.charset.StandardCharsets.UTF_8), run.out(),
                () -> "stdout holds exactly the data file's bytes" + run.describe());
        assertTrue(run.err().contains("validation"), () -> "the report goes to stderr" + run.describe());
        assertFalse(Files.exists(Path.of("-.metadata.json")), "no sidecar for stdout");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith(".")).count(), "no temp left");
        }
    }

    @Test
    void theSummaryOnStdout() {
        RankingLayout out = new RankingLayout(tmp);
        CliRun run = CliRun.inProcess("ranking-queries", "--dry-run", "--input", RankingLayout.sampleDeals().toString(),
                "--output", out.output.toString(), "--summary", "-", "--llm-cache", out.cache.toString()).assertExit(0);
        JsonNode summary = SynthLayout.parseJson(run.out());
        assertTrue(summary.has("validation"), run::describe);
        JsonNode sidecar = out.sidecarJson();
        assertEquals("-", sidecar.get("outputs").get(1).get("path").asText(), "the sidecar lists the summary as -");
    }

    // planner-dataset

    private String db(Path file) {
        return "jdbc:duckdb:" + file;
    }

    @Test
    void buildRefusesAnOutputFolderHoldingItsDatabase() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("ds/date=2025-01-05"));
        Path file = folder.resolve("events.duckdb");
        CliRun.inProcess("planner-dataset", "simulate", "-q", "--households", "20", "--days", "5", "--db", db(file))
                .assertExit(0);
        refused(new String[] {"planner-dataset", "build", "-q", "--date", "2025-01-05", "--db", db(file),
                "--out", tmp.resolve("ds").toString(), "--min-rows", "1"}, 2, "--out", "--db", "events.duckdb");
        assertTrue(Files.isRegularFile(file), "the database is still there");
    }

    @Test
    void simulateRefusesADatabasePathThatIsNoFile() throws Exception {
        Files.createDirectories(tmp.resolve("dir.duckdb"));
        refused(new String[] {"planner-dataset", "simulate", "-q", "--households", "5", "--days", "2", "--db",
                db(tmp.resolve("dir.duckdb"))}, 2, "dir.duckdb", "--db");
        Path fifo = tmp.resolve("pipe.duckdb");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        refused(new String[] {"planner-dataset", "simulate", "-q", "--households", "5", "--days", "2", "--db", db(fifo)},
                2, "pipe.duckdb", "--db");
        Path link = Files.createSymbolicLink(tmp.resolve("gone.duckdb"), tmp.resolve("nowhere/x.duckdb"));
        refused(new String[] {"planner-dataset", "simulate", "-q", "--households", "5", "--days", "2", "--db", db(link)},
                2, "gone.duckdb", "--db");
    }

    @Test
    void simulateWithNoOverwriteRefusesNothingNewAndANewFileIsFine() {
        CliRun.inProcess("planner-dataset", "simulate", "-q", "--households", "5", "--days", "2", "--no-overwrite",
                "--db", db(tmp.resolve("new/x.duckdb"))).assertExit(0);
        assertTrue(Files.isRegularFile(tmp.resolve("new/x.duckdb")));
    }

    /** The date folder holds only Parquet and "_" files: DuckDB reads its Parquet whole, and the date as a Hive partition. */
    @Test
    void duckDbReadsTheDatasetFolderAsAWhole() throws Exception {
        Path file = tmp.resolve("events.duckdb");
        CliRun.inProcess("planner-dataset", "simulate", "-q", "--households", "40", "--days", "6", "--db", db(file))
                .assertExit(0);
        for (String date : new String[] {"2025-01-05", "2025-01-06"}) {
            CliRun.inProcess("planner-dataset", "build", "-q", "--date", date, "--db", db(file),
                    "--out", tmp.resolve("ds").toString(), "--min-rows", "1").assertExit(0);
        }
        Path folder = tmp.resolve("ds/date=2025-01-06");
        try (Stream<Path> s = Files.list(folder)) {
            assertTrue(s.map(p -> p.getFileName().toString()).allMatch(n -> n.endsWith(".parquet") || n.startsWith("_")),
                    "only Parquet and _ files in the folder");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            long one = count(c, "SELECT count(*) FROM read_parquet('" + folder.resolve("training.parquet") + "')");
            assertTrue(one > 0);
            assertEquals(one, count(c, "SELECT count(*) FROM read_parquet('" + folder + "/*.parquet')"));
            // DuckDB (unlike Spark and pyarrow) does not skip "_" files in a bare '*' glob: its way
            // to read the folder is '*.parquet', as here.
            assertEquals(one, count(c, "SELECT count(*) FROM read_parquet('" + tmp.resolve("ds") + "/*/*.parquet', "
                    + "hive_partitioning = true) WHERE date = '2025-01-06'"), "date read from the folder name");
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
