package dev.dsgen.ranking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.io.Json;
import dev.dsgen.validate.RowCheck;
import dev.dsgen.validate.RuleResult;
import dev.dsgen.validate.ValidationReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The gates of a ranking dataset, run on the file as written (read back from disk): record
 * schema, labels in {0, 1}, at least 100 examples with both labels, every candidate and cluster
 * in the graph, positives are cluster members and negatives are not, and no (query, candidate)
 * pair twice (so never with two labels).
 */
final class RankingValidation {
    static final int MIN_EXAMPLES = 100;

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
        // Token by token, no tree per record (~170,000 records, 50 MB at 10,000 clusters): each
        // record's five fields are read as they stream past and metadata is only checked to be an
        // object. A failing record is parsed again from its offset for the report's example.
        Record r = new Record();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(file.toFile())) {
            isArray = p.nextToken() == JsonToken.START_ARRAY;
            if (isArray) {
                JsonToken t;
                while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
                    long offset = p.currentTokenLocation().getByteOffset();
                    boolean ok = r.read(p, t);
                    rows++;
                    long row = rows;
                    long end = ok ? 0 : endOf(p);
                    schema.check(ok, () -> "record " + row + ": " + clip(treeAt(file, offset, end)));
                    if (!ok) {
                        continue;
                    }
                    String query = r.query;
                    String cand = r.candidate;
                    String cluster = r.cluster;
                    int label = r.label;
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

    /**
     * One record's fields as read from the token stream, with the schema rule as a tree would apply
     * it: exactly the five fields (a repeated key counts once, its last value is the one checked),
     * query a non-blank string, ids strings, label an integer (read as {@code JsonNode.asInt} reads
     * it), metadata an object.
     */
    private static final class Record {
        /** One bit per field seen: a record must have all five and no other. */
        private static final int ALL = 0b11111;
        String query;
        String candidate;
        String cluster;
        int label;

        /** Reads the value starting at {@code t} (consumed whole); true if it is a well-formed record. */
        boolean read(JsonParser p, JsonToken t) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                return false;
            }
            int seen = 0;
            boolean unknown = false;
            boolean labelOk = false;
            boolean metadataOk = false;
            query = null;
            candidate = null;
            cluster = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                // A field that is not a string reads as null, which fails the rule below.
                String text = v == JsonToken.VALUE_STRING ? p.getText() : null;
                switch (name) {
                    case "query" -> {
                        query = text;
                        seen |= 1;
                    }
                    case "candidate_id" -> {
                        candidate = text;
                        seen |= 2;
                    }
                    case "cluster_id" -> {
                        cluster = text;
                        seen |= 8;
                    }
                    case "label" -> {
                        seen |= 4;
                        labelOk = v == JsonToken.VALUE_NUMBER_INT;
                        if (labelOk) {
                            label = switch (p.getNumberType()) {
                                case INT -> p.getIntValue();
                                case LONG -> (int) p.getLongValue();
                                default -> p.getBigIntegerValue().intValue();
                            };
                        }
                    }
                    case "metadata" -> {
                        metadataOk = v == JsonToken.START_OBJECT;
                        seen |= 16;
                    }
                    default -> unknown = true;
                }
                p.skipChildren();
            }
            return !unknown && seen == ALL && query != null && !query.isBlank() && candidate != null && labelOk
                    && cluster != null && metadataOk;
        }
    }

    /** Where the value just consumed ends (a string's text is read lazily: finish it first). */
    private static long endOf(JsonParser p) throws IOException {
        p.finishToken();
        return p.currentLocation().getByteOffset();
    }

    /** The value in bytes [from, to) of {@code file} as compact JSON (for a failing record's example). */
    private static String treeAt(Path file, long from, long to) {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(to - from));
            ch.position(from);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read the whole span
            }
            return String.valueOf(Json.MAPPER.readTree(buf.array()));
        } catch (IOException | ArithmeticException e) {
            return "(cannot re-read: " + e.getMessage() + ")";
        }
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
