package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.tools.FakeLlmServer;
import dev.dsgen.tools.FakeLlmServer.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ranking-queries} in LLM mode against a real OpenAI-compatible HTTP server on 127.0.0.1. */
class RankingQueriesLlmTest {
    private static final String KEY = "sk-proj-TEST-4242-do-not-leak";

    @TempDir
    Path tmp;

    private FakeLlmServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String[] llm(RankingLayout out, String... extra) {
        String[] base = out.args("--llm-base-url", server.baseUrl(), "--llm-model", "test-model", "--clusters", "20");
        return Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new);
    }

    @Test
    void llmQueriesAreUsedAndASecondRunIsReplayedFromTheCacheWithoutRequests() throws IOException {
        server = FakeLlmServer.good(0);
        RankingLayout first = new RankingLayout(tmp.resolve("first"));
        CliRun.inProcess(llm(first, "--llm-concurrency", "4")).assertExit(0).assertStderrEmpty()
                .assertStdoutContains("validation: PASSED", "20 requests");
        assertEquals(20, server.requests(), "one request per cluster");
        JsonNode q = first.summaryJson().path("quality");
        assertEquals(60, q.path("queries_by_source").path("llm").asInt(), q::toString);
        JsonNode usage = first.sidecarJson().path("run").path("llm").path("usage");
        assertEquals(20, usage.path("calls").asInt());
        assertEquals(20 * 120, usage.path("prompt_tokens").asInt());

        // Same job again into another output, same cache: nothing leaves the machine, same bytes.
        RankingLayout second = new RankingLayout(tmp.resolve("second"), first.cache);
        String[] args = llm(second, "--llm-concurrency", "2");
        CliRun.inProcess(args).assertExit(0).assertStdoutContains("0 requests, 20 cache hits");
        assertEquals(20, server.requests(), "no request on the replay");
        assertArrayEquals(first.outputBytes(), second.outputBytes());
        // and it replays even with the server gone
        server.close();
        RankingLayout third = new RankingLayout(tmp.resolve("third"), first.cache);
        CliRun.inProcess(third.args("--llm-base-url", "http://127.0.0.1:9/v1", "--llm-model", "test-model", "--clusters", "20"))
                .assertExit(0);
        assertArrayEquals(first.outputBytes(), third.outputBytes());
        server = null;
    }

    @Test
    void dryRunSendsNothingEvenWithAnEndpointAndKeyGiven() throws IOException {
        server = FakeLlmServer.good(0);
        Path keyFile = Files.writeString(tmp.resolve("key.txt"), KEY);
        RankingLayout out = new RankingLayout(tmp.resolve("dry"));
        CliRun.inProcess(llm(out, "--dry-run", "--llm-api-key-file", keyFile.toString())).assertExit(0).assertStderrEmpty();
        assertEquals(0, server.requests());
        assertFalse(Files.exists(out.cache), "no cache is made in dry-run");
        assertEquals(60, out.summaryJson().path("quality").path("queries_by_source").path("fallback").asInt());
    }

    @Test
    void unusableAnswersFallBackPerClusterAndGiveTheDryRunData() throws IOException {
        server = new FakeLlmServer(0, 0, (n, body) -> Reply.content("Sorry, I can't produce JSON today."));
        RankingLayout llm = new RankingLayout(tmp.resolve("llm"));
        CliRun.inProcess(llm(llm)).assertExit(0);
        assertEquals(60, server.requests(), "each cluster asked 1 + 2 times");
        JsonNode usage = llm.sidecarJson().path("run").path("llm").path("usage");
        assertEquals(20, usage.path("fallbacks").asInt());
        assertEquals(60, usage.path("invalid_answers").asInt());
        RankingLayout dry = new RankingLayout(tmp.resolve("dry"));
        CliRun.inProcess(dry.args("--dry-run", "-q", "--clusters", "20")).assertExit(0);
        assertArrayEquals(dry.outputBytes(), llm.outputBytes(), "the fallback is the dry-run writer");
    }

    @Test
    void theKeyIsSentButNeverPrintedOrWritten() throws IOException {
        server = new FakeLlmServer(0, 0, (n, body) -> n == 1 ? new Reply(500, Map.of(), "boom, key " + KEY, 0) : null);
        Path keyFile = Files.writeString(tmp.resolve("key.txt"), KEY + "\n");
        RankingLayout out = new RankingLayout(tmp.resolve("run"));
        CliRun run = CliRun.inProcess(llm(out, "--llm-api-key-file", keyFile.toString(), "--verbose", "--llm-concurrency", "1"))
                .assertExit(0);
        assertTrue(run.err().contains("HTTP 500"), "the retry was logged" + run.describe());
        assertEquals("Bearer " + KEY, server.received().get(0).authorization());
        assertFalse(run.out().contains(KEY) || run.err().contains(KEY), run::describe);
        try (Stream<Path> files = Files.walk(out.root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains(KEY), () -> "key found in " + f);
            }
        }
    }

    @Test
    void anEndpointThatGoesDownMidRunIsExit5AndResumeFinishesToTheSameFile() throws IOException {
        server = FakeLlmServer.good(0);
        RankingLayout whole = new RankingLayout(tmp.resolve("whole"));
        CliRun.inProcess(llm(whole, "-q")).assertExit(0);
        List<String> order = clusterOrder(whole.records());
        assertEquals(20, order.size());

        // Another cache: the endpoint dies after 8 good answers.
        AtomicInteger good = new AtomicInteger();
        server.script((n, body) -> good.get() >= 8 ? new Reply(503, Map.of(), "overloaded", 0) : count(good));
        RankingLayout parts = new RankingLayout(tmp.resolve("parts"));
        CliRun broken = CliRun.inProcess(llm(parts, "--llm-concurrency", "1", "--llm-max-retries", "1"))
                .assertFails(5, server.baseUrl(), "HTTP 503", "--resume");
        List<String> kept = clusterOrder(parts.records());
        assertTrue(kept.size() >= 6 && kept.size() <= 8, broken::describe);
        assertEquals(order.subList(0, kept.size()), kept, "the finished clusters are a prefix of the run");
        assertFalse(parts.sidecarJson().path("complete").asBoolean(true));

        server.script((n, body) -> count(good));
        CliRun.inProcess(llm(parts, "-q", "--resume")).assertExit(0);
        assertEquals(20, good.get(), "every cluster's answer was paid for exactly once over both runs");
        assertArrayEquals(whole.outputBytes(), parts.outputBytes());
        assertTrue(parts.sidecarJson().path("complete").asBoolean(false));
    }

    /** A failed run without --resume never replaces a complete earlier dataset with a partial one. */
    @Test
    void anEndpointFailureKeepsAnEarlierCompleteOutputAsItWas() throws IOException {
        server = FakeLlmServer.good(0);
        RankingLayout out = new RankingLayout(tmp.resolve("keep"));
        CliRun.inProcess(llm(out, "-q")).assertExit(0);
        byte[] complete = out.outputBytes();
        // Another seed misses the cache; the endpoint dies after 5 good answers.
        AtomicInteger good = new AtomicInteger();
        server.script((n, body) -> good.get() >= 5 ? new Reply(503, Map.of(), "overloaded", 0) : count(good));
        CliRun.inProcess(llm(out, "--seed", "7", "--llm-concurrency", "1", "--llm-max-retries", "0")).assertFails(5, "HTTP 503");
        assertArrayEquals(complete, out.outputBytes());
        assertTrue(out.sidecarJson().path("complete").asBoolean(false), "the sidecar still describes the complete run");
    }

    /** Counts a good answer and lets the server give it (null: the default answer). */
    private static Reply count(AtomicInteger good) {
        good.incrementAndGet();
        return null;
    }

    private static List<String> clusterOrder(JsonNode records) {
        List<String> order = new ArrayList<>();
        for (JsonNode r : records) {
            String c = r.path("cluster_id").asText();
            if (!order.contains(c)) {
                order.add(c);
            }
        }
        return order;
    }

    @Test
    void anUnreachableEndpointIsExit5AndLeavesNoOutput() throws IOException {
        server = FakeLlmServer.good(0);
        String url = server.baseUrl();
        server.close();
        server = null;
        RankingLayout out = new RankingLayout(tmp);
        String[] args = out.args("--llm-base-url", url, "--llm-max-retries", "0", "--clusters", "5");
        CliRun run = CliRun.inProcess(args).assertFails(5, url, "--dry-run");
        out.assertNoOutputs(run);
    }

}
