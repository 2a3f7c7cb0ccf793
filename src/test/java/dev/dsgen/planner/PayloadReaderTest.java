package dev.dsgen.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.io.EncodedText;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

/** The streaming payload reader against the tree path it replaced (TreeOracle). */
class PayloadReaderTest {
    private static final String[] SCALARS = {"null", "true", "false", "0", "-0", "7", "-2147483648", "2147483647",
        "2147483648", "-9223372036854775809", "123456789012345678901234", "1.5", "1e2", "-0.0", "3.0E-7",
        "12.50", "\"x\"", "\"\"", "\"caf\\u00e9\"", "\"a\\\"b\"", "{}", "[]", "[1,\"s\"]", "{\"a\":[1,{}]}"};
    private static final String[] PLAN_KEYS = {"plan_id", "total_cost", "meals", "other"};
    private static final String[] MEAL_KEYS = {"day", "slot", "recipe", "prep_minutes", "cost", "ingredients", "x"};

    @Test
    void sameValuesAsTheTreeAndWrongTypesFail() throws IOException {
        Random r = new Random(11);
        int plans = 0;
        int wrong = 0;
        for (int i = 0; i < 5000; i++) {
            String json = payload(r);
            JsonNode tree = Json.MAPPER.readTree(json);
            int[] counts = same(json, () -> new Object[] {TreeOracle.plan(tree.get("plan")),
                TreeOracle.text(tree.get("plan_id"))}, () -> {
                    PayloadReader.Payload p = read(json);
                    return new Object[] {p.plan(), p.planId()};
                });
            plans += counts[0];
            wrong += counts[1];
        }
        assertTrue(plans > 250, "plans were really read: " + plans);
        assertTrue(wrong > 500, "wrong types were really met: " + wrong);
    }

    @Test
    void aWrongTypeIsNamedByItsPointer() {
        PayloadReader.WrongType e = assertThrows(PayloadReader.WrongType.class,
                () -> read("{\"plan\":{\"meals\":[{\"day\":1},{\"cost\":\"4.50\"}]}}"));
        assertEquals("/plan/meals/1/cost must be a number, not a string", e.getMessage());
        e = assertThrows(PayloadReader.WrongType.class, () -> read("{\"plan\":\"P1\"}"));
        assertEquals("/plan must be an object, not a string", e.getMessage());
    }

    /** Exactly one read; values from both or a wrong type from both (or only from the stream, when keys repeat). */
    private interface Read {
        Object[] get() throws IOException;
    }

    /** Both reads agree; returns {read a value that is not null, met a wrong type}. */
    private static int[] same(String json, Read oracle, Read stream) throws IOException {
        Object[] expected;
        try {
            expected = oracle.get();
        } catch (TreeOracle.Wrong e) {
            assertThrows(PayloadReader.WrongType.class, stream::get, json);
            return new int[] {0, 1};
        }
        Object[] actual;
        try {
            actual = stream.get();
        } catch (PayloadReader.WrongType e) {
            // The tree keeps only the last of two equal keys; the stream also checks the ones before it.
            assertThrows(JsonProcessingException.class, () -> Json.INPUT.readTree(json), "no repeated key in " + json);
            return new int[] {0, 1};
        }
        assertArrayEquals(expected, actual, json);
        return new int[] {expected[0] == null ? 0 : 1, 0};
    }

    @Test
    void malformedJsonFailsAtTheSamePlaceAsTheTree() {
        // Errors are reported with line and column, so both paths must stop at the same character.
        for (String json : List.of("{\"plan\": {\"meals\": [", "{\"plan\":{\"meals\":[{\"day\":01}]}}",
                "{\"x\": [1, 2,, 3], \"plan\": {}}", "{\"plan_id\": \"a\nb\"}", "{\"plan\": {\"total_cost\": 1.}}",
                "{\"plan\":\n {\"meals\": [{\"ingredients\": [\"a\" \"b\"]}]}}", "{\"a\":1 \"b\":2}")) {
            JsonProcessingException tree = assertThrows(JsonProcessingException.class, () -> Json.MAPPER.readTree(json));
            JsonProcessingException stream = assertThrows(JsonProcessingException.class, () -> read(json));
            assertEquals(tree.getLocation().getLineNr(), stream.getLocation().getLineNr(), json);
            assertEquals(tree.getLocation().getColumnNr(), stream.getLocation().getColumnNr(), json);
        }
    }

    @Test
    void negativeZeroAfterABigInteger() throws IOException {
        // Jackson 2.18 gave the big integer again for the float unless its number type was asked first.
        String json = "{\"plan\":{\"total_cost\":123456789012345678901234,\"meals\":[{\"cost\":-0.0}]}}";
        assertEquals(TreeOracle.plan(Json.MAPPER.readTree(json).get("plan")), read(json).plan());
    }

    @Test
    void theSimulatorsPayloadShape() throws IOException {
        String json = "{\"plan_id\":\"P1\",\"plan\":{\"plan_id\":\"P1\",\"meals\":[{\"day\":1,\"slot\":\"dinner\","
                + "\"recipe\":\"r\",\"prep_minutes\":30,\"cost\":4.25,\"ingredients\":[\"rice\",\"egg\"]}],"
                + "\"total_cost\":4.25}}";
        PayloadReader.Payload p = read(json);
        assertEquals("P1", p.planId());
        assertEquals(TreeOracle.plan(Json.MAPPER.readTree(json).get("plan")), p.plan());
        assertEquals(List.of("rice", "egg"), texts((List<?>) ((org.apache.avro.generic.GenericData.Record)
                ((List<?>) p.plan().get("meals")).get(0)).get("ingredients")));
    }

    @Test
    void contextPantryAndArraysAsTheTree() throws IOException {
        // Random roots of every kind, read from UTF-8 bytes as the build reads them.
        Random r = new Random(12);
        int items = 0;
        for (int i = 0; i < 5000; i++) {
            String json = switch (r.nextInt(4)) {
                case 0 -> array(r, () -> r.nextInt(4) == 0 ? scalar(r) : item(r));
                case 1 -> array(r, () -> r.nextBoolean() ? "\"s" + r.nextInt(5) + "\"" : scalar(r));
                case 2 -> context(r);
                default -> scalar(r);
            };
            JsonNode tree = Json.MAPPER.readTree(json);
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            Object[] pantry = new Object[1];
            same(json, () -> new Object[] {TreeOracle.pantry(tree)}, () -> {
                try (JsonParser p = Json.MAPPER.getFactory().createParser(utf8)) {
                    pantry[0] = PayloadReader.pantry(p, p.nextToken());
                    return new Object[] {pantry[0]};
                }
            });
            items += pantry[0] == null ? 0 : ((List<?>) ((GenericData.Record) pantry[0]).get("items")).size();
            same(json, () -> new Object[] {TreeOracle.strings(tree)}, () -> {
                try (JsonParser p = Json.MAPPER.getFactory().createParser(utf8)) {
                    return new Object[] {texts(PayloadReader.strings(p, p.nextToken()))};
                }
            });
            if (tree.isObject()) {
                same(json, () -> new Object[] {TreeOracle.text(tree.get("workflow_type")), TreeOracle.text(tree.get("mode")),
                    TreeOracle.text(tree.get("policy_version_id"))}, () -> {
                        try (JsonParser p = Json.MAPPER.getFactory().createParser(utf8)) {
                            p.nextToken();
                            PayloadReader.Context c = PayloadReader.context(p);
                            return new Object[] {c.workflowType(), c.mode(), c.policyVersionId()};
                        }
                    });
            }
        }
        assertTrue(items > 100, "items were really read: " + items);
        assertEquals(TreeOracle.pantry(null), PayloadReader.emptyPantry());
    }

    @Test
    void wordsAreOneInstancePerTextAndStayEqualToTheParsersText() throws IOException {
        PayloadReader.Words words = new PayloadReader.Words();
        Random r = new Random(21);
        java.util.Map<String, EncodedText> first = new java.util.HashMap<>();
        java.util.Map<String, Integer> order = new java.util.HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            // ~44,000 distinct texts: the table grows many times, then keeps no new ones past MAX
            String text = (r.nextInt(9) == 0 ? "ü\uD83D\uDE00" : "") + "w" + r.nextInt(40_000);
            try (JsonParser p = Json.MAPPER.getFactory().createParser(Json.MAPPER.writeValueAsBytes(List.of(text)))) {
                p.nextToken();
                p.nextToken();
                EncodedText w = words.of(p);
                assertEquals(text, w.toString());
                assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), w.utf8().getBytes(), "the UTF-8 it carries");
                order.putIfAbsent(text, order.size());
                EncodedText seen = first.putIfAbsent(text, w);
                if (seen != null && order.get(text) < PayloadReader.Words.MAX) {
                    assertSame(seen, w, "one instance for a kept text: " + text);
                }
            }
        }
        assertTrue(first.size() > PayloadReader.Words.MAX, "past the cap: " + first.size());
    }

    private static List<String> texts(List<?> values) {
        return values.stream().map(Object::toString).toList();
    }

    private static String array(Random r, java.util.function.Supplier<String> element) {
        StringBuilder b = new StringBuilder("[");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(i > 0 ? "," : "").append(element.get());
        }
        return b.append(']').toString();
    }

    private static String item(Random r) {
        return flatObject(r, "name", "quantity", "unit", "x");
    }

    private static String context(Random r) {
        return flatObject(r, "workflow_type", "mode", "policy_version_id", "session");
    }

    /** An object of up to 4 fields drawn from {@code keys} (repeats allowed), with scalar values. */
    private static String flatObject(Random r, String... keys) {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(i > 0 ? "," : "").append('"').append(keys[r.nextInt(keys.length)]).append("\":").append(scalar(r));
        }
        return b.append('}').toString();
    }

    private static PayloadReader.Payload read(String json) throws IOException {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            return PayloadReader.payload(p);
        }
    }

    /** A payload object with random (often wrong-typed, sometimes duplicated) fields. */
    private static String payload(Random r) {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            switch (r.nextInt(4)) {
                case 0, 1 -> b.append("\"plan\":").append(r.nextInt(6) == 0 ? scalar(r) : plan(r));
                case 2 -> b.append("\"plan_id\":").append(scalar(r));
                default -> b.append("\"noise\":").append(r.nextBoolean() ? scalar(r) : plan(r));
            }
        }
        return b.append('}').toString();
    }

    private static String plan(Random r) {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            String k = PLAN_KEYS[r.nextInt(PLAN_KEYS.length)];
            b.append('"').append(k).append("\":");
            if (k.equals("meals") && r.nextInt(5) != 0) {
                b.append('[');
                int m = r.nextInt(4);
                for (int j = 0; j < m; j++) {
                    b.append(j > 0 ? "," : "").append(r.nextInt(6) == 0 ? scalar(r) : meal(r));
                }
                b.append(']');
            } else {
                b.append(scalar(r));
            }
        }
        return b.append('}').toString();
    }

    private static String meal(Random r) {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            String k = MEAL_KEYS[r.nextInt(MEAL_KEYS.length)];
            b.append('"').append(k).append("\":");
            if (k.equals("ingredients") && r.nextInt(4) != 0) {
                b.append('[');
                int m = r.nextInt(4);
                for (int j = 0; j < m; j++) {
                    b.append(j > 0 ? "," : "").append(r.nextBoolean() ? "\"i" + r.nextInt(9) + "\"" : scalar(r));
                }
                b.append(']');
            } else {
                b.append(scalar(r));
            }
        }
        return b.append('}').toString();
    }

    private static String scalar(Random r) {
        return SCALARS[r.nextInt(SCALARS.length)];
    }
}
