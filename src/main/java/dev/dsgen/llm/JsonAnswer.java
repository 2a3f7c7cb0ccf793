package dev.dsgen.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON out of a model's answer as models really write it: bare, inside a Markdown code
 * fence, after a sentence of preamble or followed by trailing prose. Returns null when there is none.
 */
public final class JsonAnswer {
    private JsonAnswer() {
    }

    /** The first JSON object or array in {@code text}, or null. */
    public static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        int fence = t.indexOf("```");
        if (fence >= 0) {
            int start = t.indexOf('\n', fence);
            int end = start < 0 ? -1 : t.indexOf("```", start);
            if (start >= 0 && end > start) {
                JsonNode n = first(t.substring(start + 1, end));
                if (n != null) {
                    return n;
                }
            }
        }
        return first(t);
    }

    /** Tries each '{' or '[' from the left and returns the first complete JSON value that parses. */
    private static JsonNode first(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '{' && c != '[') {
                continue;
            }
            try (JsonParser p = Json.MAPPER.getFactory().createParser(t.substring(i))) {
                JsonNode n = Json.MAPPER.readTree(p);
                if (n != null && (n.isObject() || n.isArray())) {
                    return n; // trailing prose after the value is ignored: the parser stops at its end
                }
            } catch (IOException e) {
                // not JSON from here: try the next bracket
            }
        }
        return null;
    }

    /**
     * The strings of a list answer: a bare array, or an object wrapping one (under {@code key} or
     * as its only array field, e.g. {@code {"queries": [...]}} or {@code {"result": {"queries": [...]}}});
     * array items may be strings or objects with a {@code textField}. Null when the shape is wrong.
     */
    public static List<String> strings(JsonNode node, String key, String textField) {
        ArrayNode array = findArray(node, key, 0);
        if (array == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isTextual()) {
                out.add(item.asText());
            } else if (item.isObject() && item.path(textField).isTextual()) {
                out.add(item.path(textField).asText());
            }
        }
        return out;
    }

    private static ArrayNode findArray(JsonNode node, String key, int depth) {
        if (node == null || depth > 3) {
            return null;
        }
        if (node.isArray()) {
            return (ArrayNode) node;
        }
        if (!node.isObject()) {
            return null;
        }
        if (node.path(key).isArray()) {
            return (ArrayNode) node.get(key);
        }
        ArrayNode only = null;
        int containers = 0;
        for (JsonNode v : node) {
            if (v.isContainerNode()) {
                containers++;
                only = findArray(v, key, depth + 1);
            }
        }
        return containers == 1 ? only : null;
    }
}
