package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dsgen.entities.EntityTestSupport.Run;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same flags: byte-identical data files whatever {@code threads} is; metadata differs
 * only in its {@code run} section. The sources are large enough (leads over the 4096-record chunk)
 * that two threads really generate chunks concurrently.
 */
class DeterminismTest {
    private static final long SEED = 20240501L;
    private static Path dir;
    private static Map<String, String> oneThread;
    private static Map<String, JsonNode> oneThreadJson;
    private static Map<String, String> twoThreads;
    private static Map<String, JsonNode> twoThreadsJson;
    private static Run twoThreadRun;

    @BeforeAll
    static void runTwice() throws IOException {
        dir = EntityTestSupport.newDir("determinism");
        SynthConfig cfg = EntityTestSupport.config(dir, SEED, 9000, 1200, 900, PiiMode.PLAIN, 1);
        EntityTestSupport.run(cfg);
        oneThread = hashes(cfg);
        oneThreadJson = jsons(cfg);
        // Same paths (the metadata names them), same flags, other thread count.
        twoThreadRun = EntityTestSupport.run(EntityTestSupport.withThreads(cfg, 2));
        twoThreads = hashes(cfg);
        twoThreadsJson = jsons(cfg);
    }

    @Test
    void dataFilesAreByteIdenticalWithOneOrTwoThreads() {
        assertEquals(7, oneThread.size(), oneThread.keySet().toString());
        assertEquals(oneThread, twoThreads);
    }

    @Test
    void summaryIsIdenticalWithOneOrTwoThreads() {
        assertEquals(oneThreadJson.get("summary"), twoThreadsJson.get("summary"));
    }

    @Test
    void metadataDiffersOnlyInItsRunSection() {
        for (String key : new String[] {"synth/_metadata.json", "pairs/_metadata.json"}) {
            ObjectNode a = (ObjectNode) oneThreadJson.get(key).deepCopy();
            ObjectNode b = (ObjectNode) twoThreadsJson.get(key).deepCopy();
            assertTrue(a.has("run") && b.has("run"), key + " has a run section");
            assertEquals(1, a.get("run").get("threads").asInt());
            assertEquals(2, b.get("run").get("threads").asInt());
            a.remove("run");
            b.remove("run");
            assertEquals(a, b, key + " without run");
            // The sidecar names each output with the hash of the bytes actually written.
            // Paths are relative to the sidecar's folder (synth/ or pairs/ under the run directory).
            Path sidecarDir = Path.of("run", key).getParent();
            for (JsonNode out : a.get("outputs")) {
                String path = out.get("path").asText();
                Path resolved = sidecarDir.resolve(path).normalize();
                String name = resolved.getFileName().toString();
                String parent = resolved.getParent().getFileName().toString();
                if (oneThread.containsKey(parent + "/" + name)) {
                    assertEquals(oneThread.get(parent + "/" + name), out.get("sha256").asText(), path);
                } else {
                    assertTrue(name.endsWith(".json"), "only the summary is not a data file: " + path);
                }
            }
            assertEquals(8, a.get("outputs").size(), "7 data files and the summary");
            assertEquals(SEED, a.get("seed").asLong());
        }
    }

    @Test
    void aDifferentSeedGivesDifferentLeads() throws IOException {
        Path other = EntityTestSupport.newDir("determinism-other");
        Run run = EntityTestSupport.run(EntityTestSupport.config(other, SEED + 1, 9000, 1200, 900, PiiMode.PLAIN, 2));
        assertNotEquals(oneThread.get("synth/leads.csv"), sha256(run.records(Source.LEADS)));
        // Not just a different order or a different id column: the people differ.
        String a = Files.readString(twoThreadRun.records(Source.LEADS));
        String b = Files.readString(run.records(Source.LEADS));
        String firstEmailA = a.split("\n")[1].split(",")[1];
        assertFalse(b.contains(firstEmailA + ","), firstEmailA);
        EntityTestSupport.deleteTree(other);
    }

    @Test
    void theSameSeedInAnotherDirectoryGivesTheSameDataFiles() {
        Path other = EntityTestSupport.newDir("determinism-elsewhere");
        SynthConfig cfg = EntityTestSupport.config(other, SEED, 9000, 1200, 900, PiiMode.PLAIN, 3);
        EntityTestSupport.run(cfg);
        assertEquals(oneThread, hashes(cfg));
        EntityTestSupport.deleteTree(other);
    }

    /** SHA-256 of every data file (CSV and Parquet), keyed by folder/name. */
    private static Map<String, String> hashes(SynthConfig cfg) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Path p : EntityTestSupport.outputPaths(cfg)) {
            String name = p.getFileName().toString();
            if (name.endsWith(".csv") || name.endsWith(".parquet")) {
                m.put(p.getParent().getFileName() + "/" + name, sha256(p));
            }
        }
        return m;
    }

    private static Map<String, JsonNode> jsons(SynthConfig cfg) throws IOException {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        m.put("synth/_metadata.json", Json.MAPPER.readTree(cfg.outputs().outdir().resolve("_metadata.json").toFile()));
        m.put("pairs/_metadata.json", Json.MAPPER.readTree(cfg.outputs().pairsOut().resolve("_metadata.json").toFile()));
        m.put("summary", Json.MAPPER.readTree(cfg.outputs().summary().toFile()));
        return m;
    }
}
