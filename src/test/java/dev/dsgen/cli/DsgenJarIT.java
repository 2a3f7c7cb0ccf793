package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Black-box tests of the shaded JAR as users run it: {@code java -jar target/dsgen.jar ...} in a
 * child process whose stdout and stderr are pipes (not a terminal).
 */
class DsgenJarIT {
    private static Path jar;
    private static Path project;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locateJar() {
        jar = CliRun.builtJar();
        project = SynthLayout.project();
    }

    private CliRun dsgen(String... args) {
        return dsgen(Map.of(), args);
    }

    private CliRun dsgen(Map<String, String> env, String... args) {
        return CliRun.jar(jar, tmp.resolve("work"), env, args);
    }

    @Test
    void helpExitsZeroWithNothingOnStderr() {
        CliRun run = dsgen("--help").assertExit(0).assertStderrEmpty()
                .assertStdoutContains("synth-entities", "ranking-queries", "planner-dataset", "completion", "Exit codes:");
        for (int code = 0; code <= 6; code++) {
            int k = code;
            assertTrue(run.out().matches("(?s).*\\n\\s+" + k + "\\s+\\S.*"), () -> "exit code " + k + run.describe());
        }
    }

    @Test
    void versionAndSubcommandHelpExitZeroWithNothingOnStderr() {
        CliRun version = dsgen("--version").assertExit(0).assertStderrEmpty();
        assertTrue(version.out().startsWith("dsgen "), version::describe);
        dsgen("synth-entities", "--help").assertExit(0).assertStderrEmpty().assertStdoutContains("--n-leads");
        dsgen("completion", "bash").assertExit(0).assertStderrEmpty().assertStdoutContains("synth-entities");
    }

    /**
     * A full dev run: exit 0, a clean stderr (no progress bar off a terminal, no Hadoop / log4j /
     * SLF4J noise), and DuckDB reads the pair files as one dataset with the summary's row count.
     */
    @Test
    void devRunHasACleanStderrAndDuckDbReadsThePairsAsOneDataset() throws SQLException {
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = dsgen(out.args("--dev")).assertExit(0).assertStderrEmpty()
                .assertStdoutContains("validation: PASSED");
        out.assertAllOutputsWritten(run);
        JsonNode summary = out.summaryJson();
        long pairs = summary.path("pairs").path("total").asLong(-1);
        assertTrue(pairs > 0, "pairs.total in the summary");

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            String glob = sql(out.pairs.resolve("*.parquet"));
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet(" + glob + ")")) {
                assertTrue(rs.next());
                assertEquals(pairs, rs.getLong(1), "DuckDB row count of " + glob + " vs summary pairs.total");
            }
            TreeSet<String> splits = new TreeSet<>();
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT split FROM read_parquet(" + glob + ")")) {
                while (rs.next()) {
                    splits.add(rs.getString(1));
                }
            }
            assertEquals(new TreeSet<>(SynthLayout.SPLITS), splits, "splits in the pair files");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet(" + glob + ") WHERE y NOT IN (0, 1)")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1), "labels outside {0,1}");
            }
            for (String split : SynthLayout.SPLITS) {
                long expected = summary.path("pairs").path("by_split").path(split).path("pairs").asLong(-1);
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet("
                        + sql(out.pairs.resolve(split + ".parquet")) + ")")) {
                    assertTrue(rs.next());
                    assertEquals(expected, rs.getLong(1), split + ".parquet rows vs the summary");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_csv(" + sql(out.outdir.resolve("leads.csv"))
                    + ", header = true)")) {
                assertTrue(rs.next());
                assertEquals(1000, rs.getLong(1), "DuckDB row count of leads.csv");
            }
        }
    }

    static Stream<Arguments> badInvocations() {
        return Stream.of(
                Arguments.of(List.of("--bogus"), 2, List.of("--bogus")),
                Arguments.of(List.of("--n-leads", "-5"), 2, List.of("--n-leads")),
                Arguments.of(List.of("--schema", "MISSING"), 3, List.of("--schema", "no-such-schema.json")),
                Arguments.of(List.of("--schema", "MALFORMED"), 3, List.of("--schema", "line 2")),
                Arguments.of(List.of("--config", "MALFORMED"), 3, List.of("--config", "line 2")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badInvocations")
    void badInputThroughTheJarGivesTheExitCodeAndOneLine(List<String> flags, int code, List<String> named)
            throws IOException {
        Path missing = tmp.resolve("no-such-schema.json");
        Path malformed = Files.writeString(tmp.resolve("malformed.json"), "{\n  \"entities\": ,\n}\n");
        List<String> resolved = new ArrayList<>();
        for (String f : flags) {
            resolved.add(f.equals("MISSING") ? missing.toString() : f.equals("MALFORMED") ? malformed.toString() : f);
        }
        SynthLayout out = new SynthLayout(tmp);
        List<String> args = new ArrayList<>(List.of("synth-entities", "--dev",
                "--outdir", out.outdir.toString(), "--pairs-out", out.pairs.toString(), "--summary", out.summary.toString()));
        if (!resolved.contains("--schema")) {
            args.addAll(List.of("--schema", SynthLayout.bundledSchema().toString()));
        }
        args.addAll(resolved);
        CliRun run = dsgen(args.toArray(String[]::new)).assertFails(code, named.toArray(String[]::new));
        out.assertNoOutputs(run);
    }

    @Test
    void hashedPiiWithoutASaltInTheEnvironmentIsAUsageError() {
        SynthLayout out = new SynthLayout(tmp);
        Map<String, String> noSalt = new HashMap<>();
        noSalt.put("DSGEN_PII_SALT", null);
        CliRun run = dsgen(noSalt, out.args("--dev", "--pii", "hashed"))
                .assertFails(2, "--pii", "DSGEN_PII_SALT", "--pii-salt-file");
        out.assertNoOutputs(run);
    }

    @Test
    void blankSaltInTheEnvironmentCountsAsNoSalt() {
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = dsgen(Map.of("DSGEN_PII_SALT", "   "), out.args("--dev", "--pii", "hashed"))
                .assertFails(2, "DSGEN_PII_SALT");
        out.assertNoOutputs(run);
    }

    @Test
    void malformedSourceDateEpochIsAUsageErrorNamingTheEnvironment() {
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = dsgen(Map.of("SOURCE_DATE_EPOCH", "yesterday"), out.args("--dev"))
                .assertFails(2, "SOURCE_DATE_EPOCH");
        out.assertNoOutputs(run);
    }

    @Test
    void samplePipelineScriptRunsGreen() {
        Path outDir = tmp.resolve("pipeline-out");
        List<String> cmd = List.of("bash", project.resolve("samples").resolve("pipeline.sh").toString(), outDir.toString());
        Map<String, String> env = new HashMap<>();
        env.put("DSGEN_JAR", jar.toString());
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        CliRun run = CliRun.process(cmd, tmp.resolve("work"), env, cmd).assertExit(0).assertStderrEmpty()
                .assertStdoutContains("pipeline: ok");
        for (String f : List.of("synth/leads.csv", "synth/sales.csv", "synth/financial.csv", "synth/truth.csv",
                "synth/_metadata.json", "pairs/train.parquet", "pairs/valid.parquet", "pairs/test.parquet",
                "pairs/_metadata.json", "reports/synth_summary.json", "processed/ranking_training_data.json",
                "processed/ranking_training_data.metadata.json", "reports/ranking_summary.json",
                "datasets/planner/date=2025-01-10/training.parquet",
                "datasets/planner/date=2025-01-10/_schema.json", "datasets/planner/date=2025-01-10/_dataset_summary.md",
                "datasets/planner/date=2025-01-10/_metadata.json")) {
            assertTrue(Files.isRegularFile(outDir.resolve(f)), () -> "pipeline did not write " + f + run.describe());
        }
        JsonNode summary = SynthLayout.readJson(outDir.resolve("reports/synth_summary.json"));
        assertTrue(summary.path("validation").path("passed").asBoolean(false), "pipeline summary validation.passed");
        JsonNode ranking = SynthLayout.readJson(outDir.resolve("reports/ranking_summary.json"));
        assertTrue(ranking.path("validation").path("passed").asBoolean(false), "pipeline ranking summary validation.passed");
        JsonNode planner = SynthLayout.readJson(outDir.resolve("datasets/planner/date=2025-01-10/_metadata.json"));
        assertTrue(planner.path("validation").path("passed").asBoolean(false), "planner dataset validation.passed");
    }

    /** ranking-queries through the JAR: a clean stderr (Lucene prints nothing), and the sidecar beside the output. */
    @Test
    void rankingQueriesDryRunHasACleanStderr() {
        RankingLayout out = new RankingLayout(tmp);
        dsgen(out.args("--dry-run")).assertExit(0).assertStderrEmpty().assertStdoutContains("validation: PASSED", "MRR@10");
        assertTrue(out.sidecarJson().path("validation").path("passed").asBoolean(false));
        dsgen("ranking-queries", "--help").assertExit(0).assertStderrEmpty()
                .assertStdoutContains("--negative-strategy", "--llm-base-url", "--resume", "Exit codes:");
    }

    /**
     * Lucene logs a Vector API warning on stderr under Java 20+; dsgen silences it. Runs the JAR
     * with every newer JDK installed beside this one (skipped when there is none).
     */
    @Test
    void rankingQueriesStderrStaysCleanOnNewerJdks() throws IOException {
        Path jvms = Path.of(System.getProperty("java.home")).toRealPath().getParent();
        List<Path> newer = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(jvms)) {
            for (Path d : dirs.sorted().toList()) {
                Path bin = d.resolve("bin").resolve("java");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(d.getFileName().toString());
                if (Files.isExecutable(bin) && m.find() && Integer.parseInt(m.group(1)) >= 20) {
                    newer.add(bin);
                }
            }
        }
        assumeTrue(!newer.isEmpty(), "no JDK 20+ installed beside " + jvms);
        for (Path bin : newer) {
            RankingLayout out = new RankingLayout(tmp.resolve(bin.getParent().getParent().getFileName().toString()));
            List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-jar", jar.toString()));
            cmd.addAll(List.of(out.args("--dry-run", "-q")));
            CliRun.process(cmd, tmp.resolve("work"), Map.of(), cmd).assertExit(0).assertStderrEmpty();
        }
    }

    /** Without --dry-run, no key and a remote endpoint: exit 2 before any work, saying how to run offline. */
    @Test
    void rankingQueriesWithoutAKeyForARemoteEndpointIsAUsageError() {
        RankingLayout out = new RankingLayout(tmp);
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", null);
        env.put("OPENAI_BASE_URL", null);
        CliRun run = dsgen(env, out.args()).assertFails(2, "OPENAI_API_KEY", "--dry-run", "api.openai.com");
        out.assertNoOutputs(run);
        // a loopback endpoint needs no key; here it is a closed port, so the endpoint is what fails (exit 5)
        env.put("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
        dsgen(env, out.args("--llm-max-retries", "0", "--clusters", "3")).assertFails(5, "127.0.0.1:9", "--dry-run");
    }

    /** A path as a single-quoted DuckDB string literal. */
    private static String sql(Path p) {
        return "'" + p.toString().replace("'", "''") + "'";
    }
}
