package dev.dsgen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir
    Path dir;

    private static Map<String, Object> sample() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zeta", 1);
        inner.put("alpha", "x");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, 2));
        m.put("a", inner);
        m.put("c", "ü \"quoted\"");
        return m;
    }

    @Test
    void prettyUsesLineFeedsTwoSpaceIndentAndOneFinalNewline() {
        String text = Json.pretty(sample());
        assertFalse(text.contains("\r"), "no CR whatever the platform");
        assertFalse(text.contains("\t"));
        assertTrue(text.endsWith("}\n"), text);
        assertFalse(text.endsWith("\n\n"), text);
        String[] lines = text.split("\n");
        assertEquals("{", lines[0]);
        for (String line : lines) {
            int indent = line.length() - line.stripLeading().length();
            assertEquals(0, indent % 2, "indent is a multiple of 2: '" + line + "'");
        }
        // nested keys sit exactly one level (2 spaces) deeper than their parent key
        assertTrue(text.contains("\n  \"a\""), text);
        assertTrue(text.contains("\n    \"alpha\""), text);
    }

    @Test
    void mapKeysAreSortedAtEveryLevel() {
        String text = Json.pretty(sample());
        assertTrue(text.indexOf("\"a\"") < text.indexOf("\"b\"") && text.indexOf("\"b\"") < text.indexOf("\"c\""),
                text);
        assertTrue(text.indexOf("\"alpha\"") < text.indexOf("\"zeta\""), text);
    }

    @Test
    void insertionOrderDoesNotChangeTheBytes() {
        Map<String, Object> forward = new LinkedHashMap<>();
        Map<String, Object> backward = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            forward.put("k" + i, i);
        }
        for (int i = 19; i >= 0; i--) {
            backward.put("k" + i, i);
        }
        assertEquals(Json.pretty(forward), Json.pretty(backward));
    }

    @Test
    void prettyRoundTripsThroughTheMapper() throws IOException {
        JsonNode node = Json.MAPPER.readTree(Json.pretty(sample()));
        assertEquals("ü \"quoted\"", node.get("c").asText());
        assertEquals(2, node.get("b").size());
        assertEquals(1, node.get("a").get("zeta").asInt());
    }

    @Test
    void writeAtomicallyCreatesParentsAndLeavesNoTemp() throws IOException {
        Path file = dir.resolve("deep/er/meta.json");
        Json.writeAtomically(file, sample());
        assertEquals(Json.pretty(sample()), Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of("meta.json"), OutputFilesTest.listNames(dir.resolve("deep/er")));

        Json.writeAtomically(file, Map.of("replaced", true));
        assertEquals(Json.pretty(Map.of("replaced", true)), Files.readString(file));
        assertEquals(List.of("meta.json"), OutputFilesTest.listNames(dir.resolve("deep/er")));
    }

    @Test
    void writeWritesPrettyUtf8() throws IOException {
        Path file = dir.resolve("x.json");
        Json.write(file, sample());
        assertEquals(Json.pretty(sample()), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    @Test
    void linesWriterWritesOneCompactObjectPerLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Json.LinesWriter w = new Json.LinesWriter(bytes)) {
            w.write(sample());
            w.write(Map.of("text", "line1\nline2 漢"));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"));
        assertTrue(text.endsWith("\n"));
        String[] lines = text.split("\n", -1);
        assertEquals(3, lines.length, "two records and the final newline: " + text);
        assertEquals("", lines[2]);
        assertEquals("{\"a\":{\"alpha\":\"x\",\"zeta\":1},\"b\":[1,2],\"c\":\"ü \\\"quoted\\\"\"}", lines[0]);
        assertEquals("line1\nline2 漢", Json.MAPPER.readTree(lines[1]).get("text").asText());
    }

    @Test
    void writeListStreamsTheSameBytesAsWrite() throws IOException {
        List<List<Object>> lists = List.of(List.of(), List.of(sample()), List.of(sample(), "x", 3, List.of(), Map.of()));
        for (List<Object> list : lists) {
            Path a = dir.resolve("a.json");
            Path b = dir.resolve("b.json");
            Json.write(a, list);
            Json.writeList(b, list);
            assertEquals(Files.readString(a), Files.readString(b), "list " + list);
        }
    }

    @Test
    void reasonIsOneLineWithEmbeddedLocationsShortened() {
        com.fasterxml.jackson.core.JsonProcessingException e = org.junit.jupiter.api.Assertions.assertThrows(
                com.fasterxml.jackson.core.JsonProcessingException.class, () -> Json.MAPPER.readTree("{\"a\": [\n"));
        String reason = Json.reason(e);
        assertFalse(reason.contains("\n"), reason);
        assertFalse(reason.contains("[Source"), reason);
        assertTrue(reason.contains("start marker at line 1, column 7"), reason);
    }
}
