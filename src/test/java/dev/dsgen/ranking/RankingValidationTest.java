package dev.dsgen.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.validate.RuleResult;
import dev.dsgen.validate.ValidationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of {@link RankingValidation} caught on a crafted bad file: which rule fails, how many
 * records it counts, and the example it shows (the read-back must catch what a full parse would).
 */
class RankingValidationTest {
    private static DealGraph graph;
    /** A cluster with add-ons, one of its add-ons, and a deal of another cluster. */
    private static String cluster;
    private static String addOn;
    private static String outsider;
    private static String otherCluster;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadGraph() {
        graph = DealGraph.load(Path.of("samples/deals"));
        Cluster c = graph.clusters().stream().filter(x -> !x.addOns().isEmpty()).findFirst().orElseThrow();
        cluster = c.id();
        addOn = c.addOns().get(0).id();
        Cluster o = graph.clusters().stream().filter(x -> !x.id().equals(cluster)).findFirst().orElseThrow();
        otherCluster = o.id();
        outsider = o.id();
    }

    /** One well-formed record as the generator writes it (pretty, metadata last). */
    private static String rec(String query, String cand, Object label, String clusterId) {
        return "{\n  \"query\" : " + str(query) + ",\n  \"candidate_id\" : " + str(cand) + ",\n  \"label\" : " + label
                + ",\n  \"cluster_id\" : " + str(clusterId) + ",\n  \"metadata\" : {\n    \"candidate_kind\" : \"platform\","
                + "\n    \"query_index\" : 0,\n    \"source\" : \"fallback\"\n  }\n}";
    }

    private static String str(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    /** 120 valid records (a positive and a negative for 60 queries), then {@code extra}. */
    private static List<String> valid(String... extra) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            l.add(rec("query " + i, cluster, 1, cluster));
            l.add(rec("query " + i, outsider, 0, cluster));
        }
        l.addAll(List.of(extra));
        return l;
    }

    private ValidationReport check(List<String> records) throws IOException {
        return check("[ " + String.join(", ", records) + " ]\n");
    }

    private ValidationReport check(String text) throws IOException {
        Path f = tmp.resolve("ranking.json");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return RankingValidation.check(f, graph);
    }

    private static Map<String, RuleResult> byRule(ValidationReport r) {
        Map<String, RuleResult> m = new TreeMap<>();
        for (RuleResult x : r.results()) {
            m.put(x.rule(), x);
        }
        return m;
    }

    /** Only {@code rule} failed, {@code failures} times, first with {@code example}. */
    private static void onlyFails(ValidationReport r, String rule, long failures, String example) {
        List<String> failed = r.failed().stream().map(RuleResult::rule).toList();
        assertEquals(List.of(rule), failed, () -> String.valueOf(r.toMap()));
        RuleResult x = byRule(r).get(rule);
        assertEquals(failures, x.failures(), () -> String.valueOf(x));
        if (example != null) {
            assertEquals(example, x.examples().get(0));
        }
    }

    @Test
    void aValidFilePassesEveryRuleAndCountsEveryRecord() throws IOException {
        ValidationReport r = check(valid());
        assertTrue(r.passed(), () -> String.valueOf(r.toMap()));
        Map<String, RuleResult> m = byRule(r);
        assertEquals(10, m.size());
        assertEquals(120, m.get("records.schema").checked());
        assertEquals(120, m.get("records.candidate_in_graph").checked());
        assertEquals(60, m.get("records.positive_is_cluster_member").checked());
        assertEquals(60, m.get("records.negative_not_cluster_member").checked());
        assertEquals("60 positives, 60 negatives", m.get("records.both_labels").detail());
    }

    @Test
    void notAListFailsTheListRuleAndHasNoRecords() throws IOException {
        ValidationReport r = check("{\"query\": \"x\"}\n");
        List<String> failed = r.failed().stream().map(RuleResult::rule).toList();
        assertEquals(List.of("file.json_list", "records.count", "records.both_labels"), failed);
        assertEquals(0, byRule(r).get("records.schema").checked());
    }

    @Test
    void malformedJsonIsAnError() {
        assertThrows(IOException.class, () -> check("[ " + rec("q", cluster, 1, cluster) + ", {\"query\": ]"));
    }

    @Test
    void schemaCatchesEveryKindOfMalformedRecord() throws IOException {
        String meta = "\"metadata\" : {}";
        List<String> bad = List.of(
                "5",
                "\"text\"",
                "[ 1, 2 ]",
                "null",
                // missing field
                "{\"query\" : \"q\", \"candidate_id\" : \"" + cluster + "\", \"label\" : 1, \"cluster_id\" : \"" + cluster + "\"}",
                // extra field
                "{\"query\" : \"q\", \"candidate_id\" : \"" + cluster + "\", \"label\" : 1, \"cluster_id\" : \"" + cluster
                        + "\", " + meta + ", \"extra\" : 1}",
                // wrong field instead of a right one
                "{\"query\" : \"q\", \"candidate\" : \"" + cluster + "\", \"label\" : 1, \"cluster_id\" : \"" + cluster
                        + "\", " + meta + "}",
                // blank query, non-text query
                rec("  ", cluster, 1, cluster),
                "{\"query\" : 7, \"candidate_id\" : \"" + cluster + "\", \"label\" : 1, \"cluster_id\" : \"" + cluster + "\", " + meta + "}",
                // candidate or cluster not text
                "{\"query\" : \"q\", \"candidate_id\" : 12, \"label\" : 1, \"cluster_id\" : \"" + cluster + "\", " + meta + "}",
                rec("q", cluster, 1, null),
                // label not an integer
                rec("q", cluster, "\"1\"", cluster),
                rec("q", cluster, "1.0", cluster),
                rec("q", cluster, "true", cluster),
                // metadata not an object
                "{\"query\" : \"q\", \"candidate_id\" : \"" + cluster + "\", \"label\" : 1, \"cluster_id\" : \"" + cluster
                        + "\", \"metadata\" : [ ]}",
                "{\"query\" : \"q\", \"candidate_id\" : \"" + cluster + "\", \"label\" : 1, \"cluster_id\" : \"" + cluster
                        + "\", \"metadata\" : null}");
        ValidationReport r = check(valid(bad.toArray(String[]::new)));
        onlyFails(r, "records.schema", bad.size(), "record 121: 5");
        RuleResult schema = byRule(r).get("records.schema");
        assertEquals(List.of("record 121: 5", "record 122: \"text\"", "record 123: [1,2]"), schema.examples());
        assertEquals(120 + bad.size(), schema.checked());
        // Records failing the schema are not checked further.
        assertEquals(120, byRule(r).get("records.label_0_or_1").checked());
        assertEquals(120 + bad.size(), byRule(r).get("records.count").checked());
    }

    @Test
    void schemaExampleShowsTheRecordCompactAndClipped() throws IOException {
        String longQuery = "q".repeat(200);
        String bad = "{\"query\" : \"" + longQuery + "\", \"candidate_id\" : \"" + cluster + "\", \"label\" : 1, \"cluster_id\" : \""
                + cluster + "\"}";
        ValidationReport r = check(valid(bad));
        String shown = "{\"query\":\"" + longQuery + "\",\"candidate_id\":\"" + cluster + "\",\"label\":1,\"cluster_id\":\"" + cluster + "\"}";
        onlyFails(r, "records.schema", 1, "record 121: " + shown.substring(0, 120) + "...");
    }

    @Test
    void aDuplicateKeyCountsOnceAndTheLastValueIsChecked() throws IOException {
        String later = "{\"query\" : 5, \"query\" : \"dup key\", \"candidate_id\" : \"" + cluster + "\", \"label\" : 1, \"cluster_id\" : \""
                + cluster + "\", \"metadata\" : {}}";
        assertTrue(check(valid(later)).passed());
        String earlier = "{\"query\" : \"dup key\", \"query\" : 5, \"candidate_id\" : \"" + cluster + "\", \"label\" : 1, \"cluster_id\" : \""
                + cluster + "\", \"metadata\" : {}}";
        onlyFails(check(valid(earlier)), "records.schema", 1, null);
    }

    @Test
    void labelsOtherThanZeroOrOneFail() throws IOException {
        ValidationReport r = check(valid(rec("q2", outsider, 2, cluster), rec("q3", outsider, -1, cluster)));
        onlyFails(r, "records.label_0_or_1", 2, "record 121 has label 2");
        assertEquals("record 122 has label -1", byRule(r).get("records.label_0_or_1").examples().get(1));
        // Neither counts as a positive or a negative.
        assertEquals("60 positives, 60 negatives", byRule(r).get("records.both_labels").detail());
    }

    @Test
    void aLabelBeyondIntIsReadAsJacksonsAsIntReadsIt() throws IOException {
        // 2^32 + 1 becomes 1 (as JsonNode.asInt did), so it is a positive, not a bad label.
        ValidationReport r = check(valid(rec("big", cluster, "4294967297", cluster)));
        assertTrue(r.passed(), () -> String.valueOf(r.toMap()));
        assertEquals("61 positives, 60 negatives", byRule(r).get("records.both_labels").detail());
        ValidationReport huge = check(valid(rec("huge", outsider, "18446744073709551616", cluster)));
        assertTrue(huge.passed(), () -> String.valueOf(huge.toMap())); // 2^64: intValue() 0
    }

    @Test
    void unknownCandidateFails() throws IOException {
        onlyFails(check(valid(rec("q", "NOPE-1", 0, cluster))), "records.candidate_in_graph", 1,
                "record 121: unknown candidate NOPE-1");
    }

    @Test
    void unknownClusterOrAnAddOnAsClusterFails() throws IOException {
        ValidationReport r = check(valid(rec("q", outsider, 0, "NOPE-2"), rec("q", cluster, 1, addOn)));
        onlyFails(r, "records.cluster_in_graph", 2, "record 121: unknown cluster NOPE-2");
        assertEquals("record 122: unknown cluster " + addOn, byRule(r).get("records.cluster_in_graph").examples().get(1));
    }

    @Test
    void aPositiveOutsideItsClusterFails() throws IOException {
        onlyFails(check(valid(rec("q", outsider, 1, cluster))), "records.positive_is_cluster_member", 1,
                "record 121: " + outsider + " labeled 1 for cluster " + cluster);
    }

    @Test
    void aNegativeInsideItsClusterFails() throws IOException {
        onlyFails(check(valid(rec("q", addOn, 0, cluster))), "records.negative_not_cluster_member", 1,
                "record 121: " + addOn + " is in cluster " + cluster + " but labeled 0 for its query 'q'");
    }

    @Test
    void aRepeatedPairFailsWithBothLabels() throws IOException {
        onlyFails(check(valid(rec("query 3", outsider, 1, otherCluster))), "records.query_candidate_unique", 1,
                "record 121: ('query 3', " + outsider + ") again, labels 0 and 1");
    }

    @Test
    void tooFewRecordsOrOneLabelOnlyFail() throws IOException {
        List<String> few = valid().subList(0, 99);
        onlyFails(check(few), "records.count", 1, null);
        List<String> positives = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            positives.add(rec("p " + i, cluster, 1, cluster));
        }
        ValidationReport r = check(positives);
        onlyFails(r, "records.both_labels", 1, null);
        assertEquals("100 positives, 0 negatives", byRule(r).get("records.both_labels").detail());
    }
}
