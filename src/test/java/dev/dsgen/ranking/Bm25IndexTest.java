package dev.dsgen.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.junit.jupiter.api.Test;

/**
 * {@link Bm25Index#search} scores from postings read once; it must give exactly what Lucene's
 * {@code IndexSearcher} gives for the same query (same ids, same order, ties included).
 */
class Bm25IndexTest {
    @Test
    void searchGivesLuceneTopKOnTheSampleGraph() {
        DealGraph graph = DealGraph.load(Path.of("samples/deals"));
        List<String> queries = new ArrayList<>(List.of("software", "zzz unknown words", "", "the of and",
                "platform", "add-on acquisition", "2021", "healthcare services platform in the Midwest 2019"));
        long seed = 1;
        for (Cluster c : graph.clusters()) {
            queries.addAll(FallbackQueries.write(c, new Rng(seed++), 12));
        }
        int compared = 0;
        try (Bm25Index index = new Bm25Index(graph)) {
            for (String q : queries) {
                for (int k : new int[] {1, 10, 17, 60, 100_000}) {
                    assertEquals(lucene(index, q, k), index.search(q, k), "query '" + q + "', k " + k);
                    compared++;
                }
            }
            // Broad single-term queries tie on score: the lower document (earlier id) must win, as in Lucene.
            List<String> all = index.search("platform", 100_000);
            assertTrue(all.size() > 50, "a common term matches many deals: " + all.size());
        }
        assertTrue(compared > 1000, "compared " + compared);
    }

    /** The same top k through Lucene's own {@code IndexSearcher} over the index's reader: the reference. */
    private static List<String> lucene(Bm25Index index, String query, int k) {
        java.util.Set<String> terms = index.terms(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        IndexSearcher searcher = new IndexSearcher(index.reader());
        searcher.setSimilarity(new BM25Similarity());
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) {
            b.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD);
        }
        try {
            // Hit counting stops at k, so MaxScore skips documents that cannot reach the top k.
            TopDocs top = searcher.search(b.build(), new TopScoreDocCollectorManager(k, null, k, false));
            List<String> ids = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                ids.add(index.idOf(sd.doc));
            }
            return ids;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
