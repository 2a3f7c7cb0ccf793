package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ranking-queries --dry-run} end to end on the sample deals. */
class RankingQueriesRunTest {
    @TempDir
    Path tmp;

    @Test
    void dryRunWritesAValidatedDatasetWithSidecarAndQualityReport() {
        RankingLayout out = new RankingLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--dry-run")).assertExit(0).assertStderrEmpty()
                .assertStdoutContains("validation: PASSED", "BM25 recall@10", "dry-run");
        JsonNode records = out.records();
        assertTrue(records.isArray() && records.size() >= 100, run::describe);
        Set<String> fields = new HashSet<>();
        records.get(0).fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("query", "candidate_id", "label", "cluster_id", "metadata"), fields);

        JsonNode summary = out.summaryJson();
        JsonNode q = summary.path("quality");
        assertEquals(records.size(), q.path("examples").asInt());
        assertEquals(150, q.path("queries").asInt(), "50 clusters x 3 queries");
        assertEquals(150, q.path("queries_by_source").path("fallback").asInt());
        assertTrue(q.path("distinct_queries").asDouble() / q.path("queries").asDouble() >= 0.95, q::toString);
        double recall = q.path("bm25_difficulty").path("recall_at_10").asDouble(-1);
        double mrr = q.path("bm25_difficulty").path("mrr_at_10").asDouble(-1);
        assertTrue(recall > 0 && recall < 1 && mrr > 0 && mrr <= 1, q::toString);
        double share = q.path("positive_share").asDouble();
        assertTrue(share > 0.2 && share < 0.8, "label balance " + share);
        assertEquals(Set.of("bm25", "sector", "random"), names(q.path("negatives_by_strategy")), "mix uses all three");

        JsonNode meta = out.sidecarJson();
        assertEquals("ranking-queries", meta.path("subcommand").asText());
        assertTrue(meta.path("validation").path("passed").asBoolean());
        assertEquals(4, meta.path("inputs").size(), "the four sample deal files");
        assertEquals(records.size(), meta.path("outputs").get(0).path("rows").asInt());
        assertEquals("dry-run", meta.path("llm").path("mode").asText());
        assertEquals(0, meta.path("run").path("llm").path("usage").path("calls").asInt());
        assertEquals(50, meta.path("run").path("llm").path("usage").path("fallbacks").asInt());
        assertEquals(50, meta.path("clusters").path("selected").asInt());
        // Fingerprints computed from the bytes read and written (not a second read) match the files.
        Path dir = out.sidecar.getParent();
        for (JsonNode f : List.of(meta.path("inputs").get(0), meta.path("inputs").get(3), meta.path("outputs").get(0),
                meta.path("outputs").get(1))) {
            Path p = dir.resolve(f.path("path").asText());
            assertEquals(dev.dsgen.core.RunMetadata.sha256(p), f.path("sha256").asText(), p::toString);
            assertEquals(p.toFile().length(), f.path("bytes").asLong(), p::toString);
        }
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void sameSeedGivesByteIdenticalDataForAnyThreadCountAndAnotherSeedDiffers() {
        RankingLayout a = new RankingLayout(tmp.resolve("a"));
        RankingLayout b = new RankingLayout(tmp.resolve("b"));
        RankingLayout c = new RankingLayout(tmp.resolve("c"));
        CliRun.inProcess(a.args("--dry-run", "-q", "--threads", "1")).assertExit(0);
        CliRun.inProcess(b.args("--dry-run", "-q", "--threads", "2")).assertExit(0);
        CliRun.inProcess(c.args("--dry-run", "-q", "--seed", "43")).assertExit(0);
        assertArrayEquals(a.outputBytes(), b.outputBytes());
        assertFalse(java.util.Arrays.equals(a.outputBytes(), c.outputBytes()));
        JsonNode sa = a.summaryJson().path("quality");
        JsonNode sb = b.summaryJson().path("quality");
        assertEquals(sa, sb, "quality report is a function of the data");
        // Wall-clock time is a run fact: in the sidecar's run section, never in the (checksummed) summary.
        assertTrue(a.summaryJson().findPath("phase_ms").isMissingNode(), "summary holds no wall-clock time");
        assertTrue(a.sidecarJson().path("run").path("llm").has("phase_ms"), "sidecar run.llm.phase_ms");
    }

    @Test
    void everyNegativeStrategyKeepsClusterMembersOutOfItsNegatives() {
        for (String strategy : List.of("random", "sector", "bm25")) {
            RankingLayout out = new RankingLayout(tmp.resolve(strategy));
            CliRun.inProcess(out.args("--dry-run", "-q", "--negative-strategy", strategy, "--negatives-per-query", "4",
                    "--queries-per-cluster", "5", "--clusters", "20")).assertExit(0);
            JsonNode records = out.records();
            Map<String, Set<String>> positives = new HashMap<>();
            for (JsonNode r : records) {
                if (r.path("label").asInt() == 1) {
                    positives.computeIfAbsent(r.path("cluster_id").asText(), k -> new HashSet<>()).add(r.path("candidate_id").asText());
                }
            }
            int negatives = 0;
            for (JsonNode r : records) {
                if (r.path("label").asInt() == 0) {
                    negatives++;
                    assertEquals(strategy, r.path("metadata").path("negative_strategy").asText());
                    assertFalse(positives.get(r.path("cluster_id").asText()).contains(r.path("candidate_id").asText()), r::toString);
                }
            }
            assertEquals(20 * 5 * 4, negatives, strategy);
        }
    }

    @Test
    void verboseLogsEachClusterWithItsQueryCount() {
        RankingLayout out = new RankingLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--dry-run", "-q", "--verbose", "--clusters", "10")).assertExit(0);
        long lines = run.err().lines().filter(l -> l.matches("dsgen: cluster D\\d+: 3 queries \\(0 llm, 3 fallback\\), \\d+ deals")).count();
        assertEquals(10, lines, run::describe);
    }

    @Test
    void moreClustersThanTheGraphHasWarnsAndUsesAll() {
        RankingLayout out = new RankingLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--dry-run", "--clusters", "100000")).assertExit(0);
        assertTrue(run.err().startsWith("dsgen: warning: asked for 100000 clusters but the graph has 150: using all 150"), run::describe);
        assertEquals(150, out.summaryJson().path("clusters").path("selected").asInt());
        assertEquals(450, out.summaryJson().path("quality").path("queries").asInt());
    }

    @Test
    void resumeAfterASmallerRunEqualsOneUninterruptedRun() {
        RankingLayout whole = new RankingLayout(tmp.resolve("whole"));
        RankingLayout parts = new RankingLayout(tmp.resolve("parts"));
        CliRun.inProcess(whole.args("--dry-run", "-q", "--clusters", "60")).assertExit(0);
        CliRun.inProcess(parts.args("--dry-run", "-q", "--clusters", "25")).assertExit(0);
        CliRun.inProcess(parts.args("--dry-run", "--clusters", "60", "--resume")).assertExit(0)
                .assertStdoutContains("25 from the existing output");
        assertArrayEquals(whole.outputBytes(), parts.outputBytes());
        assertEquals(whole.summaryJson().path("quality"), parts.summaryJson().path("quality"));
        assertEquals(35, parts.sidecarJson().path("clusters").path("generated").asInt());
        // resuming a finished run changes nothing
        CliRun.inProcess(parts.args("--dry-run", "-q", "--clusters", "60", "--resume")).assertExit(0);
        assertArrayEquals(whole.outputBytes(), parts.outputBytes());
    }

    @Test
    void resumeWithAnotherSeedIsRefused() {
        RankingLayout out = new RankingLayout(tmp);
        CliRun.inProcess(out.args("--dry-run", "-q", "--clusters", "25")).assertExit(0);
        byte[] before = out.outputBytes();
        CliRun.inProcess(out.args("--dry-run", "--clusters", "60", "--resume", "--seed", "7")).assertFails(2, "--seed", "--resume");
        assertArrayEquals(before, out.outputBytes(), "existing output untouched");
    }

    /** An independent reader: DuckDB's read_json_auto sees the same records, labels and clusters. */
    @Test
    void duckDbReadsTheOutput() throws SQLException {
        RankingLayout out = new RankingLayout(tmp);
        CliRun.inProcess(out.args("--dry-run", "-q")).assertExit(0);
        JsonNode q = out.summaryJson().path("quality");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), sum(label), count(DISTINCT cluster_id), count(DISTINCT query), "
                     + "count(*) FILTER (WHERE label NOT IN (0, 1)), count(DISTINCT metadata.source) FROM read_json_auto('"
                     + out.output.toString().replace("'", "''") + "')")) {
            assertTrue(rs.next());
            assertEquals(q.path("examples").asLong(), rs.getLong(1));
            assertEquals(q.path("positives").asLong(), rs.getLong(2));
            assertEquals(50, rs.getLong(3));
            assertEquals(q.path("distinct_queries").asLong(), rs.getLong(4));
            assertEquals(0, rs.getLong(5));
            assertEquals(1, rs.getLong(6));
        }
    }
}
