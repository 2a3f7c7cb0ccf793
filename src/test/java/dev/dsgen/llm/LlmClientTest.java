package dev.dsgen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.tools.FakeLlmServer;
import dev.dsgen.tools.FakeLlmServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM client against a real HTTP server on 127.0.0.1, scripted per request. */
class LlmClientTest {
    private static final String KEY = "sk-test-9f8e7d6c5b4a-SECRET";
    private static final List<ChatMessage> PROMPT = List.of(ChatMessage.system("Reply with JSON."),
            ChatMessage.user("Platform: Summit Fire Protection (Industrial Services, Midwest, 2017, size $25-100M)\nWrite 3 different queries"));
    private static final ChatParams PARAMS = new ChatParams(0.7, 11L, 300, true);

    @TempDir
    Path tmp;

    private FakeLlmServer server;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private LlmClient client(Duration timeout, int maxRetries, Path cache) {
        LlmSettings s = new LlmSettings(URI.create(server.baseUrl()), "test-model", KEY, 4, timeout, maxRetries, 2, cache,
                Duration.ofMillis(20), Duration.ofMillis(200), 1);
        return new LlmClient(s, log::add);
    }

    private LlmClient client() {
        return client(Duration.ofSeconds(5), 3, tmp.resolve("cache"));
    }

    private FakeLlmServer serve(BiFunction<Integer, String, Reply> script) throws IOException {
        server = new FakeLlmServer(0, 0, script);
        return server;
    }

    private static Optional<List<String>> ask(LlmClient c) {
        return c.completeJson(PROMPT, PARAMS, n -> {
            List<String> l = JsonAnswer.strings(n, "queries", "query");
            return l == null || l.size() < 3 ? null : l;
        });
    }

    private static BiFunction<Integer, String, Reply> first(Reply... replies) {
        return (n, body) -> n <= replies.length ? replies[n - 1] : null;
    }

    @Test
    void goodJsonIsReadWithOneRequestAndTokensCounted() throws IOException {
        serve(null);
        LlmClient c = client();
        List<String> q = ask(c).orElseThrow();
        assertEquals(3, q.size());
        assertTrue(q.get(0).contains("Summit Fire Protection"), q.toString());
        assertEquals(1, server.requests());
        assertEquals(1, c.usage().calls());
        assertEquals(0, c.usage().retries());
        assertEquals(120L, c.usage().toMap().get("prompt_tokens"));
        assertEquals(40L, c.usage().toMap().get("completion_tokens"));
        // the request is an OpenAI chat-completions body in JSON mode, with the model and the key header
        String body = server.received().get(0).body();
        assertTrue(body.contains("\"model\":\"test-model\"") && body.contains("\"json_object\"") && body.contains("\"seed\":11"), body);
        assertEquals("Bearer " + KEY, server.received().get(0).authorization());
    }

    @Test
    void fencedJsonWithProseAroundIsRead() throws IOException {
        serve(first(Reply.content("Sure! Here are the queries:\n```json\n{\"queries\": [\"a b\", \"c d\", \"e f\"]}\n```\nHope this helps.")));
        assertEquals(List.of("a b", "c d", "e f"), ask(client()).orElseThrow());
        assertEquals(1, server.requests());
    }

    @Test
    void garbageIsAskedAgainThenTheCallerFallsBack() throws IOException {
        serve(first(Reply.content("I cannot help with that."), Reply.content("{\"queries\": [\"only one\"]}")));
        LlmClient c = client();
        assertEquals(3, ask(c).orElseThrow().size(), "third answer is good");
        assertEquals(3, server.requests());
        assertEquals(2, c.usage().invalidAnswers());
        for (int i = 0; i < 3; i++) {
            String body = server.received().get(i).body();
            assertTrue(body.contains("\"seed\":" + (11 + i)), "attempt " + i + " asks with seed " + (11 + i) + ": " + body);
        }

        serve2(first(Reply.content("nope"), Reply.content("<html>"), Reply.content("[1, 2")));
        LlmClient d = client(Duration.ofSeconds(5), 3, tmp.resolve("cache2"));
        assertTrue(ask(d).isEmpty(), "three unusable answers: the caller falls back");
        assertEquals(3, server.requests(), "1 + invalidRetries requests");
        assertEquals(3, d.usage().invalidAnswers());
    }

    private void serve2(BiFunction<Integer, String, Reply> script) throws IOException {
        server.close();
        serve(script);
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws IOException {
        serve(first(new Reply(429, Map.of("Retry-After", "1"), "{\"error\": \"rate limited\"}", 0)));
        LlmClient c = client();
        long t0 = System.nanoTime();
        assertEquals(3, ask(c).orElseThrow().size());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 950, "waited " + ms + " ms, Retry-After said 1 s (backoff alone is 20 ms)");
        assertEquals(2, server.requests());
        assertEquals(1, c.usage().retries());
    }

    @Test
    void serverErrorIsRetriedWithBackoff() throws IOException {
        serve(first(new Reply(500, Map.of(), "oops", 0), new Reply(503, Map.of(), "", 0)));
        LlmClient c = client();
        assertEquals(3, ask(c).orElseThrow().size());
        assertEquals(3, server.requests());
        assertEquals(2, c.usage().retries());
        assertEquals(2, log.stream().filter(l -> l.contains("retry")).count(), log.toString());
    }

    /** The timeout covers the whole answer: headers in time and then a stalled body is a timeout too. */
    @Test
    void aBodyStalledPastTheTimeoutIsRetried() throws IOException {
        serve(first(new Reply(200, Map.of(FakeLlmServer.STALL_BODY_MS, "3000"),
                FakeLlmServer.completion("{\"queries\": [\"late\"]}"), 0)));
        LlmClient c = client(Duration.ofMillis(300), 3, tmp.resolve("cache"));
        long t0 = System.nanoTime();
        assertEquals(3, ask(c).orElseThrow().size());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2500, "gave up on the stalled body after the 300 ms timeout, took " + ms + " ms");
        assertEquals(1, c.usage().retries());
        assertTrue(log.get(0).contains("no answer within 300 ms"), log.toString());
    }

    @Test
    void aHangPastTheTimeoutIsRetried() throws IOException {
        serve(first(new Reply(200, Map.of(), FakeLlmServer.completion("{\"queries\": [\"late\"]}"), 3000)));
        LlmClient c = client(Duration.ofMillis(300), 3, tmp.resolve("cache"));
        long t0 = System.nanoTime();
        assertEquals(3, ask(c).orElseThrow().size());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2500, "gave up on the hanging request after the 300 ms timeout, took " + ms + " ms");
        assertEquals(1, c.usage().retries());
        assertTrue(log.get(0).contains("no answer within 300 ms"), log.toString());
    }

    @Test
    void anEndpointThatKeepsFailingIsExit5NamingTheUrlButNotTheKey() throws IOException {
        serve((n, body) -> new Reply(500, Map.of(), "internal error, your key was " + KEY, 0));
        LlmClient c = client(Duration.ofSeconds(5), 2, tmp.resolve("cache"));
        DsgenException e = assertThrows(DsgenException.class, () -> ask(c));
        assertEquals(ExitCode.EXTERNAL, e.exitCode());
        assertEquals(3, server.requests(), "1 + 2 retries");
        assertTrue(e.getMessage().contains(server.baseUrl()) && e.getMessage().contains("HTTP 500"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), "the key echoed by the server must not reach the message");
        assertTrue(log.stream().noneMatch(l -> l.contains(KEY)), log.toString());
    }

    @Test
    void aRefusedConnectionIsRetriedThenExit5() throws IOException {
        serve(null);
        String url = server.baseUrl();
        server.close();
        server = null;
        LlmSettings s = new LlmSettings(URI.create(url), "m", null, 1, Duration.ofSeconds(2), 1, 0, null,
                Duration.ofMillis(10), Duration.ofMillis(50), 1);
        DsgenException e = assertThrows(DsgenException.class, () -> ask(new LlmClient(s, null)));
        assertEquals(ExitCode.EXTERNAL, e.exitCode());
        assertTrue(e.getMessage().contains("failed after 2 attempts"), e.getMessage());
    }

    @Test
    void unauthorizedIsNotRetried() throws IOException {
        serve((n, body) -> new Reply(401, Map.of(), "{\"error\": \"bad key\"}", 0));
        DsgenException e = assertThrows(DsgenException.class, () -> ask(client()));
        assertEquals(ExitCode.EXTERNAL, e.exitCode());
        assertEquals(1, server.requests());
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    }

    @Test
    void aSecondRunOfTheSameJobIsAnsweredFromTheCacheWithoutRequests() throws IOException {
        serve(first(Reply.content("garbage first")));
        Path cache = tmp.resolve("cache");
        LlmClient c1 = client(Duration.ofSeconds(5), 3, cache);
        List<String> a1 = ask(c1).orElseThrow();
        assertEquals(2, server.requests());
        LlmClient c2 = client(Duration.ofSeconds(5), 3, cache);
        List<String> a2 = ask(c2).orElseThrow();
        assertEquals(a1, a2, "replayed exactly, the invalid first answer included");
        assertEquals(2, server.requests(), "no request on the second run");
        assertEquals(0, c2.usage().calls());
        assertEquals(2, c2.usage().cacheHits());
        // another parameter is another request
        c2.completeJson(PROMPT, new ChatParams(0.2, 11L, 300, true), n -> n);
        assertEquals(3, server.requests());
        // no cache file holds the key
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains(KEY), f.toString());
            }
        }
        assertFalse(c2.settings().toString().contains(KEY));
    }

    @Test
    void concurrencyIsBounded() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        serve((n, body) -> {
            int now = inFlight.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return new Reply(200, Map.of(), FakeLlmServer.completion(FakeLlmServer.answer(body)), 0);
        });
        LlmClient c = client(Duration.ofSeconds(5), 3, null); // concurrency 4
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                long seed = i;
                fs.add(pool.submit(() -> c.completeJson(PROMPT, new ChatParams(0.7, seed, 300, true), n -> n)));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(24, server.requests());
        assertTrue(most.get() <= 4 && most.get() >= 2, "most in flight: " + most.get());
    }
}
