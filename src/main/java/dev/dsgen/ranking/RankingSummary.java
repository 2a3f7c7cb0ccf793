package dev.dsgen.ranking;

import dev.dsgen.core.Version;
import dev.dsgen.validate.ValidationReport;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The quality report of a ranking dataset: label balance, duplicate-query rate, queries by source
 * (llm or fallback), negatives by strategy, and difficulty as BM25 recall@10 and MRR@10 of the
 * positives over the whole graph (high: BM25 alone already ranks the right deals first).
 */
public final class RankingSummary {
    private RankingSummary() {
    }

    static Map<String, Object> build(RankingConfig cfg, DealGraph graph, Map<String, Object> clusters,
                                     List<RankingExample> records, List<double[]> metrics, int skipped,
                                     Map<String, Object> llm, List<String> warnings, ValidationReport report,
                                     boolean complete) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "dsgen " + Version.get());
        m.put("seed", cfg.seed());
        m.put("complete", complete);
        m.put("graph", graph.counts());
        m.put("clusters", clusters);
        m.put("quality", quality(records, metrics, skipped));
        m.put("llm", llm);
        m.put("warnings", warnings);
        m.put("validation", report.toMap());
        return m;
    }

    static Map<String, Object> quality(List<RankingExample> records, List<double[]> metrics, int skipped) {
        long pos = 0;
        Map<String, Long> negByStrategy = new TreeMap<>();
        Map<String, Long> bySource = new TreeMap<>();
        bySource.put("fallback", 0L);
        bySource.put("llm", 0L);
        Set<String> queryKeys = new HashSet<>();
        Set<String> texts = new HashSet<>();
        long queries = 0;
        for (RankingExample r : records) {
            if (r.label() == 1) {
                pos++;
            } else {
                negByStrategy.merge(String.valueOf(r.metadata().get("negative_strategy")), 1L, Long::sum);
            }
            if (queryKeys.add(r.clusterId() + "\u0000" + r.query())) {
                queries++;
                texts.add(FallbackQueries.normalize(r.query()));
                bySource.merge(String.valueOf(r.metadata().get("source")), 1L, Long::sum);
            }
        }
        double recall = 0;
        double mrr = 0;
        for (double[] x : metrics) {
            recall += x[0];
            mrr += x[1];
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("examples", records.size());
        q.put("positives", pos);
        q.put("negatives", records.size() - pos);
        q.put("positive_share", round(ratio(pos, records.size())));
        q.put("queries", queries);
        q.put("distinct_queries", texts.size());
        q.put("duplicate_query_rate", round(1 - ratio(texts.size(), queries)));
        q.put("queries_by_source", bySource);
        q.put("candidate_queries_skipped_as_duplicates", skipped);
        q.put("negatives_by_strategy", negByStrategy);
        Map<String, Object> bm25 = new LinkedHashMap<>();
        bm25.put("queries", metrics.size());
        bm25.put("recall_at_10", round(metrics.isEmpty() ? 0 : recall / metrics.size()));
        bm25.put("mrr_at_10", round(metrics.isEmpty() ? 0 : mrr / metrics.size()));
        q.put("bm25_difficulty", bm25);
        return q;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : a / (double) b;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** A few lines for the terminal, then the validation report. */
    @SuppressWarnings("unchecked")
    public static void print(Map<String, Object> s, Map<String, Object> usage, ValidationReport report, RankingConfig cfg,
                             PrintWriter out) {
        Map<String, Object> q = (Map<String, Object>) s.get("quality");
        Map<String, Object> c = (Map<String, Object>) s.get("clusters");
        Map<String, Object> bm25 = (Map<String, Object>) q.get("bm25_difficulty");
        Map<String, Object> llm = (Map<String, Object>) s.get("llm");
        out.printf(Locale.ROOT, "ranking-queries: %s clusters (%s in graph; %s from the existing output), %s queries, %s examples%n",
                c.get("selected"), c.get("in_graph"), c.get("from_existing_output"), q.get("queries"), q.get("examples"));
        out.printf(Locale.ROOT, "  labels:      %s positive, %s negative (positive share %.1f%%)%n", q.get("positives"),
                q.get("negatives"), 100 * (double) q.get("positive_share"));
        out.printf(Locale.ROOT, "  queries:     %s distinct (duplicate rate %.2f%%), by source %s%n", q.get("distinct_queries"),
                100 * (double) q.get("duplicate_query_rate"), q.get("queries_by_source"));
        out.printf(Locale.ROOT, "  negatives:   %s%n", q.get("negatives_by_strategy"));
        out.printf(Locale.ROOT, "  difficulty:  BM25 recall@10 %.3f, MRR@10 %.3f (%s queries)%n", (double) bm25.get("recall_at_10"),
                (double) bm25.get("mrr_at_10"), bm25.get("queries"));
        out.printf(Locale.ROOT, "  llm:         %s, model %s: %s requests, %s cache hits, %s retries, %s fallbacks, %s+%s tokens%n",
                llm.get("mode"), llm.get("model"), usage.get("calls"), usage.get("cache_hits"), usage.get("retries"),
                usage.get("fallbacks"), usage.get("prompt_tokens"), usage.get("completion_tokens"));
        out.printf(Locale.ROOT, "  wrote:       %s (+ %s), summary %s%n", cfg.output(), cfg.sidecar().getFileName(), cfg.summary());
        report.print(out);
    }
}
