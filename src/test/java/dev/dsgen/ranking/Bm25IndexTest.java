package dev.dsgen.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
                    assertEquals(index.searchLucene(q, k), index.search(q, k), "query '" + q + "', k " + k);
                    compared++;
                }
            }
            // Broad single-term queries tie on score: the lower document (earlier id) must win, as in Lucene.
            List<String> all = index.search("platform", 100_000);
            assertTrue(all.size() > 50, "a common term matches many deals: " + all.size());
        }
        assertTrue(compared > 1000, "compared " + compared);
    }
}
