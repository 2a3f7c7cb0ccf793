package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.count;
import static dev.dsgen.entities.EntityTestSupport.csv;
import static dev.dsgen.entities.EntityTestSupport.query;
import static dev.dsgen.entities.EntityTestSupport.sqlPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.entities.EntityTestSupport.Run;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a run leaves on disk: pair Parquet files DuckDB can read with the documented columns, and a
 * summary whose counts agree with the files.
 */
class OutputsAndSummaryTest {
    private static Run run;
    private static JsonNode summary;

    @BeforeAll
    static void load() throws IOException {
        run = EntityTestSupport.standard();
        summary = Json.MAPPER.readTree(run.summaryFile().toFile());
    }

    @Test
    void duckDbReadsThePairFilesWithTheDocumentedColumns() {
        Set<String> required = Set.of("src_a", "id_a", "src_b", "id_b", "y", "strategy");
        for (String split : Split.NAMES) {
            List<Map<String, String>> cols = query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet("
                    + sqlPath(run.pairs(split)) + "))");
            Map<String, String> types = new HashMap<>();
            cols.forEach(c -> types.put(c.get("column_name"), c.get("column_type")));
            assertTrue(types.keySet().containsAll(required), types.toString());
            assertEquals("INTEGER", types.get("y"));
            long features = types.entrySet().stream()
                    .filter(e -> !required.contains(e.getKey()) && !e.getKey().equals("split"))
                    .filter(e -> e.getValue().equals("DOUBLE") || e.getValue().equals("BOOLEAN"))
                    .count();
            assertTrue(features >= 6, "feature columns: " + types);
            // Keys and label are never null; y is binary.
            assertEquals(0, count("SELECT count(*) FROM read_parquet(" + sqlPath(run.pairs(split)) + ") WHERE src_a IS NULL"
                    + " OR id_a IS NULL OR src_b IS NULL OR id_b IS NULL OR y IS NULL OR y NOT IN (0, 1)"));
            // Similarities are in [0, 1].
            assertEquals(0, count("SELECT count(*) FROM read_parquet(" + sqlPath(run.pairs(split)) + ") WHERE name_jw < 0"
                    + " OR name_jw > 1 OR email_local_jw < 0 OR email_local_jw > 1"));
        }
    }

    @Test
    void pairRowCountsEqualTheSummary() {
        JsonNode pairs = summary.get("pairs");
        long total = 0;
        for (String split : Split.NAMES) {
            String file = sqlPath(run.pairs(split));
            long rows = count("SELECT count(*) FROM read_parquet(" + file + ")");
            JsonNode s = pairs.get("by_split").get(split);
            assertEquals(s.get("pairs").asLong(), rows, split);
            assertEquals(s.get("positives").asLong(), count("SELECT count(*) FROM read_parquet(" + file + ") WHERE y = 1"));
            assertEquals(s.get("negatives").asLong(), count("SELECT count(*) FROM read_parquet(" + file + ") WHERE y = 0"));
            total += rows;
        }
        assertEquals(pairs.get("total").asLong(), total);
        String all = "SELECT * FROM read_parquet([" + sqlPath(run.pairs("train")) + ", " + sqlPath(run.pairs("valid"))
                + ", " + sqlPath(run.pairs("test")) + "])";
        for (Map<String, String> row : query("SELECT strategy, count(*) AS n FROM (" + all + ") GROUP BY strategy")) {
            assertEquals(pairs.get("by_strategy").get(row.get("strategy")).asLong(), Long.parseLong(row.get("n")), row.toString());
        }
        assertEquals(pairs.get("by_label").get("1").asLong(), count("SELECT count(*) FROM (" + all + ") WHERE y = 1"));
        assertEquals(pairs.get("hard_negatives").asLong(), count("SELECT count(*) FROM (" + all + ") WHERE strategy IN"
                + " ('email_local_part', 'similar_name', 'same_address_number', 'same_last_name')"));
    }

    @Test
    void summaryHasTheExpectedTopLevelKeys() {
        Set<String> keys = new LinkedHashSet<>();
        summary.fieldNames().forEachRemaining(keys::add);
        assertTrue(keys.containsAll(List.of("records", "entities", "noise", "columns", "pairs", "warnings", "validation",
                "seed")), keys.toString());
        assertEquals(42, summary.get("seed").asLong());
        assertTrue(summary.get("validation").get("passed").asBoolean(), summary.get("validation").toString());
        // The summary on disk is the one the run returned.
        try {
            JsonNode returned = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(run.result().summary()));
            assertTrue(returned.equals(summary), "summary file differs from the returned summary");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void recordAndEntityCountsAgreeWithTheCsvFiles() {
        Map<String, Set<String>> entitiesBySource = new HashMap<>();
        Map<String, Integer> sourcesPerEntity = new HashMap<>();
        Map<String, Long> noisy = new HashMap<>();
        for (Map<String, String> t : csv(run.truth())) {
            entitiesBySource.computeIfAbsent(t.get("source"), k -> new HashSet<>()).add(t.get("entity_id"));
            if (!t.get("noise").isEmpty()) {
                noisy.merge(t.get("source"), 1L, Long::sum);
            }
        }
        entitiesBySource.values().forEach(set -> set.forEach(e -> sourcesPerEntity.merge(e, 1, Integer::sum)));
        for (Source s : Source.values()) {
            JsonNode r = summary.get("records").get(s.key());
            long rows = csv(run.records(s)).size();
            assertEquals(run.cfg().counts().of(s), rows);
            assertEquals(rows, r.get("rows").asLong());
            long dups = Math.round(rows * run.cfg().population().dupRate());
            assertEquals(dups, r.get("duplicates").asLong(), s.key());
            assertEquals(rows - dups, r.get("originals").asLong());
            // Distinct entities of a source = its originals (a source never holds one person twice as an original).
            assertEquals(rows - dups, entitiesBySource.get(s.key()).size(), s.key());
            // Every duplicate carries noise in the truth.
            assertTrue(noisy.getOrDefault(s.key(), 0L) >= dups, s.key());
        }
        JsonNode entities = summary.get("entities");
        assertEquals(sourcesPerEntity.size(), entities.get("total").asLong());
        assertEquals(sourcesPerEntity.values().stream().filter(n -> n == 1).count(), entities.get("in_1_source").asLong());
        assertEquals(sourcesPerEntity.values().stream().filter(n -> n == 2).count(), entities.get("in_2_sources").asLong());
        assertEquals(sourcesPerEntity.values().stream().filter(n -> n == 3).count(), entities.get("in_3_sources").asLong());
        // Entity ids are E + 8 digits, contiguous from 0.
        Set<String> expected = new HashSet<>();
        for (int e = 0; e < sourcesPerEntity.size(); e++) {
            expected.add(String.format("E%08d", e));
        }
        assertEquals(expected, sourcesPerEntity.keySet());
    }

    @Test
    void columnNullCountsAgreeWithTheCsvFiles() {
        for (Source s : Source.values()) {
            List<Map<String, String>> rows = csv(run.records(s));
            JsonNode cols = summary.get("columns").get(s.key());
            for (String col : EntityTestSupport.csvHeader(run.records(s))) {
                long nulls = rows.stream().filter(r -> r.get(col).isEmpty()).count();
                long distinct = rows.stream().map(r -> r.get(col)).filter(v -> !v.isEmpty()).distinct().count();
                assertEquals(nulls, cols.get(col).get("nulls").asLong(), s.key() + "." + col);
                assertEquals(distinct, cols.get(col).get("distinct").asLong(), s.key() + "." + col);
            }
            assertEquals(rows.size(), cols.get("id").get("distinct").asLong(), "ids unique in " + s.key());
        }
        // term_months is only filled for loans and leases (70% of payment_method weight in the sample).
        double rate = summary.get("columns").get("financial").get("term_months").get("null_rate").asDouble();
        assertTrue(rate > 0.22 && rate < 0.38, "term_months null rate " + rate);
    }

    @Test
    void metadataSidecarsNameEveryOutputWithItsHashAndRows() throws IOException {
        for (java.nio.file.Path sidecarDir : List.of(run.outdir(), run.pairsOut())) {
            JsonNode meta = Json.MAPPER.readTree(sidecarDir.resolve("_metadata.json").toFile());
            assertEquals("synth-entities", meta.get("subcommand").asText());
            assertEquals(42, meta.get("seed").asLong());
            int checked = 0;
            for (JsonNode out : meta.get("outputs")) {
                // Paths are relative to the sidecar's own folder.
                java.nio.file.Path p = sidecarDir.resolve(out.get("path").asText()).toAbsolutePath().normalize();
                assertTrue(Files.exists(p), p.toString());
                assertEquals(EntityTestSupport.sha256(p), out.get("sha256").asText(), p.toString());
                String name = p.getFileName().toString();
                if (name.endsWith(".json")) {
                    assertFalse(out.has("rows"), "the summary has no row count");
                    checked++;
                    continue;
                }
                long rows = name.endsWith(".parquet")
                        ? count("SELECT count(*) FROM read_parquet(" + sqlPath(p) + ")")
                        : csv(p).size();
                assertEquals(rows, out.get("rows").asLong(), name);
                checked++;
            }
            assertEquals(8, checked);
            assertTrue(meta.get("inputs").toString().contains(EntityTestSupport.sha256(EntityTestSupport.SAMPLE_SCHEMA)));
        }
    }

    @Test
    void truthCoversEveryRecordOnce() {
        List<Map<String, String>> truth = csv(run.truth());
        assertEquals(List.of("source", "id", "entity_id", "noise"), EntityTestSupport.csvHeader(run.truth()));
        Set<String> keys = new HashSet<>();
        for (Map<String, String> t : truth) {
            assertTrue(keys.add(t.get("source") + "|" + t.get("id")), t.toString());
        }
        long records = 0;
        for (Source s : Source.values()) {
            for (Map<String, String> r : csv(run.records(s))) {
                assertTrue(keys.contains(s.key() + "|" + r.get("id")), r.get("id"));
                records++;
            }
        }
        assertEquals(records, truth.size());
    }
}
