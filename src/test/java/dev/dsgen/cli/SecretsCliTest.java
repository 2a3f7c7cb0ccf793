package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret that an HTTP header cannot carry is refused before any request, naming where it came
 * from and never showing any part of it, with and without {@code --verbose}.
 */
class SecretsCliTest {
    private static final String KEY = "sk-proj-LEAK-4242";
    private static final String TAIL = "tail-LEAK-77";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", " ", "\t", "\u0007", "\u00e9"})
    void anApiKeyFileThatIsNotOneTokenIsAUsageErrorThatShowsNoPartOfIt(String separator) throws IOException {
        Path keyFile = Files.writeString(tmp.resolve("key.txt"), KEY + separator + TAIL + "\n");
        RankingLayout out = new RankingLayout(tmp.resolve("run"));
        for (List<String> verbosity : List.of(List.<String>of(), List.of("-v"))) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of(out.args("--clusters", "2",
                    "--llm-base-url", "http://127.0.0.1:9/v1", "--llm-max-retries", "0", "--llm-api-key-file",
                    keyFile.toString())), verbosity.stream()).toArray(String[]::new);
            CliRun run = CliRun.inProcess(args).assertFails(2, "key.txt", "--llm-api-key-file");
            assertFalse(run.err().contains("LEAK") || run.err().contains("sk-proj"), run::describe);
        }
        assertFalse(Files.exists(out.output), "nothing written");
    }
}
