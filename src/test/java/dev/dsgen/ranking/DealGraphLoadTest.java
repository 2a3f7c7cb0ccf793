package dev.dsgen.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.DsgenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deal files parsed in parallel give the graph (and the error) a sequential load gives. */
class DealGraphLoadTest {
    @TempDir
    Path dir;

    @Test
    void parallelLoadGivesTheSameGraph() {
        DealGraph one = DealGraph.load(Path.of("samples/deals"), 1);
        DealGraph four = DealGraph.load(Path.of("samples/deals"), 4);
        assertTrue(one.sources().size() > 1, "the sample has several files");
        assertEquals(one.sources(), four.sources());
        assertEquals(one.counts(), four.counts());
        assertEquals(one.deals(), four.deals());
        assertEquals(one.clusters(), four.clusters());
    }

    @Test
    void theFirstBadFileByNameIsReported() throws IOException {
        Files.writeString(dir.resolve("a.json"), "[ {\"id\": ");
        Files.writeString(dir.resolve("b.json"), "{ not json");
        for (int threads : new int[] {1, 2, 8}) {
            DsgenException e = assertThrows(DsgenException.class, () -> DealGraph.load(dir, threads));
            assertTrue(e.getMessage().contains("a.json"), threads + " threads: " + e.getMessage());
        }
    }
}
