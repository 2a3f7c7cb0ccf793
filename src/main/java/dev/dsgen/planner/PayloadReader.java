package dev.dsgen.planner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.dsgen.io.EncodedText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;

/**
 * The source JSON (event payload and context, pantry items, household string arrays) read with the
 * streaming parser straight into the example's values, without the tree's maps and nodes, which
 * were most of the JSON cost per event. A field of the wrong type (a plan that is a string, a cost
 * that is text, a meal that is a number) is a {@link WrongType}, never a silently empty value:
 * JSON null counts as absent. Duplicate keys: the last one wins. Each reader is handed a parser on
 * the root value's first token and tokenizes everything up to its end, so malformed JSON fails
 * where the tree parser would.
 */
final class PayloadReader {
    /** The two payload fields the build uses. */
    record Payload(GenericData.Record plan, String planId) {
    }

    /** The context fields the build uses, as the text of the tree's scalar values (else null). */
    record Context(String workflowType, String mode, String policyVersionId) {
    }

    private static final int PLAN_ID = ExampleSchema.PLAN.getField("plan_id").pos();
    private static final int PLAN_MEALS = ExampleSchema.PLAN.getField("meals").pos();
    private static final int PLAN_TOTAL = ExampleSchema.PLAN.getField("total_cost").pos();
    private static final int MEAL_DAY = ExampleSchema.MEAL.getField("day").pos();
    private static final int MEAL_SLOT = ExampleSchema.MEAL.getField("slot").pos();
    private static final int MEAL_RECIPE = ExampleSchema.MEAL.getField("recipe").pos();
    private static final int MEAL_PREP = ExampleSchema.MEAL.getField("prep_minutes").pos();
    private static final int MEAL_COST = ExampleSchema.MEAL.getField("cost").pos();
    private static final int MEAL_INGREDIENTS = ExampleSchema.MEAL.getField("ingredients").pos();
    private static final int ITEM_NAME = ExampleSchema.ITEM.getField("name").pos();
    private static final int ITEM_QUANTITY = ExampleSchema.ITEM.getField("quantity").pos();
    private static final int ITEM_UNIT = ExampleSchema.ITEM.getField("unit").pos();
    private static final int PANTRY_ITEMS = ExampleSchema.PANTRY.getField("items").pos();

    private PayloadReader() {
    }

    /** A value of the wrong type; the message names it by its JSON Pointer ("/plan/meals/0/cost"). */
    static final class WrongType extends RuntimeException {
        WrongType(String message) {
            super(message);
        }
    }

    private static WrongType wrong(JsonParser p, JsonToken t, String expected) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        String got = switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> String.valueOf(t);
        };
        return new WrongType((pointer.isEmpty() ? "the value" : pointer) + " must be " + expected + ", not " + got);
    }

    static Payload payload(JsonParser p) throws IOException {
        GenericData.Record plan = null;
        String planId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "plan" -> plan = t == JsonToken.START_OBJECT ? plan(p) : absent(p, t, "an object");
                case "plan_id" -> planId = text(p, t);
                default -> p.skipChildren();
            }
        }
        return new Payload(plan, planId);
    }

    /** An event context object; {@code p} on its START_OBJECT. */
    static Context context(JsonParser p) throws IOException {
        String workflowType = null;
        String mode = null;
        String policy = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "workflow_type" -> workflowType = text(p, t);
                case "mode" -> mode = text(p, t);
                case "policy_version_id" -> policy = text(p, t);
                default -> p.skipChildren();
            }
        }
        return new Context(workflowType, mode, policy);
    }

    /** A pantry snapshot's items: a root array of objects (null elements skipped; null: no items). */
    static GenericData.Record pantry(JsonParser p, JsonToken first) throws IOException {
        return pantry(elements(p, first, "an array of objects", (q, e) -> e == JsonToken.START_OBJECT ? item(q)
                : absent(q, e, "an object")));
    }

    /** The pantry of a snapshot whose items are SQL NULL. */
    static GenericData.Record emptyPantry() {
        return pantry(new ArrayList<>());
    }

    private static GenericData.Record pantry(List<GenericData.Record> items) {
        GenericData.Record r = new GenericData.Record(ExampleSchema.PANTRY);
        r.put(PANTRY_ITEMS, items);
        return r;
    }

    private static GenericData.Record item(JsonParser p) throws IOException {
        GenericData.Record r = new GenericData.Record(ExampleSchema.ITEM);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "name" -> r.put(ITEM_NAME, word(p, t));
                case "quantity" -> r.put(ITEM_QUANTITY, number(p, t));
                case "unit" -> r.put(ITEM_UNIT, word(p, t));
                default -> p.skipChildren();
            }
        }
        return r;
    }

    private static GenericData.Record plan(JsonParser p) throws IOException {
        GenericData.Record r = new GenericData.Record(ExampleSchema.PLAN);
        List<GenericData.Record> meals = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "plan_id" -> r.put(PLAN_ID, text(p, t));
                case "total_cost" -> r.put(PLAN_TOTAL, number(p, t));
                case "meals" -> meals = elements(p, t, "an array of objects",
                        (q, e) -> e == JsonToken.START_OBJECT ? meal(q) : absent(q, e, "an object"));
                default -> p.skipChildren();
            }
        }
        r.put(PLAN_MEALS, meals);
        return r;
    }

    private static GenericData.Record meal(JsonParser p) throws IOException {
        GenericData.Record m = new GenericData.Record(ExampleSchema.MEAL);
        List<CharSequence> ingredients = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "day" -> m.put(MEAL_DAY, integer(p, t));
                case "slot" -> m.put(MEAL_SLOT, word(p, t));
                case "recipe" -> m.put(MEAL_RECIPE, word(p, t));
                case "prep_minutes" -> m.put(MEAL_PREP, integer(p, t));
                case "cost" -> m.put(MEAL_COST, number(p, t));
                case "ingredients" -> ingredients = strings(p, t);
                default -> p.skipChildren();
            }
        }
        m.put(MEAL_INGREDIENTS, ingredients);
        return m;
    }

    /** Null for JSON null; any other value is a {@link WrongType}. */
    private static <T> T absent(JsonParser p, JsonToken t, String expected) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrong(p, t, expected);
    }

    /** A string, or null for JSON null. */
    static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : absent(p, t, "a string");
    }

    /** An integer that fits an int, or null for JSON null. */
    static Integer integer(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        return absent(p, t, "a whole number that fits 32 bits");
    }

    /** Any number, as a double, or null for JSON null. */
    static Double number(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return switch (p.getNumberType()) {
                case INT -> (double) p.getIntValue();
                case LONG -> (double) p.getLongValue();
                default -> p.getBigIntegerValue().doubleValue();
            };
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return floating(p);
        }
        return absent(p, t, "a number");
    }

    /**
     * A float token's double as the tree reads it: asking the number type first, as the tree does;
     * without it Jackson 2.18 returned a stale value for "-0.0" after a big integer (see the test).
     */
    private static double floating(JsonParser p) throws IOException {
        p.getNumberType();
        return p.getDoubleValue();
    }

    /** An array of strings (null elements skipped); null gives an empty list. */
    static List<CharSequence> strings(JsonParser p, JsonToken t) throws IOException {
        return elements(p, t, "an array of strings",
                (q, e) -> e == JsonToken.VALUE_STRING ? WORDS.get().of(q) : absent(q, e, "a string"));
    }

    /** {@link #text}, with strings canonicalised: for the few hundred names a plan or pantry repeats. */
    static CharSequence word(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? WORDS.get().of(p) : absent(p, t, "a string");
    }

    private static final ThreadLocal<Words> WORDS = ThreadLocal.withInitial(Words::new);

    /**
     * One {@link EncodedText} per distinct text for the repeated names of plans and pantries
     * (recipes, slots, ingredients, units): looked up from the parser's characters without
     * allocating a String when it is known, and written to Parquet from the UTF-8 bytes it carries
     * (encoded once per text, not once per row). At most {@link #MAX} texts are kept; past that,
     * new texts get an instance each time.
     */
    static final class Words {
        static final int MAX = 1 << 15;
        private EncodedText[] table = new EncodedText[1 << 10];
        private int size;

        EncodedText of(JsonParser p) throws IOException {
            char[] buf = p.getTextCharacters();
            int off = p.getTextOffset();
            int len = p.getTextLength();
            int h = 0;
            for (int i = 0; i < len; i++) {
                h = 31 * h + buf[off + i]; // String.hashCode, which the found text has cached
            }
            int mask = table.length - 1;
            int i = (h ^ (h >>> 16)) & mask;
            for (EncodedText s; (s = table[i]) != null; i = (i + 1) & mask) {
                if (s.hashCode() == h && same(s.toString(), buf, off, len)) {
                    return s;
                }
            }
            EncodedText s = new EncodedText(new String(buf, off, len));
            if (size < MAX) {
                table[i] = s;
                if (++size * 2 > table.length) {
                    grow();
                }
            }
            return s;
        }

        private static boolean same(String s, char[] buf, int off, int len) {
            if (s.length() != len) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (s.charAt(i) != buf[off + i]) {
                    return false;
                }
            }
            return true;
        }

        private void grow() {
            EncodedText[] old = table;
            table = new EncodedText[old.length * 2];
            int mask = table.length - 1;
            for (EncodedText s : old) {
                if (s != null) {
                    int h = s.hashCode();
                    int i = (h ^ (h >>> 16)) & mask;
                    while (table[i] != null) {
                        i = (i + 1) & mask;
                    }
                    table[i] = s;
                }
            }
        }
    }

    /** Reads one array element, the parser on its first token: a value, or null to skip the element. */
    private interface Element<T> {
        T read(JsonParser p, JsonToken first) throws IOException;
    }

    /**
     * The elements of an array that {@code element} reads, in order (null ones skipped); JSON null
     * gives an empty list, any other value a {@link WrongType}.
     */
    private static <T> List<T> elements(JsonParser p, JsonToken first, String expected, Element<T> element)
            throws IOException {
        List<T> out = new ArrayList<>();
        if (first != JsonToken.START_ARRAY) {
            absent(p, first, expected);
            return out;
        }
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            T value = element.read(p, e);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }
}
