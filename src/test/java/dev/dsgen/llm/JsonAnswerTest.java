package dev.dsgen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonAnswerTest {
    private static List<String> read(String text) {
        return JsonAnswer.strings(JsonAnswer.parse(text), "queries", "query");
    }

    @Test
    void bareArrayAndWrappingObjects() {
        assertEquals(List.of("a", "b"), read("[\"a\", \"b\"]"));
        assertEquals(List.of("a", "b"), read("{\"queries\": [\"a\", \"b\"], \"note\": \"x\"}"));
        assertEquals(List.of("a"), read("{\"result\": {\"items\": [{\"query\": \"a\"}]}}"));
        assertEquals(List.of("a", "b"), read("{\"search_queries\": [\"a\", \"b\"]}"));
    }

    @Test
    void fencesPreambleAndTrailingProse() {
        assertEquals(List.of("a"), read("```json\n{\"queries\": [\"a\"]}\n```"));
        assertEquals(List.of("a"), read("Here you go:\n```\n[\"a\"]\n```\nLet me know!"));
        assertEquals(List.of("a", "b"), read("Queries: [\"a\", \"b\"] -- these cover sector and region."));
        assertEquals(List.of("x [y]"), read("{\"queries\": [\"x [y]\"]} trailing {brace"));
    }

    @Test
    void noJsonOrTheWrongShapeIsNull() {
        assertNull(JsonAnswer.parse("I cannot help with that."));
        assertNull(JsonAnswer.parse("{broken"));
        assertNull(JsonAnswer.parse(null));
        assertNull(read("{\"a\": [\"x\"], \"b\": [\"y\"]}"), "two arrays and no 'queries': ambiguous");
        assertNull(read("{\"queries\": \"a, b\"}"));
    }
}
