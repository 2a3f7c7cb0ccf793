package dev.dsgen.ranking;

import dev.dsgen.core.Rng;
import dev.dsgen.core.Seeds;
import dev.dsgen.ranking.QueryDedup.Query;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Labels one cluster's queries: the cluster's deals 1, then the negatives {@code
 * --negative-strategy} draws 0 (BM25 hits, same sector, random, each falling back to the next),
 * each record with its BM25 rank; and the query's recall and reciprocal rank for the summary.
 */
final class ClusterLabeler {
    private static final long NEGATIVES = Seeds.stream("ranking.negatives");

    private final RankingConfig cfg;
    private final Bm25Index index;
    private final NegativeSampler negatives;

    ClusterLabeler(RankingConfig cfg, Bm25Index index, NegativeSampler negatives) {
        this.cfg = cfg;
        this.index = index;
        this.negatives = negatives;
    }

    static Set<String> ids(Cluster c) {
        Set<String> s = new HashSet<>();
        for (Deal d : c.members()) {
            s.add(d.id());
        }
        return s;
    }

    /** The labeled records of one cluster's queries: its members as positives, then the negatives. */
    void label(Cluster c, List<Query> queries, List<RankingExample> out, List<double[]> metrics) {
        Set<String> members = ids(c);
        List<Deal> memberList = c.members();
        for (int qi = 0; qi < queries.size(); qi++) {
            Query q = queries.get(qi);
            List<String> hits = index.search(q.text(), 10 + members.size() + cfg.negativesPerQuery());
            metrics.add(Bm25Index.recallAndRr(hits, members));
            Map<String, Integer> rank = new HashMap<>();
            for (int i = 0; i < hits.size(); i++) {
                rank.putIfAbsent(hits.get(i), i + 1);
            }
            for (Deal d : memberList) {
                out.add(new RankingExample(q.text(), d.id(), 1, c.id(), meta(q, qi, d, null, rank)));
            }
            Rng rng = Seeds.rng(cfg.seed(), NEGATIVES, Seeds.hash(c.id() + "#" + qi));
            Set<String> taken = new HashSet<>();
            int bm25Next = 0;
            for (int s = 0; s < cfg.negativesPerQuery(); s++) {
                NegativeStrategy strategy = cfg.negativeStrategy().slot(s);
                String id = null;
                if (strategy == NegativeStrategy.BM25) {
                    while (bm25Next < hits.size() && id == null) {
                        String h = hits.get(bm25Next++);
                        if (!members.contains(h) && !taken.contains(h)) {
                            id = h;
                        }
                    }
                    if (id == null) {
                        strategy = NegativeStrategy.SECTOR;
                    }
                }
                if (id == null && strategy == NegativeStrategy.SECTOR) {
                    id = negatives.sector(c.platform().sector(), members, taken, rng);
                    if (id == null) {
                        strategy = NegativeStrategy.RANDOM;
                    }
                }
                if (id == null) {
                    id = negatives.random(members, taken, rng);
                }
                if (id == null) {
                    break; // the graph has no other deal left
                }
                taken.add(id);
                out.add(new RankingExample(q.text(), id, 0, c.id(), meta(q, qi, negatives.graph.deal(id), strategy, rank)));
            }
        }
    }

    private static Map<String, Object> meta(Query q, int qi, Deal d, NegativeStrategy strategy, Map<String, Integer> rank) {
        Map<String, Object> m = new TreeMap<>();
        m.put("source", q.source());
        m.put("query_index", qi);
        m.put("candidate_kind", d.kind().key());
        if (strategy != null) {
            m.put("negative_strategy", strategy.key());
        }
        Integer r = rank.get(d.id());
        if (r != null) {
            m.put("bm25_rank", r);
        }
        return m;
    }
}
