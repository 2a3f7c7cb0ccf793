package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small runs of every generator whose data files are pinned by SHA-256, so that any change of
 * output bytes fails the build. A change that alters bytes on purpose updates the hashes here in
 * the same commit and says why in its message. Sidecars are left out: their {@code run} section
 * is not reproducible by design, and their file lists are checked by the run tests.
 */
class GoldenRunsTest {
    @TempDir
    Path dir;

    @Test
    void synthEntitiesDevRun() throws IOException {
        String out = dir.resolve("synth").toString();
        String pairs = dir.resolve("pairs").toString();
        CliRun.inProcess("synth-entities", "-q", "--dev", "--seed", "1", "--threads", "2", "--outdir", out,
                "--pairs-out", pairs, "--summary", dir.resolve("synth_summary.json").toString()).assertExit(0);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("synth/leads.csv", "283a9ce96795e562221a095062b72f5e94ff4c277e0ace5ece28cbf4b30b6819");
        expected.put("synth/sales.csv", "6e0c9bcc8394250b302208c9ffafb39a5287fab8ac9a63b30a6506ed95335801");
        expected.put("synth/financial.csv", "d0f4614da3b277d8365de2ee15770ee491d031a21fdaa4f53f5b867e18a87612");
        expected.put("synth/truth.csv", "7df6a39180dc6e4cf2892e46ca949d88c1ebfedc4588c3871953b7441cac03a4");
        expected.put("pairs/train.parquet", "6fb088268c50670962eea342746d295034db1fcb5b7aa761aa8d6078ad7cc8b2");
        expected.put("pairs/valid.parquet", "135da156f8fb8a15b1216b1343b8039331cc01692c4862320184d30de7d9afe0");
        expected.put("pairs/test.parquet", "7af8e263892b85bf2ef02474b1dfe2241908a60ec56388968b79443b06d3ed72");
        expected.put("synth_summary.json", "5745b8b64e340fde1069c4831629a0c6fdacc30ffd74f99f6bfff72afcc24097");
        assertHashes(expected);
    }

    @Test
    void rankingQueriesSampleDryRun() throws IOException {
        CliRun.inProcess("ranking-queries", "-q", "--input", Path.of("samples/deals").toString(), "--dry-run",
                "--output", dir.resolve("r/ranking.json").toString(), "--summary", dir.resolve("r/summary.json").toString(),
                "--llm-cache", dir.resolve("cache").toString()).assertExit(0);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("r/ranking.json", "e36563ed0b946b63b589f76baabca81086897e4e453f62f833325ddc3b8fe30a");
        expected.put("r/summary.json", "2e19b18cf08cc5f4157047e50821dffa5024fbffe4ed84635332a2ebb5c9eb9e");
        assertHashes(expected);
    }

    @Test
    void plannerSimulateThenBuild() throws IOException {
        String db = "jdbc:duckdb:" + dir.resolve("planner.duckdb");
        CliRun.inProcess("planner-dataset", "simulate", "-q", "--households", "60", "--days", "8", "--db", db)
                .assertExit(0);
        CliRun.inProcess("planner-dataset", "build", "-q", "--date", "2025-01-08", "--db", db,
                "--out", dir.resolve("ds").toString(), "--min-rows", "10").assertExit(0);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ds/date=2025-01-08/training.parquet", "7ad11154dcf250cd1e67e8e5acb75041f2aa26af9ada30553d33299a49658a57");
        expected.put("ds/date=2025-01-08/_schema.json", "206cce000aa37c0d3ecd836eac6b986f8210c6051c69a0a0d1e6fe5d3b1f9ae8");
        expected.put("ds/date=2025-01-08/_dataset_summary.md", "cf3b04ffea49ac38f44632112e2591eecf8571f2c394969b60642bacec139f3b");
        assertHashes(expected);
    }

    private void assertHashes(Map<String, String> expected) throws IOException {
        Map<String, String> actual = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            Path p = dir.resolve(name);
            if (!Files.exists(p)) {
                actual.put(name, "(missing)");
            } else if (name.endsWith(".md")) {
                // the summary names the database it read, which lies in this test's temp folder
                actual.put(name, DigestUtils.sha256Hex(Files.readString(p).replaceAll("(?m)^- source: .*$", "- source: X")));
            } else {
                actual.put(name, DigestUtils.sha256Hex(Files.readAllBytes(p)));
            }
        }
        assertEquals(expected, actual, "output bytes changed: if on purpose, update the pinned hashes and say why");
    }
}
