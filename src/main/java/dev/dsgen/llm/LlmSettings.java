package dev.dsgen.llm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach an OpenAI-compatible chat-completions endpoint. The API key is held here only to
 * be sent in the Authorization header: {@link #toString()} hides it and nothing writes it out.
 *
 * @param baseUrl e.g. {@code https://api.openai.com/v1} or {@code http://127.0.0.1:8000/v1}
 * @param apiKey null when none was given (allowed for loopback endpoints)
 * @param concurrency most requests in flight at once
 * @param timeout per request, from sending to the whole answer read
 * @param maxRetries retries of one request after 429, 5xx, timeouts and connection errors
 * @param invalidRetries new requests after an answer that is not the JSON asked for
 * @param cacheDir the response cache; null: no cache
 * @param backoffBase first retry delay; doubles per retry, with jitter, up to {@code backoffMax}
 * @param jitterSeed seeds the retry jitter (timing only, never data)
 */
public record LlmSettings(URI baseUrl, String model, String apiKey, int concurrency, Duration timeout, int maxRetries,
                          int invalidRetries, Path cacheDir, Duration backoffBase, Duration backoffMax, long jitterSeed) {
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "gpt-4.1-mini";

    /** The chat-completions URL under the base URL. */
    public URI endpoint() {
        String s = baseUrl.toString();
        return URI.create((s.endsWith("/") ? s : s + "/") + "chat/completions");
    }

    /** Whether the base URL names this machine (no key needed there). */
    public boolean loopback() {
        return isLoopback(baseUrl);
    }

    public static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }

    /** The base URL without user info, query or fragment: safe to log and record. */
    public String safeBaseUrl() {
        return baseUrl.getScheme() + "://" + baseUrl.getHost() + (baseUrl.getPort() >= 0 ? ":" + baseUrl.getPort() : "")
                + (baseUrl.getPath() == null ? "" : baseUrl.getPath());
    }

    @Override
    public String toString() {
        return "LlmSettings[baseUrl=" + safeBaseUrl() + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", concurrency=" + concurrency + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + ", invalidRetries=" + invalidRetries + ", cacheDir=" + cacheDir + "]";
    }
}
