package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.HttpAuth;
import dev.dsgen.llm.LlmSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * LLM options shared by every subcommand that asks a model (ranking-queries, conversations,
 * curriculum). The API key comes only from {@code OPENAI_API_KEY} or {@code --llm-api-key-file},
 * never from a flag value, and is never printed or written.
 */
public final class LlmOptions {
    @Option(names = "--llm-base-url", paramLabel = "URL",
            description = "OpenAI-compatible API base URL (OpenAI, vLLM, Ollama, llama.cpp, LM Studio); else OPENAI_BASE_URL, else "
                    + LlmSettings.DEFAULT_BASE_URL + ". A loopback URL needs no key.")
    String baseUrl;

    @Option(names = "--llm-model", paramLabel = "NAME",
            description = "Model name; else DSGEN_LLM_MODEL, else " + LlmSettings.DEFAULT_MODEL + ".")
    String model;

    @Option(names = "--llm-api-key-file", paramLabel = "FILE",
            description = "File holding the API key (else OPENAI_API_KEY). The key is never printed or written.")
    Path keyFile;

    @Option(names = "--llm-concurrency", defaultValue = "4", paramLabel = "N",
            description = "Most LLM requests in flight at once, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--llm-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--llm-max-retries", defaultValue = "5", paramLabel = "N",
            description = "Retries of a request after 429, 5xx, timeouts or connection errors, with exponential backoff and "
                    + "jitter, honouring Retry-After; then exit 5 (default: ${DEFAULT-VALUE}).")
    int maxRetries;

    @Option(names = "--llm-cache", defaultValue = "data/cache/llm", paramLabel = "DIR",
            description = "Response cache: an identical request is answered from here and never sent again (default: ${DEFAULT-VALUE}).")
    Path cache;

    /** Reads the environment through {@code env} (System::getenv in production). */
    LlmSettings toSettings(boolean dryRun, long seed, UnaryOperator<String> env) {
        String url = firstNonBlank(baseUrl, env.apply("OPENAI_BASE_URL"), LlmSettings.DEFAULT_BASE_URL);
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw DsgenException.usage("not a URL: '" + url + "' (--llm-base-url or OPENAI_BASE_URL)");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw DsgenException.usage("the LLM base URL must be http(s)://host[:port]/path, got '" + url
                    + "' (--llm-base-url or OPENAI_BASE_URL)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw DsgenException.usage("the LLM base URL has port " + uri.getPort() + ", outside 1 to 65535 (--llm-base-url "
                    + "or OPENAI_BASE_URL)");
        }
        if (uri.getUserInfo() != null) {
            throw DsgenException.usage("the LLM base URL must not carry credentials; put the key in OPENAI_API_KEY or "
                    + "--llm-api-key-file (--llm-base-url)");
        }
        String m = firstNonBlank(model, env.apply("DSGEN_LLM_MODEL"), LlmSettings.DEFAULT_MODEL).strip();
        if (concurrency < 1 || concurrency > 64) {
            throw DsgenException.usage("--llm-concurrency must be between 1 and 64, got " + concurrency + " (--llm-concurrency)");
        }
        if (!(timeoutSeconds > 0 && timeoutSeconds <= 3600)) {
            throw DsgenException.usage("--llm-timeout must be more than 0 and at most 3600 seconds, got " + timeoutSeconds
                    + " (--llm-timeout)");
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw DsgenException.usage("--llm-max-retries must be between 0 and 20, got " + maxRetries + " (--llm-max-retries)");
        }
        String key = dryRun ? null : key(env);
        LlmSettings s = new LlmSettings(uri, m, key, concurrency, Duration.ofMillis((long) (timeoutSeconds * 1000)),
                maxRetries, 2, cache, Duration.ofMillis(500), Duration.ofSeconds(30), seed);
        if (!dryRun && key == null && !s.loopback()) {
            throw DsgenException.usage("no API key for " + s.safeBaseUrl() + ": set OPENAI_API_KEY or pass --llm-api-key-file FILE, "
                    + "point --llm-base-url at a local server (e.g. http://127.0.0.1:8000/v1), or run offline with --dry-run "
                    + "(--llm-base-url)");
        }
        return s;
    }

    private String key(UnaryOperator<String> env) {
        if (keyFile != null) {
            try {
                String k = Files.readString(keyFile).strip();
                if (k.isEmpty()) {
                    throw DsgenException.input("API key file is empty: " + keyFile + " (--llm-api-key-file)");
                }
                return HttpAuth.checkToken(k, "the API key in " + keyFile, "--llm-api-key-file");
            } catch (NoSuchFileException e) {
                throw DsgenException.input("API key file not found: " + keyFile + " (--llm-api-key-file)");
            } catch (IOException e) {
                // Not the exception's text: a decoder's message could quote part of the key.
                throw DsgenException.input("cannot read API key file " + keyFile + " (--llm-api-key-file)");
            }
        }
        String k = env.apply("OPENAI_API_KEY");
        return k == null || k.isBlank() ? null : HttpAuth.checkToken(k.strip(), "the API key", "OPENAI_API_KEY");
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
