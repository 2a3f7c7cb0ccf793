package dev.dsgen.ranking;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One output record: a query, a candidate deal and whether the deal is a right answer (1: a member
 * of the cluster the query was written for) or not (0). Field order and names are the file format.
 */
@JsonPropertyOrder({"query", "candidate_id", "label", "cluster_id", "metadata"})
public record RankingExample(@JsonProperty("query") String query, @JsonProperty("candidate_id") String candidateId,
                             @JsonProperty("label") int label, @JsonProperty("cluster_id") String clusterId,
                             @JsonProperty("metadata") Map<String, Object> metadata) {
}
