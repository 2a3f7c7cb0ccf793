package dev.dsgen.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Run facts (such as LLM requests sent) go under {@code run}, after its own keys, never at the top. */
class RunMetadataRunFactTest {
    @Test
    @SuppressWarnings("unchecked")
    void runFactsLiveOnlyInTheRunSection() {
        RunMetadata meta = new RunMetadata("x", 1).runFact("llm", Map.of("calls", 3));
        Map<String, Object> m = meta.toMap(2, Path.of("."));
        Map<String, Object> run = (Map<String, Object>) m.get("run");
        assertEquals(Map.of("calls", 3), run.get("llm"));
        assertEquals(2, run.get("threads"));
        assertFalse(m.containsKey("llm"));
        assertEquals("llm", run.keySet().stream().reduce((a, b) -> b).orElseThrow(), "after the run's own keys");
    }
}
