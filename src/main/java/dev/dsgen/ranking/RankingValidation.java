package dev.dsgen.ranking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.io.Json;
import dev.dsgen.validate.RowCheck;
import dev.dsgen.validate.RuleResult;
import dev.dsgen.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The gates of a ranking dataset, run on the file as written (read back from disk): record
 * schema, labels in {0, 1}, at least 100 examples with both labels, every candidate and cluster
 * in the graph, positives are cluster members and negatives are not, and no (query, candidate)
 * pair twice (so never with two labels).
 */
final class RankingValidation {
    static final int MIN_EXAMPLES = 100;
    private static final Set<String> FIELDS = Set.of("query", "candidate_id", "label", "cluster_id", "metadata");

    private RankingValidation() {
    }

    static ValidationReport check(Path file, DealGraph graph) throws IOException {
        RowCheck schema = new RowCheck("records.schema",
                "each record is {query: non-empty string, candidate_id: string, label: integer, cluster_id: string, metadata: object}");
        RowCheck labels = new RowCheck("records.label_0_or_1", "label is 0 or 1");
        RowCheck candidates = new RowCheck("records.candidate_in_graph", "candidate_id is a deal of the input graph");
        RowCheck clusters = new RowCheck("records.cluster_in_graph", "cluster_id is a platform of the input graph");
        RowCheck positives = new RowCheck("records.positive_is_cluster_member", "label 1 only for deals of the query's cluster");
        RowCheck negatives = new RowCheck("records.negative_not_cluster_member",
                "no deal of a cluster is a negative for the cluster's own query");
        RowCheck pairs = new RowCheck("records.query_candidate_unique",
                "each (query, candidate) pair appears once, so it never has two labels");
        Map<String, Integer> labelOf = new HashMap<>();
        long rows = 0;
        long pos = 0;
        long neg = 0;
        boolean isArray;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(file.toFile())) {
            isArray = p.nextToken() == JsonToken.START_ARRAY;
            if (isArray) {
                JsonToken t;
                while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
                    JsonNode r = Json.MAPPER.readTree(p);
                    rows++;
                    long row = rows;
                    boolean ok = r.isObject() && r.size() == FIELDS.size() && fieldsOk(r);
                    schema.check(ok, () -> "record " + row + ": " + clip(r.toString()));
                    if (!ok) {
                        continue;
                    }
                    String query = r.get("query").asText();
                    String cand = r.get("candidate_id").asText();
                    String cluster = r.get("cluster_id").asText();
                    int label = r.get("label").asInt();
                    labels.check(label == 0 || label == 1, () -> "record " + row + " has label " + label);
                    if (label == 1) {
                        pos++;
                    } else if (label == 0) {
                        neg++;
                    }
                    candidates.check(graph.deal(cand) != null, () -> "record " + row + ": unknown candidate " + cand);
                    Cluster c = graph.clusterOf(cluster);
                    boolean clusterOk = c != null && c.id().equals(cluster);
                    clusters.check(clusterOk, () -> "record " + row + ": unknown cluster " + cluster);
                    if (clusterOk) {
                        if (label == 1) {
                            positives.check(c.contains(cand), () -> "record " + row + ": " + cand + " labeled 1 for cluster " + cluster);
                        } else {
                            negatives.check(!c.contains(cand), () -> "record " + row + ": " + cand
                                    + " is in cluster " + cluster + " but labeled 0 for its query '" + clip(query) + "'");
                        }
                    }
                    Integer before = labelOf.put(query + "\u0000" + cand, label);
                    pairs.check(before == null, () -> "record " + row + ": ('" + clip(query) + "', " + cand + ") again, labels "
                            + before + " and " + label);
                }
            }
        }
        ValidationReport report = new ValidationReport();
        report.add(RuleResult.of("file.json_list", isArray, isArray ? "a JSON list" : "not a JSON list"));
        report.add(schema);
        report.add(labels);
        report.add(RuleResult.atLeast("records.count", rows, MIN_EXAMPLES));
        report.add(RuleResult.of("records.both_labels", pos > 0 && neg > 0, pos + " positives, " + neg + " negatives"));
        report.add(candidates);
        report.add(clusters);
        report.add(positives);
        report.add(negatives);
        report.add(pairs);
        return report;
    }

    private static boolean fieldsOk(JsonNode r) {
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            if (!FIELDS.contains(it.next())) {
                return false;
            }
        }
        return r.path("query").isTextual() && !r.get("query").asText().isBlank() && r.path("candidate_id").isTextual()
                && r.path("label").isIntegralNumber() && r.path("cluster_id").isTextual() && r.path("metadata").isObject();
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
