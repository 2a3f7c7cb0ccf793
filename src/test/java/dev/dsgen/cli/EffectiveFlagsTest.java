package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.tools.FakeLlmServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The sidecar's {@code flags}: every option of the command with the value it had in effect, and
 * never a secret (API key, PII salt, a password in a URL), whatever option or file carried it.
 */
class EffectiveFlagsTest {
    private static final String SALT = "pepper-SECRET-5150";
    private static final String KEY = "sk-SECRET-0451";
    private static final String PASSWORD = "pw-SECRET-1337";

    @TempDir
    Path tmp;

    /** Long names without dashes of every option of {@code command} but help and version. */
    private static Set<String> options(String... command) {
        CommandLine cmd = Dsgen.createCommandLine();
        for (String name : command) {
            cmd = cmd.getSubcommands().get(name);
        }
        Set<String> keys = new TreeSet<>();
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                keys.add(o.longestName().replaceFirst("^-+", ""));
            }
        }
        return keys;
    }

    private static Set<String> keys(JsonNode flags) {
        Set<String> keys = new TreeSet<>();
        flags.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static JsonNode assertNoSecret(Path sidecar, String... secrets) throws IOException {
        String text = Files.readString(sidecar);
        for (String s : secrets) {
            assertFalse(text.contains(s), sidecar + " holds a secret:\n" + text);
        }
        return RankingLayout.read(sidecar);
    }

    @Test
    void synthEntitiesRecordsEveryOptionAndNoSalt() throws IOException {
        Path saltFile = Files.writeString(tmp.resolve("salt.txt"), SALT + "\n");
        SynthLayout out = new SynthLayout(tmp);
        CliRun.inProcess(out.args("--dev", "-q", "--pii", "hashed", "--pii-salt-file", saltFile.toString(),
                "--threads", "2")).assertExit(0);
        for (Path sidecar : List.of(out.outdir.resolve("_metadata.json"), out.pairs.resolve("_metadata.json"))) {
            JsonNode flags = assertNoSecret(sidecar, SALT).path("flags");
            assertEquals(options("synth-entities"), keys(flags));
            assertEquals(1000, flags.path("n-leads").asInt(), "the count --dev put in effect");
            assertEquals("hashed", flags.path("pii").asText());
            assertEquals("US+CA", flags.path("locale").asText());
            assertEquals("70/15/15", flags.path("split").asText());
            assertEquals(2, flags.path("threads").asInt());
            assertEquals("2025-01-01T00:00:00Z", flags.path("reference-time").asText());
            assertEquals(saltFile.toString(), flags.path("pii-salt-file").asText(), "the file's name, not its content");
            assertEquals(true, flags.path("overwrite").asBoolean());
        }
    }

    @Test
    void synthEntitiesNamesTheBundledSchema() throws IOException {
        SynthLayout out = new SynthLayout(tmp);
        CliRun.inProcess("synth-entities", "--dev", "-q", "--outdir", out.outdir.toString(), "--pairs-out",
                out.pairs.toString(), "--summary", out.summary.toString()).assertExit(0);
        assertEquals("bundled schema (same as samples/automotive_schemas.json)",
                RankingLayout.read(out.outdir.resolve("_metadata.json")).path("flags").path("schema").asText());
    }

    @Test
    void rankingQueriesRecordsEveryOptionAndNoKey() throws IOException {
        Path keyFile = Files.writeString(tmp.resolve("key.txt"), KEY + "\n");
        RankingLayout out = new RankingLayout(tmp);
        try (FakeLlmServer server = FakeLlmServer.good(0)) {
            CliRun.inProcess(out.args("-q", "--clusters", "20", "--llm-base-url", server.baseUrl(), "--llm-model", "m1",
                    "--llm-api-key-file", keyFile.toString(), "--negative-strategy", "BM25")).assertExit(0);
        }
        JsonNode flags = assertNoSecret(out.sidecar, KEY).path("flags");
        assertEquals(options("ranking-queries"), keys(flags));
        assertEquals("bm25", flags.path("negative-strategy").asText());
        assertEquals("m1", flags.path("llm-model").asText());
        assertEquals(false, flags.path("dry-run").asBoolean());
    }

    @Test
    void rankingQueriesDryRunRecordsTheEffectiveEndpoint() throws IOException {
        RankingLayout out = new RankingLayout(tmp);
        CliRun.inProcess(out.args("-q", "--dry-run", "--clusters", "20")).assertExit(0);
        JsonNode flags = RankingLayout.read(out.sidecar).path("flags");
        assertEquals(options("ranking-queries"), keys(flags));
        assertEquals(true, flags.path("dry-run").asBoolean());
        assertEquals(false, flags.path("llm-base-url").isNull(), "the URL a real run would use");
    }

    @Test
    void buildRecordsEveryOptionAndNoPassword() throws IOException {
        String db = "jdbc:duckdb:" + tmp.resolve("events.duckdb");
        CliRun.inProcess("planner-dataset", "simulate", "-q", "--households", "60", "--days", "8", "--db", db)
                .assertExit(0);
        List<String> args = new ArrayList<>(List.of("planner-dataset", "build", "-q", "--date", "2025-01-08", "--db", db,
                "--out", tmp.resolve("ds").toString(), "--min-rows", "10", "--pantry-max-staleness", "72h",
                "--mlflow-uri", "http://tracker:" + PASSWORD + "@127.0.0.1:9/mlflow", "--mlflow-optional"));
        CliRun.inProcess(args.toArray(String[]::new)).assertExit(0);
        JsonNode flags = assertNoSecret(tmp.resolve("ds/date=2025-01-08/_metadata.json"), PASSWORD).path("flags");
        assertEquals(options("planner-dataset", "build"), keys(flags));
        assertEquals("72h", flags.path("pantry-max-staleness").asText());
        assertEquals("2025-01-01", flags.path("start").asText(), "the window --lookback-days put in effect");
        assertEquals("2025-01-08", flags.path("end").asText());
        assertEquals("http://127.0.0.1:9/mlflow", flags.path("mlflow-uri").asText());
        assertEquals("DuckDB file " + tmp.resolve("events.duckdb"), flags.path("db").asText());
    }

    @CommandLine.Command(name = "probe")
    static final class Probe {
        @CommandLine.Option(names = "--url")
        String url;

        @CommandLine.Option(names = {"-n", "--count"}, defaultValue = "3")
        int count;
    }

    @Test
    void aUrlNoSanitiserSawIsHiddenIfItHoldsCredentials() {
        CommandLine cmd = new CommandLine(new Probe());
        cmd.parseArgs("--url", "jdbc:postgresql://db/x?user=a&password=" + PASSWORD);
        var flags = EffectiveFlags.of(cmd.getCommandSpec()).toMap();
        assertFalse(flags.toString().contains(PASSWORD), flags::toString);
        assertEquals(3, flags.get("count"), "defaults are recorded, under the long name");
        cmd.parseArgs("--url", "http://u:" + PASSWORD + "@host/");
        assertFalse(EffectiveFlags.of(cmd.getCommandSpec()).toMap().toString().contains(PASSWORD));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EffectiveFlags.of(cmd.getCommandSpec()).resolved("--no-such-option", 1));
    }
}
