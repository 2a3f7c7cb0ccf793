package dev.dsgen.llm;

/**
 * Sampling parameters of one request; part of the cache key.
 *
 * @param seed sent as the OpenAI {@code seed} parameter (servers that honour it answer reproducibly); null: not sent
 * @param maxTokens null: not sent
 * @param jsonMode ask for {@code response_format: {"type": "json_object"}}
 */
public record ChatParams(double temperature, Long seed, Integer maxTokens, boolean jsonMode) {
    /** The same parameters with another seed. */
    public ChatParams withSeed(Long newSeed) {
        return new ChatParams(temperature, newSeed, maxTokens, jsonMode);
    }
}
