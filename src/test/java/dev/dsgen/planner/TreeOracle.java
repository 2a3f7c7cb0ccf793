package dev.dsgen.planner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;

/**
 * The example values read from JSON trees, field by field: the reference the streaming readers
 * ({@link PayloadReader}) are compared with. The build used these before it read JSON as a stream.
 */
final class TreeOracle {
    private TreeOracle() {
    }

    /** A plan object from event JSON; fields of the wrong type become null. */
    static GenericData.Record plan(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        GenericData.Record r = new GenericData.Record(ExampleSchema.PLAN);
        r.put("plan_id", text(n.get("plan_id")));
        JsonNode meals = n.get("meals");
        List<GenericData.Record> out = new ArrayList<>();
        if (meals != null && meals.isArray()) {
            for (JsonNode m : meals) {
                if (!m.isObject()) {
                    continue;
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
        }
        r.put("meals", out);
        r.put("total_cost", number(n.get("total_cost")));
        return r;
    }

    static GenericData.Record pantry(JsonNode items) {
        GenericData.Record r = new GenericData.Record(ExampleSchema.PANTRY);
        List<GenericData.Record> out = new ArrayList<>();
        if (items != null && items.isArray()) {
            for (JsonNode i : items) {
                if (!i.isObject()) {
                    continue;
                }
                GenericData.Record item = new GenericData.Record(ExampleSchema.ITEM);
                item.put("name", text(i.get("name")));
                item.put("quantity", number(i.get("quantity")));
                item.put("unit", text(i.get("unit")));
                out.add(item);
            }
        }
        r.put("items", out);
        return r;
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    static Integer integer(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToInt() ? n.intValue() : null;
    }

    static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.doubleValue() : null;
    }

    /** A JSON array of strings (non-strings skipped); absent or null gives an empty list. */
    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            for (JsonNode v : n) {
                if (v.isTextual()) {
                    out.add(v.textValue());
                }
            }
        }
        return out;
    }
}
