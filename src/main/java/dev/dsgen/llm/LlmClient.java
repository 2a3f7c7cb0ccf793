package dev.dsgen.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.core.DsgenException;
import dev.dsgen.core.HttpAuth;
import dev.dsgen.core.Rng;
import dev.dsgen.core.Seeds;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A client for OpenAI-compatible {@code /chat/completions} endpoints (OpenAI, vLLM, Ollama,
 * llama.cpp server, LM Studio) over {@code java.net.http}. Answers come from the on-disk cache
 * when present; otherwise requests are sent with at most {@code concurrency} in flight, a timeout
 * each, and retries with exponential backoff and jitter on 429, 5xx, timeouts and connection
 * errors (a {@code Retry-After} header is honoured). After the retries the endpoint counts as
 * unreachable: exit 5. The API key goes only into the Authorization header.
 */
public final class LlmClient {
    private static final Duration RETRY_AFTER_CAP = Duration.ofMinutes(2);
    private final LlmSettings settings;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final ResponseCache cache;
    private final LlmUsage usage = new LlmUsage();
    private final Consumer<String> log;

    /** @param log receives one line per retry (shown with --verbose); never given the key */
    public LlmClient(LlmSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log == null ? s -> { } : log;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.inFlight = new Semaphore(Math.max(1, settings.concurrency()), true);
        this.cache = settings.cacheDir() == null ? null : new ResponseCache(settings.cacheDir());
    }

    public LlmUsage usage() {
        return usage;
    }

    public LlmSettings settings() {
        return settings;
    }

    /**
     * Asks for JSON and reads the answer with {@code reader} (null from it: not usable). An
     * unusable answer is asked again, up to {@code invalidRetries} times, each a request of its own
     * in the cache; empty when none was usable, and the caller falls back.
     */
    public <T> Optional<T> completeJson(List<ChatMessage> messages, ChatParams params, Function<JsonNode, T> reader) {
        for (int attempt = 0; attempt <= settings.invalidRetries(); attempt++) {
            // A server that honours the seed would repeat an unusable answer: each new attempt gets the next seed.
            ChatParams p = attempt == 0 || params.seed() == null ? params
                    : params.withSeed(params.seed() + attempt);
            String content = complete(messages, p, attempt);
            JsonNode node = JsonAnswer.parse(content);
            T value = node == null ? null : reader.apply(node);
            if (value != null) {
                return Optional.of(value);
            }
            usage.invalidAnswers.incrementAndGet();
            log.accept("llm: answer " + (attempt + 1) + " was not the JSON asked for"
                    + (attempt < settings.invalidRetries() ? "; asking again" : "; using the fallback"));
        }
        return Optional.empty();
    }

    /** The answer text for one request: from the cache, else from the endpoint (then cached). */
    public String complete(List<ChatMessage> messages, ChatParams params, int attempt) {
        Map<String, Object> request = ResponseCache.request(settings.model(), messages, params, attempt);
        String key = ResponseCache.key(request);
        if (cache != null) {
            ResponseCache.Entry hit = cache.get(key);
            if (hit != null) {
                usage.cacheHits.incrementAndGet();
                return hit.content();
            }
        }
        ResponseCache.Entry fresh = send(body(messages, params), key);
        if (cache != null) {
            try {
                cache.put(key, request, fresh);
            } catch (IOException e) {
                throw DsgenException.usage("cannot write the LLM cache in " + settings.cacheDir() + ": " + e.getMessage()
                        + " (--llm-cache)");
            }
        }
        return fresh.content();
    }

    private String body(List<ChatMessage> messages, ChatParams params) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("model", settings.model());
        b.put("messages", messages.stream().map(m -> Map.of("role", m.role(), "content", m.content())).toList());
        b.put("temperature", params.temperature());
        if (params.seed() != null) {
            b.put("seed", params.seed());
        }
        if (params.maxTokens() != null) {
            b.put("max_tokens", params.maxTokens());
        }
        if (params.jsonMode()) {
            b.put("response_format", Map.of("type", "json_object"));
        }
        try {
            return Json.MAPPER.writeValueAsString(b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseCache.Entry send(String body, String key) {
        HttpRequest request;
        try {
            HttpRequest.Builder rb = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.timeout())
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (settings.apiKey() != null) {
                rb.header("Authorization", HttpAuth.bearer(settings.apiKey(), "the API key",
                        "--llm-api-key-file or OPENAI_API_KEY"));
            }
            request = rb.build();
        } catch (IllegalArgumentException e) {
            // Never the exception's text: for a header it quotes the whole value, key included.
            throw DsgenException.usage("cannot build a request for " + settings.safeBaseUrl() + " (--llm-base-url)");
        }
        Rng jitter = new Rng(Seeds.mix(settings.jitterSeed(), Seeds.stream("llm.backoff"), Seeds.hash(key)));
        String lastError = "";
        for (int attempt = 0; ; attempt++) {
            Duration retryAfter = null;
            if (attempt > 0) {
                usage.retries.incrementAndGet();
            }
            HttpResponse<String> response = null;
            try {
                inFlight.acquire();
                try {
                    usage.calls.incrementAndGet();
                    response = sendWithin(request);
                } finally {
                    inFlight.release();
                }
            } catch (HttpTimeoutException | TimeoutException e) {
                lastError = "no answer within " + settings.timeout().toMillis() + " ms";
            } catch (ConnectException e) {
                lastError = "connection refused";
            } catch (IOException e) {
                lastError = "connection failed: " + redact(String.valueOf(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DsgenException.external("interrupted while calling the LLM endpoint (" + settings.safeBaseUrl() + ")", e);
            }
            if (response != null) {
                int status = response.statusCode();
                if (status == 200) {
                    return answer(response.body());
                }
                String snippet = redact(snippet(response.body()));
                if (status == 429 || status == 408 || status >= 500) {
                    lastError = "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet);
                    retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                } else {
                    String hint = status == 401 || status == 403 ? "; check OPENAI_API_KEY or --llm-api-key-file"
                            : status == 404 ? "; check --llm-base-url (it should end in /v1) and --llm-model" : "";
                    throw DsgenException.external("LLM endpoint " + settings.safeBaseUrl() + " refused the request: HTTP "
                            + status + (snippet.isEmpty() ? "" : ": " + snippet) + hint + " (--llm-base-url)", null);
                }
            }
            if (attempt >= settings.maxRetries()) {
                throw DsgenException.external("LLM endpoint " + settings.safeBaseUrl() + " failed after "
                        + (attempt + 1) + " attempts, last: " + lastError
                        + "; answers so far are cached, so a re-run resumes there, or run offline with --dry-run"
                        + " (--llm-base-url)", null);
            }
            Duration wait = backoff(attempt, jitter);
            if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                wait = retryAfter;
            }
            log.accept("llm: " + lastError + "; retry " + (attempt + 1) + " of " + settings.maxRetries() + " in "
                    + wait.toMillis() + " ms");
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DsgenException.external("interrupted while waiting to retry the LLM endpoint ("
                        + settings.safeBaseUrl() + ")", e);
            }
        }
    }

    /**
     * Sends and reads the whole answer within the timeout. {@code HttpRequest.timeout} covers only
     * the wait for the response headers: a server that sends headers and then stalls the body would
     * otherwise hold the run forever.
     */
    private HttpResponse<String> sendWithin(HttpRequest request) throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return f.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            // The message only: a Java class name is no help in a one-line error.
            throw new IOException(c == null ? "unknown failure" : String.valueOf(c.getMessage()), c);
        }
    }

    /** Exponential backoff with "equal jitter": half fixed, half random, capped. */
    Duration backoff(int attempt, Rng jitter) {
        long base = settings.backoffBase().toMillis();
        long cap = settings.backoffMax().toMillis();
        long exp = Math.min(cap, base << Math.min(20, attempt));
        return Duration.ofMillis(exp / 2 + (long) (jitter.nextDouble() * (exp / 2.0)));
    }

    /** {@code Retry-After}: seconds or an HTTP date; null when absent or unreadable; capped. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (RuntimeException e2) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : d;
    }

    private ResponseCache.Entry answer(String body) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            n = null;
        }
        if (n == null) {
            return new ResponseCache.Entry(body == null ? "" : body, 0, 0);
        }
        JsonNode usageNode = n.path("usage");
        long prompt = usageNode.path("prompt_tokens").asLong(0);
        long completion = usageNode.path("completion_tokens").asLong(0);
        usage.promptTokens.addAndGet(prompt);
        usage.completionTokens.addAndGet(completion);
        JsonNode content = n.path("choices").path(0).path("message").path("content");
        return new ResponseCache.Entry(content.isTextual() ? content.asText() : "", prompt, completion);
    }

    private static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String s = body.replaceAll("\\s+", " ").strip();
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    /** Removes the key from any text that could be shown (a server might echo it). */
    private String redact(String s) {
        String key = settings.apiKey();
        return key == null || key.isEmpty() ? s : s.replace(key, "***");
    }
}
