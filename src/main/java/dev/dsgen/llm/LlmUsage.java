package dev.dsgen.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What a run asked of the LLM: requests sent, cache hits, retries, tokens, invalid answers, fallbacks. */
public final class LlmUsage {
    final AtomicLong calls = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong invalidAnswers = new AtomicLong();
    final AtomicLong fallbacks = new AtomicLong();
    final AtomicLong promptTokens = new AtomicLong();
    final AtomicLong completionTokens = new AtomicLong();

    /** Requests that left the machine (retries included). */
    public long calls() {
        return calls.get();
    }

    public long cacheHits() {
        return cacheHits.get();
    }

    public long retries() {
        return retries.get();
    }

    public long invalidAnswers() {
        return invalidAnswers.get();
    }

    /** The caller used its deterministic fallback for one item (no usable answer, or dry-run). */
    public void fallback() {
        fallbacks.incrementAndGet();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", calls.get());
        m.put("cache_hits", cacheHits.get());
        m.put("retries", retries.get());
        m.put("invalid_answers", invalidAnswers.get());
        m.put("fallbacks", fallbacks.get());
        m.put("prompt_tokens", promptTokens.get());
        m.put("completion_tokens", completionTokens.get());
        return m;
    }
}
