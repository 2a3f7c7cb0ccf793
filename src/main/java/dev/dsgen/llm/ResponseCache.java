package dev.dsgen.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.core.DsgenException;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Content-addressed answers on disk: the key is the SHA-256 of the canonical JSON of (model,
 * messages, parameters, attempt), the file {@code DIR/ab/abcd....json} holds the request and the
 * answer's text. A run that asks the same again reads the file and sends nothing, so an LLM run can
 * be replayed exactly and a resumed run never pays twice. No secret is part of a key or a file.
 */
public final class ResponseCache {
    /** A stored answer: the text and the tokens it cost when it was fetched. */
    public record Entry(String content, long promptTokens, long completionTokens) {
    }

    private final Path dir;

    /** @param dir the cache folder; checked by {@link #checkUsable} */
    public ResponseCache(Path dir) {
        checkUsable(dir);
        this.dir = dir;
    }

    /**
     * Checks, before the first request, that answers can be stored under {@code dir}: it is a
     * writable folder, or the nearest existing folder above it is writable (it is made on the first
     * answer). Otherwise exit 2 naming --llm-cache, rather than a failure after answers were paid
     * for and lost.
     */
    public static void checkUsable(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw DsgenException.usage("the LLM cache " + dir + " cannot be a folder: " + p + " is a file (--llm-cache)");
        }
        if (!Files.isWritable(p)) {
            throw DsgenException.usage("the LLM cache " + dir + " cannot be written: " + p + " is not writable (--llm-cache)");
        }
    }

    /** The canonical request (sorted keys) that the key hashes. */
    static Map<String, Object> request(String model, List<ChatMessage> messages, ChatParams params, int attempt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("messages", messages.stream().map(x -> Map.of("role", x.role(), "content", x.content())).toList());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("temperature", params.temperature());
        if (params.seed() != null) {
            p.put("seed", params.seed());
        }
        if (params.maxTokens() != null) {
            p.put("max_tokens", params.maxTokens());
        }
        p.put("json_mode", params.jsonMode());
        m.put("params", p);
        m.put("attempt", attempt);
        return m;
    }

    static String key(Map<String, Object> request) {
        try {
            return DigestUtils.sha256Hex(Json.MAPPER.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    }

    /** The stored answer, or null when there is none (or the file is damaged: it is then fetched again). */
    public Entry get(String key) {
        try {
            JsonNode n = Json.MAPPER.readTree(Files.readString(file(key)));
            if (n == null || !n.path("content").isTextual() || !key.equals(n.path("key").asText())) {
                return null;
            }
            return new Entry(n.get("content").asText(), n.path("usage").path("prompt_tokens").asLong(),
                    n.path("usage").path("completion_tokens").asLong());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Stores an answer atomically (temp + rename), so a crash never leaves a half entry. */
    public void put(String key, Map<String, Object> request, Entry entry) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("request", request);
        m.put("content", entry.content());
        m.put("usage", Map.of("prompt_tokens", entry.promptTokens(), "completion_tokens", entry.completionTokens()));
        Json.writeAtomically(file(key), m);
    }
}
