package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.count;
import static dev.dsgen.entities.EntityTestSupport.query;
import static dev.dsgen.entities.EntityTestSupport.sqlPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.entities.EntityTestSupport.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * No entity leaks across train/valid/test: for random seeds, the pair files (read with DuckDB)
 * joined to truth.csv put every entity in exactly one split.
 */
class SplitLeakagePropertiesTest {

    @Property(tries = 10)
    void everyEntityOfEveryPairLandsInExactlyOneSplit(@ForAll long seed,
                                                      @ForAll @IntRange(min = 250, max = 450) int leads) {
        Path dir = EntityTestSupport.newDir("split");
        try {
            Run run = EntityTestSupport.run(EntityTestSupport.config(dir, seed, leads, 250, 200, PiiMode.PLAIN, 1));
            String pairs = "SELECT src_a, id_a, src_b, id_b, y, split, '" + Split.NAMES[0] + "' AS file FROM read_parquet("
                    + sqlPath(run.pairs(Split.NAMES[0])) + ")"
                    + " UNION ALL SELECT src_a, id_a, src_b, id_b, y, split, '" + Split.NAMES[1] + "' FROM read_parquet("
                    + sqlPath(run.pairs(Split.NAMES[1])) + ")"
                    + " UNION ALL SELECT src_a, id_a, src_b, id_b, y, split, '" + Split.NAMES[2] + "' FROM read_parquet("
                    + sqlPath(run.pairs(Split.NAMES[2])) + ")";
            String truth = "SELECT * FROM read_csv(" + sqlPath(run.truth()) + ", header=true, all_varchar=true)";
            String sides = "WITH p AS (" + pairs + "), t AS (" + truth + ") "
                    + "SELECT ta.entity_id AS entity, p.file FROM p JOIN t ta ON ta.source = p.src_a AND ta.id = p.id_a "
                    + "UNION ALL SELECT tb.entity_id, p.file FROM p JOIN t tb ON tb.source = p.src_b AND tb.id = p.id_b";
            long pairCount = count("SELECT count(*) FROM (" + pairs + ")");
            assertTrue(pairCount > 0, "pairs were written");
            // Every pair side names a record that is in the truth.
            assertEquals(2 * pairCount, count("SELECT count(*) FROM (" + sides + ")"));
            // The split column agrees with the file the row is in.
            assertEquals(0, count("SELECT count(*) FROM (" + pairs + ") WHERE split <> file"));
            List<Map<String, String>> leaked = query("SELECT entity, count(DISTINCT file) AS n, string_agg(DISTINCT file, ',') AS files"
                    + " FROM (" + sides + ") GROUP BY entity HAVING count(DISTINCT file) > 1 ORDER BY entity LIMIT 5");
            assertEquals(List.of(), leaked, "entities in more than one split (seed " + seed + ")");
            // And the split is the documented function of (seed, the entity's group).
            Split split = new Split(70, 15, 15);
            PersonFactory persons = new PersonFactory(seed, ReferenceData.get(), LocaleMix.US_CA, 2025);
            for (Map<String, String> row : query("SELECT DISTINCT entity, file FROM (" + sides + ")")) {
                int entity = Integer.parseInt(row.get("entity").substring(1));
                assertEquals(Split.NAMES[split.of(seed, persons.groupOf(entity))], row.get("file"), row.toString());
            }
        } finally {
            EntityTestSupport.deleteTree(dir);
        }
    }

    @Property(tries = 50)
    void splitOfAnEntityIsStableAndFollowsThePercentages(@ForAll long seed) {
        Split split = new Split(70, 15, 15);
        int[] counts = new int[3];
        for (int e = 0; e < 4000; e++) {
            int s = split.of(seed, e);
            assertEquals(s, split.of(seed, e));
            counts[s]++;
        }
        assertTrue(Math.abs(counts[0] / 4000.0 - 0.70) < 0.04, "train share " + counts[0]);
        assertTrue(Math.abs(counts[1] / 4000.0 - 0.15) < 0.03, "valid share " + counts[1]);
        assertTrue(Math.abs(counts[2] / 4000.0 - 0.15) < 0.03, "test share " + counts[2]);
    }
}
