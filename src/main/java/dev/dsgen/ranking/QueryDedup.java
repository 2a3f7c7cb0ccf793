package dev.dsgen.ranking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks each cluster's queries from its candidates, the LLM's first, so that no query text
 * repeats in the dataset (a resumed file included).
 */
final class QueryDedup {
    /** A query chosen for a cluster and where it came from ({@code llm} or {@code fallback}). */
    record Query(String text, String source) {
    }

    /** The queries of each cluster, in cluster order, and how many candidates were repeats. */
    record Chosen(List<List<Query>> queries, int skipped) {
    }

    private QueryDedup() {
    }

    static Chosen choose(List<QueryCandidates> candidates, ResumedOutput existing, int perCluster) {
        // Sequential, in cluster order: a query already used (by an earlier cluster, or in the
        // resumed file) is skipped for the next candidate, so no query text repeats and no
        // (query, candidate) pair can get two labels.
        Set<String> used = new HashSet<>();
        for (RankingExample r : existing.records) {
            used.add(FallbackQueries.normalize(r.query()));
        }
        List<List<Query>> chosen = new ArrayList<>(candidates.size());
        int skipped = 0;
        for (QueryCandidates cand : candidates) {
            List<Query> qs = new ArrayList<>();
            for (String q : cand.llm()) {
                if (qs.size() < perCluster && used.add(FallbackQueries.normalize(q))) {
                    qs.add(new Query(q, "llm"));
                } else if (qs.size() < perCluster) {
                    skipped++;
                }
            }
            for (String q : cand.fallback()) {
                if (qs.size() >= perCluster) {
                    break;
                }
                if (used.add(FallbackQueries.normalize(q))) {
                    qs.add(new Query(q, "fallback"));
                } else {
                    skipped++;
                }
            }
            chosen.add(qs);
        }
        return new Chosen(chosen, skipped);
    }
}
