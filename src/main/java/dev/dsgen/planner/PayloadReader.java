package dev.dsgen.planner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;

/**
 * An event payload object read with the streaming parser straight into the plan record: the same
 * values as building the JSON tree and then {@link ExampleSchema#plan} (duplicate keys: the last
 * one wins; fields of the wrong type become null; non-object meals and non-string ingredients are
 * skipped), without the tree's maps and nodes, which were most of the JSON cost per event. The
 * caller hands over a parser positioned on the root START_OBJECT; everything up to the matching
 * END_OBJECT is tokenized, so malformed JSON fails where the tree parser would.
 */
final class PayloadReader {
    /** The two payload fields the build uses. */
    record Payload(GenericData.Record plan, String planId) {
    }

    private PayloadReader() {
    }

    static Payload payload(JsonParser p) throws IOException {
        GenericData.Record plan = null;
        String planId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "plan" -> plan = t == JsonToken.START_OBJECT ? plan(p) : skip(p);
                case "plan_id" -> planId = text(p, t);
                default -> p.skipChildren();
            }
        }
        return new Payload(plan, planId);
    }

    private static GenericData.Record plan(JsonParser p) throws IOException {
        GenericData.Record r = new GenericData.Record(ExampleSchema.PLAN);
        List<GenericData.Record> meals = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "plan_id" -> r.put("plan_id", text(p, t));
                case "total_cost" -> r.put("total_cost", number(p, t));
                case "meals" -> {
                    meals = new ArrayList<>();
                    if (t == JsonToken.START_ARRAY) {
                        JsonToken e;
                        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (e == JsonToken.START_OBJECT) {
                                meals.add(meal(p));
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        r.put("meals", meals);
        return r;
    }

    private static GenericData.Record meal(JsonParser p) throws IOException {
        GenericData.Record m = new GenericData.Record(ExampleSchema.MEAL);
        List<String> ingredients = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "day" -> m.put("day", integer(p, t));
                case "slot" -> m.put("slot", text(p, t));
                case "recipe" -> m.put("recipe", text(p, t));
                case "prep_minutes" -> m.put("prep_minutes", integer(p, t));
                case "cost" -> m.put("cost", number(p, t));
                case "ingredients" -> ingredients = strings(p, t);
                default -> p.skipChildren();
            }
        }
        m.put("ingredients", ingredients);
        return m;
    }

    private static <T> T skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /** As {@link ExampleSchema#text}: scalars as the tree node's text, null and containers as null. */
    static String text(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> Integer.toString(p.getIntValue());
                case LONG -> Long.toString(p.getLongValue());
                default -> p.getBigIntegerValue().toString();
            };
            case VALUE_NUMBER_FLOAT -> Double.toString(floating(p)); // the tree keeps a double
            default -> skip(p);
        };
    }

    /** As {@link ExampleSchema#integer}: only integers that fit an int. */
    static Integer integer(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        return skip(p);
    }

    /** As {@link ExampleSchema#number}: any number, as the tree node's double value. */
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
        return skip(p);
    }

    /**
     * A float token's double as the tree reads it: asking the number type first, as the tree does;
     * without it Jackson 2.18 returned a stale value for "-0.0" after a big integer (see the test).
     */
    private static double floating(JsonParser p) throws IOException {
        p.getNumberType();
        return p.getDoubleValue();
    }

    /** As {@link ExampleSchema#strings}: the string elements of an array, else empty. */
    static List<String> strings(JsonParser p, JsonToken t) throws IOException {
        List<String> out = new ArrayList<>();
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return out;
        }
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == JsonToken.VALUE_STRING) {
                out.add(p.getText());
            } else {
                p.skipChildren();
            }
        }
        return out;
    }
}
