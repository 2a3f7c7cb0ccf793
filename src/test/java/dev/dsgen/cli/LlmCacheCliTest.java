package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dsgen.tools.FakeLlmServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An --llm-cache that cannot hold answers is refused before the first (paid) request. */
class LlmCacheCliTest {
    @TempDir
    Path tmp;

    @Test
    void aCacheThatIsAFileOrUnderAFileIsRefusedBeforeAnyRequest() throws IOException {
        Path file = Files.writeString(tmp.resolve("cache.txt"), "not a folder\n");
        try (FakeLlmServer server = FakeLlmServer.good(0)) {
            for (Path cache : new Path[] {file, file.resolve("llm")}) {
                RankingLayout out = new RankingLayout(tmp.resolve("run"), cache);
                CliRun run = CliRun.inProcess(out.args("--llm-base-url", server.baseUrl(), "--clusters", "3"))
                        .assertFails(2, cache.toString(), file + " is a file", "--llm-cache");
                out.assertNoOutputs(run);
            }
            assertEquals(0, server.requests(), "nothing was asked (and paid for) before the refusal");
        }
    }
}
