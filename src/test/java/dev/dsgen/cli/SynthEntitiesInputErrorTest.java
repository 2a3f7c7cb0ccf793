package dev.dsgen.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit 3: missing or malformed input files (schema, config, PII salt file). Each case: one
 * {@code dsgen:} line naming the file and the flag, nothing on stdout, no output written.
 */
class SynthEntitiesInputErrorTest {
    @TempDir
    Path tmp;

    private CliRun runWithSchema(Path schema, int code, String... named) {
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.withSchema(schema, "--dev", "--quiet")).assertFails(code, named);
        out.assertNoOutputs(run);
        return run;
    }

    @Test
    void missingSchemaNamesThePathAndTheFlag() {
        Path missing = tmp.resolve("no-such-schema.json");
        runWithSchema(missing, 3, missing.toString(), "--schema");
    }

    @Test
    void schemaThatIsADirectoryIsAnInputError() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("schema-dir"));
        runWithSchema(dir, 3, dir.toString(), "--schema");
    }

    @Test
    void malformedSchemaJsonNamesTheLine() throws IOException {
        Path schema = Files.writeString(tmp.resolve("broken.json"), "{\n  \"entities\": {\n    \"leads\": \n}\n");
        runWithSchema(schema, 3, schema.toString(), "line 4", "--schema");
    }

    @Test
    void unclosedArrayNamesWhereItOpenedWithoutJacksonsSourceNote() throws IOException {
        Path schema = Files.writeString(tmp.resolve("open.json"), "{\"leads\": [\n");
        CliRun run = runWithSchema(schema, 3, schema.toString(), "line 2", "--schema",
                "start marker at line 1, column 11");
        org.junit.jupiter.api.Assertions.assertFalse(run.err().contains("REDACTED") || run.err().contains("[Source"),
                run::err);
    }

    @Test
    void schemaThatIsNotJsonAtAllNamesTheLine() throws IOException {
        Path schema = Files.writeString(tmp.resolve("text.json"), "leads: id, email\n");
        runWithSchema(schema, 3, schema.toString(), "line 1", "--schema");
    }

    @Test
    void emptySchemaFileIsAnInputError() throws IOException {
        Path schema = Files.writeString(tmp.resolve("empty.json"), "");
        runWithSchema(schema, 3, schema.toString(), "--schema");
    }

    @Test
    void schemaWithAnUnknownFieldTypeNamesTheType() throws IOException {
        Path schema = Files.writeString(tmp.resolve("hologram.json"), """
                {
                  "entities": {
                    "leads": {
                      "fields": [
                        {"name": "id", "type": "id"},
                        {"name": "aura", "type": "hologram"}
                      ]
                    }
                  }
                }
                """);
        runWithSchema(schema, 3, "hologram", schema.toString(), "line 6", "--schema");
    }

    @Test
    void schemaWithAMisspelledFieldOptionNamesTheKeyAndLine() throws IOException {
        Path schema = Files.writeString(tmp.resolve("typo.json"), """
                {"entities": {"leads": {"fields": [
                  {"name": "id", "type": "id"},
                  {"name": "email", "type": "email", "nul_rate": 0.1}
                ]}}}
                """);
        runWithSchema(schema, 3, "nul_rate", schema.toString(), "line 3", "--schema");
    }

    @Test
    void schemaWithoutEntitiesNamesTheMissingKey() throws IOException {
        Path schema = Files.writeString(tmp.resolve("no-entities.json"), "{\"entitys\": {}}\n");
        runWithSchema(schema, 3, "entities", schema.toString(), "--schema");
    }

    @Test
    void enumFieldWithoutValuesIsAnInputError() throws IOException {
        Path schema = Files.writeString(tmp.resolve("enum.json"), """
                {"entities": {"leads": {"fields": [
                  {"name": "id", "type": "id"},
                  {"name": "channel", "type": "enum"}
                ]}}}
                """);
        runWithSchema(schema, 3, "channel", schema.toString(), "--schema");
    }

    @Test
    void missingPiiSaltFileNamesTheFileAndTheFlag() {
        SynthLayout out = new SynthLayout(tmp);
        Path salt = tmp.resolve("no-such-salt.txt");
        CliRun run = CliRun.inProcess(out.args("--dev", "--pii", "hashed", "--pii-salt-file", salt.toString()))
                .assertFails(3, salt.toString(), "--pii-salt-file");
        out.assertNoOutputs(run);
    }

    @Test
    void missingConfigFileNamesTheFileAndTheFlag() {
        SynthLayout out = new SynthLayout(tmp);
        Path config = tmp.resolve("no-such-config.json");
        CliRun run = CliRun.inProcess(out.args("--dev", "--config", config.toString()))
                .assertFails(3, config.toString(), "--config");
        out.assertNoOutputs(run);
    }

    @Test
    void malformedConfigJsonNamesTheLineAndTheFlag() throws IOException {
        Path config = Files.writeString(tmp.resolve("dsgen.json"), "{\n  \"n-leads\": 1200,\n  \"dev\": tru\n}\n");
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--config", config.toString()))
                .assertFails(3, config.toString(), "line 3", "--config");
        out.assertNoOutputs(run);
    }

    @Test
    void malformedConfigGivenAsConfigEqualsFileIsAlsoRead() throws IOException {
        Path config = Files.writeString(tmp.resolve("dsgen.json"), "[1, 2]\n");
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--config=" + config)).assertFails(3, config.toString(), "--config");
        out.assertNoOutputs(run);
    }

    @Test
    void configWithANestedValueIsAnInputErrorNamingTheKey() throws IOException {
        Path config = Files.writeString(tmp.resolve("dsgen.json"), "{\"split\": [70, 15, 15]}\n");
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--dev", "--config", config.toString()))
                .assertFails(3, "split", "--config");
        out.assertNoOutputs(run);
    }
}
