package dev.dsgen.planner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;

/**
 * The example values read from JSON trees, field by field: the reference the streaming readers
 * ({@link PayloadReader}) are compared with. A value of the wrong type throws {@link Wrong}; JSON
 * null and absent fields are absent.
 */
final class TreeOracle {
    private TreeOracle() {
    }

    /** A value of the wrong type somewhere in the tree. */
    static final class Wrong extends RuntimeException {
        Wrong(JsonNode n) {
            super(String.valueOf(n));
        }
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull();
    }

    /** A plan object from event JSON. */
    static GenericData.Record plan(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        if (!n.isObject()) {
            throw new Wrong(n);
        }
        GenericData.Record r = new GenericData.Record(ExampleSchema.PLAN);
        r.put("plan_id", text(n.get("plan_id")));
        List<GenericData.Record> out = new ArrayList<>();
        for (JsonNode m : array(n.get("meals"))) {
            if (absent(m)) {
                continue;
            }
            if (!m.isObject()) {
                throw new Wrong(m);
            }
            GenericData.Record meal = new GenericData.Record(ExampleSchema.MEAL);
            meal.put("day", integer(m.get("day")));
            meal.put("slot", text(m.get("slot")));
            meal.put("recipe", text(m.get("recipe")));
            meal.put("prep_minutes", integer(m.get("prep_minutes")));
            meal.put("cost", number(m.get("cost")));
            meal.put("ingredients", strings(m.get("ingredients")));
            out.add(meal);
        }
        r.put("meals", out);
        r.put("total_cost", number(n.get("total_cost")));
        return r;
    }

    static GenericData.Record pantry(JsonNode items) {
        GenericData.Record r = new GenericData.Record(ExampleSchema.PANTRY);
        List<GenericData.Record> out = new ArrayList<>();
        for (JsonNode i : array(items)) {
            if (absent(i)) {
                continue;
            }
            if (!i.isObject()) {
                throw new Wrong(i);
            }
            GenericData.Record item = new GenericData.Record(ExampleSchema.ITEM);
            item.put("name", text(i.get("name")));
            item.put("quantity", number(i.get("quantity")));
            item.put("unit", text(i.get("unit")));
            out.add(item);
        }
        r.put("items", out);
        return r;
    }

    /** The elements of an array; absent gives none; another value is wrong. */
    private static List<JsonNode> array(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (absent(n)) {
            return out;
        }
        if (!n.isArray()) {
            throw new Wrong(n);
        }
        n.forEach(out::add);
        return out;
    }

    static String text(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        if (!n.isTextual()) {
            throw new Wrong(n);
        }
        return n.textValue();
    }

    static Integer integer(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        if (!(n.isIntegralNumber() && n.canConvertToInt())) {
            throw new Wrong(n);
        }
        return n.intValue();
    }

    static Double number(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        if (!n.isNumber()) {
            throw new Wrong(n);
        }
        return n.doubleValue();
    }

    /** A JSON array of strings (null elements skipped); absent or null gives an empty list. */
    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(n)) {
            if (!absent(v)) {
                out.add(text(v));
            }
        }
        return out;
    }
}
