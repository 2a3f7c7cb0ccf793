package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --config FILE}: an error about a value the file supplied names the file and its key, never
 * a flag the user did not type; a malformed file names its line.
 */
class ConfigFileTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(List.of("synth-entities"), "{\"n-leads\": \"many\"}", "n-leads", "'many'"),
                Arguments.of(List.of("synth-entities"), "{\"n-leads\": 0}", "n-leads", "at least 1"),
                Arguments.of(List.of("synth-entities"), "{\"split\": \"60/30/20\"}", "split", "60/30/20"),
                Arguments.of(List.of("synth-entities"), "{\"pii\": \"scrambled\"}", "pii", "plain or hashed"),
                Arguments.of(List.of("synth-entities"), "{\"threads\": 0}", "threads", "between 1 and 256"),
                Arguments.of(List.of("synth-entities"), "{\"reference-time\": \"soon\"}", "reference-time", "'soon'"),
                Arguments.of(List.of("ranking-queries"), "{\"llm-concurrency\": 99}", "llm-concurrency", "1 and 64"),
                Arguments.of(List.of("ranking-queries"), "{\"negative-strategy\": \"x\"}", "negative-strategy", "bm25"),
                Arguments.of(List.of("planner-dataset", "build", "--date", "2025-01-08"), "{\"lookback-days\": -1}",
                        "lookback-days", "between 0 and 3660"),
                Arguments.of(List.of("planner-dataset", "build", "--date", "2025-01-08"),
                        "{\"pantry-max-staleness\": \"soon\"}", "pantry-max-staleness", "72h"),
                Arguments.of(List.of("planner-dataset", "simulate"), "{\"start\": \"2025-02-30\"}", "start", "YYYY-MM-DD"));
    }

    @ParameterizedTest(name = "{2}: {1}")
    @MethodSource("badValues")
    void aBadValueFromTheFileNamesTheFileAndKey(List<String> command, String json, String key, String why)
            throws IOException {
        Path config = Files.writeString(tmp.resolve("dsgen.json"), json + "\n");
        String[] args = Stream.concat(command.stream(), Stream.of("--config", config.toString())).toArray(String[]::new);
        CliRun run = CliRun.inProcess(args).assertFails(2, "dsgen.json: key \"" + key + "\": ", why, "(--config)");
        assertFalse(run.err().contains("--" + key), () -> "names a flag the user never typed" + run.describe());
    }

    @Test
    void aBadFlagOnTheCommandLineIsStillNamedAsTheFlag() throws IOException {
        Path config = Files.writeString(tmp.resolve("dsgen.json"), "{\"n-leads\": 500}\n");
        CliRun.inProcess("synth-entities", "--config", config.toString(), "--n-leads", "0").assertFails(2, "--n-leads");
        CliRun.inProcess("synth-entities", "--config", config.toString(), "--n-leads=abc").assertFails(2, "--n-leads");
    }

    @Test
    void malformedFileNamesItsLine() throws IOException {
        Path config = Files.writeString(tmp.resolve("dsgen.json"), "{\n  \"seed\": 1,\n  \"dev\": tru\n}\n");
        CliRun.inProcess("synth-entities", "--config", config.toString()).assertFails(3, "dsgen.json", "line 3", "--config");
    }

    @Test
    void unknownKeyIsNamedWithTheFile() throws IOException {
        Path config = Files.writeString(tmp.resolve("dsgen.json"), "{\"threads\": 2}\n");
        // build offers no --threads: the key is unknown there
        CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-08", "--config", config.toString())
                .assertFails(2, "dsgen.json", "\"threads\"", "planner-dataset build", "--config");
    }

    @Test
    void aKeyThatHoldsAnObjectIsAnInputError() throws IOException {
        Path config = Files.writeString(tmp.resolve("dsgen.json"), "{\"seed\": {\"value\": 1}}\n");
        CliRun.inProcess("synth-entities", "--config", config.toString()).assertFails(3, "dsgen.json: key \"seed\"");
    }
}
