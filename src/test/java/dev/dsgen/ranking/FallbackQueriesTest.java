package dev.dsgen.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.Seeds;
import dev.dsgen.tools.DealSampleGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline query writer: varied, specific, and distinct across clusters before any de-duplication. */
class FallbackQueriesTest {
    @TempDir
    Path tmp;

    @Test
    void firstChoicesAreAtLeast95PercentDistinctAndNameTheirCluster() throws IOException {
        DealSampleGenerator.write(tmp, 1000, 3);
        DealGraph graph = DealGraph.load(tmp);
        Set<String> distinct = new HashSet<>();
        Set<String> shapes = new HashSet<>();
        int total = 0;
        for (Cluster c : graph.clusters()) {
            List<String> qs = FallbackQueries.write(c, Seeds.rng(42, 1, Seeds.hash(c.id())), 12);
            assertTrue(qs.size() >= 5, () -> c.id() + " has only " + qs);
            for (String q : qs.subList(0, 3)) {
                total++;
                distinct.add(FallbackQueries.normalize(q));
                shapes.add(q.split(" ")[0].toLowerCase(Locale.ROOT));
                int words = q.split(" ").length;
                assertTrue(words >= 2 && words <= 20 && !q.contains("null") && q.equals(q.strip()), q);
                String lower = q.toLowerCase(Locale.ROOT);
                Deal p = c.platform();
                boolean specific = lower.contains(p.region().toLowerCase(Locale.ROOT)) || lower.contains(String.valueOf(p.year()))
                        || lower.contains(String.valueOf(p.year() - 1)) || lower.contains(p.name().toLowerCase(Locale.ROOT))
                        || p.sponsor() != null && lower.contains(p.sponsor().toLowerCase(Locale.ROOT))
                        || c.addOns().stream().anyMatch(a -> lower.contains(a.name().toLowerCase(Locale.ROOT))
                        || lower.contains(a.region().toLowerCase(Locale.ROOT)))
                        || c.events().stream().anyMatch(e -> lower.contains(String.valueOf(e.year()))
                        || lower.contains((e.year() - 1) + "-" + (e.year() + 1)));
                assertTrue(specific, () -> "'" + q + "' names nothing of cluster " + c.id());
            }
        }
        assertEquals(3000, total);
        assertTrue(distinct.size() >= 0.95 * total, "distinct first choices: " + distinct.size() + " of " + total);
        assertTrue(shapes.size() >= 25, "opening words: " + shapes);
    }

    @Test
    void theBusinessLineIsReadFromTheDescription() {
        assertEquals("commercial HVAC maintenance", FallbackQueries.line("Acme provides commercial HVAC maintenance across Ohio."));
        assertEquals("dermatology practices", FallbackQueries.line("Founded in 1990, Acme is a leading provider of dermatology practices in Texas."));
        assertEquals(null, FallbackQueries.line("A company."));
    }
}
