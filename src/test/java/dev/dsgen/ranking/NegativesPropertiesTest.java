package dev.dsgen.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dsgen.core.Progress;
import dev.dsgen.llm.LlmSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Over random deal graphs (few sectors, so same-sector and BM25 candidates are mostly cluster
 * members; few deals, so negatives run short), every strategy and seed: no deal of a cluster is
 * ever a negative for that cluster's own query, the positives are exactly the cluster, and a
 * query's negatives are distinct.
 */
class NegativesPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SECTORS = {"Software", "Healthcare Services", "Consumer"};

    @Property(tries = 40)
    void noClusterMemberIsANegativeForItsOwnQuery(@ForAll @Size(min = 2, max = 12) List<@IntRange(min = 0, max = 5) Integer> addOns,
                                                   @ForAll @IntRange(min = 0, max = 2) int sectorSpread,
                                                   @ForAll NegativeStrategy strategy,
                                                   @ForAll @IntRange(min = 1, max = 8) int negatives,
                                                   @ForAll long seed) throws IOException {
        Path dir = Files.createTempDirectory("dsgen-neg");
        try {
            Path input = Files.createDirectories(dir.resolve("deals"));
            Map<String, Set<String>> clusters = writeGraph(input, addOns, sectorSpread);
            RankingConfig cfg = RankingConfig.builder().input(input).output(dir.resolve("out.json"))
                    .summary(dir.resolve("summary.json")).clusters(addOns.size()).queriesPerCluster(3)
                    .negativesPerQuery(negatives).negativeStrategy(strategy).seed(seed).threads(1).overwrite(true)
                    .dryRun(true).llm(new LlmSettings(URI.create("http://127.0.0.1:9/v1"), "m", null, 1, Duration.ofSeconds(1), 0, 0, null,
                            Duration.ofMillis(1), Duration.ofMillis(1), seed)).build();
            new RankingQueries(cfg, Progress.NONE, null).run();
            JsonNode records = JSON.readTree(dir.resolve("out.json").toFile());
            Map<String, Set<String>> positives = new HashMap<>();
            Map<String, Set<String>> negativesOf = new HashMap<>();
            for (JsonNode r : records) {
                String cluster = r.path("cluster_id").asText();
                String key = cluster + "\u0000" + r.path("query").asText();
                String cand = r.path("candidate_id").asText();
                if (r.path("label").asInt() == 1) {
                    positives.computeIfAbsent(key, k -> new HashSet<>()).add(cand);
                } else {
                    assertFalse(clusters.get(cluster).contains(cand), () -> cand + " of cluster " + cluster + " is its negative");
                    assertTrue(negativesOf.computeIfAbsent(key, k -> new HashSet<>()).add(cand), "negatives of a query are distinct");
                }
            }
            int total = clusters.values().stream().mapToInt(Set::size).sum();
            for (Map.Entry<String, Set<String>> e : positives.entrySet()) {
                String cluster = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
                assertEquals(clusters.get(cluster), e.getValue(), "positives are exactly the cluster");
                int expected = Math.min(negatives, total - clusters.get(cluster).size());
                assertEquals(expected, negativesOf.getOrDefault(e.getKey(), Set.of()).size(),
                        "as many negatives as asked, or every non-member when the graph is small");
            }
            assertEquals(addOns.size() * 3, positives.size(), "3 queries for every cluster");
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Writes one platform per entry with that many add-ons; returns cluster id to member ids. */
    private static Map<String, Set<String>> writeGraph(Path dir, List<Integer> addOns, int sectorSpread) throws IOException {
        List<Map<String, Object>> deals = new ArrayList<>();
        Map<String, Set<String>> clusters = new LinkedHashMap<>();
        int n = 0;
        for (int p = 0; p < addOns.size(); p++) {
            String sector = SECTORS[p % (sectorSpread + 1)];
            String pid = "P" + p;
            deals.add(deal(pid, "Platform " + p, "platform", sector, null));
            Set<String> members = new HashSet<>(Set.of(pid));
            for (int a = 0; a < addOns.get(p); a++) {
                String aid = "A" + (n++);
                deals.add(deal(aid, "Addon " + aid, "add_on", sector, pid));
                members.add(aid);
            }
            clusters.put(pid, members);
        }
        Files.writeString(dir.resolve("deals.json"), JSON.writeValueAsString(Map.of("deals", deals)));
        return clusters;
    }

    private static Map<String, Object> deal(String id, String name, String kind, String sector, String platform) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("kind", kind);
        m.put("sector", sector);
        m.put("region", "Midwest");
        m.put("year", 2018);
        m.put("size_band", "$25-100M");
        m.put("description", name + " provides " + sector.toLowerCase() + " in Ohio.");
        if (platform != null) {
            m.put("platform_id", platform);
        }
        return m;
    }
}
