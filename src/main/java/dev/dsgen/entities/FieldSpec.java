package dev.dsgen.entities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dsgen.core.ReferenceTime;
import java.util.List;

/**
 * One column of an entity in {@code automotive_schemas.json}. Options apply to some types only:
 * {@code values}/{@code weights} (enum), {@code min}/{@code max} (decimal, integer, vehicle_year),
 * {@code days_back} (timestamp, date), {@code prefix} (ref), {@code expression} (faker, a Datafaker
 * expression such as {@code #{Vehicle.color}}), {@code null_rate} (any non-key field), and
 * {@code only_when} (any field: {@code {"payment_method": ["loan", "lease"]}} leaves the column
 * empty unless that other column of the record holds one of the listed values).
 */
public record FieldSpec(String name, FieldType type, List<String> values, List<Double> weights,
                        Double min, Double max, Integer daysBack, String prefix, String expression,
                        double nullRate, String description, java.util.Map<String, List<String>> onlyWhen) {

    @JsonCreator
    public static FieldSpec json(@JsonProperty(value = "name", required = true) String name,
                                 @JsonProperty(value = "type", required = true) FieldType type,
                                 @JsonProperty("values") List<String> values,
                                 @JsonProperty("weights") List<Double> weights,
                                 @JsonProperty("min") Double min,
                                 @JsonProperty("max") Double max,
                                 @JsonProperty("days_back") Integer daysBack,
                                 @JsonProperty("prefix") String prefix,
                                 @JsonProperty("expression") String expression,
                                 @JsonProperty("null_rate") Double nullRate,
                                 @JsonProperty("description") String description,
                                 @JsonProperty("only_when") java.util.Map<String, List<String>> onlyWhen) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("field name must be an identifier, got '" + name + "'");
        }
        if (type == null) {
            throw new IllegalArgumentException("field '" + name + "' has no type");
        }
        double rate = nullRate == null ? 0.0 : nullRate;
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("field '" + name + "': null_rate must be in [0,1], got " + nullRate);
        }
        switch (type) {
            case ENUM -> {
                if (values == null || values.isEmpty()) {
                    throw new IllegalArgumentException("enum field '" + name + "' needs a non-empty 'values' list");
                }
                if (weights != null && (weights.size() != values.size()
                        || weights.stream().anyMatch(w -> w == null || !(w >= 0) || w.isInfinite()))) {
                    throw new IllegalArgumentException("enum field '" + name + "': 'weights' needs one finite weight >= 0 per value");
                }
                if (weights != null && weights.stream().allMatch(w -> w == 0)) {
                    throw new IllegalArgumentException("enum field '" + name + "': 'weights' are all zero; at least one must be above 0");
                }
            }
            case DECIMAL -> {
                bounds(name, type, min, max, true, DECIMAL_LIMIT);
            }
            case INTEGER -> bounds(name, type, min, max, true, INTEGER_LIMIT);
            case VEHICLE_YEAR -> bounds(name, type, min, max, false, 9999);
            case FAKER -> {
                if (expression == null || expression.isBlank()) {
                    throw new IllegalArgumentException("faker field '" + name + "' needs an 'expression' such as #{Vehicle.color}");
                }
                // Datafaker's date and time providers read the wall clock and the default time zone:
                // output would change from run to run. dsgen's own types follow --reference-time.
                if (expression.toLowerCase(java.util.Locale.ROOT).matches(".*#\\{\\s*(date|time|timeandDate|timeanddate)\\..*")) {
                    throw new IllegalArgumentException("faker field '" + name + "': date and time expressions read the wall "
                            + "clock; use the types timestamp or date, which follow --reference-time");
                }
            }
            case TIMESTAMP, DATE -> {
                if (daysBack != null && (daysBack < 1 || daysBack > ReferenceTime.MAX_LOOKBACK_DAYS)) {
                    throw new IllegalArgumentException("field '" + name + "': days_back must be from 1 to "
                            + ReferenceTime.MAX_LOOKBACK_DAYS + ", got " + daysBack);
                }
            }
            default -> {
            }
        }
        if (onlyWhen != null && (onlyWhen.size() != 1 || onlyWhen.values().iterator().next() == null
                || onlyWhen.values().iterator().next().isEmpty())) {
            throw new IllegalArgumentException("field '" + name + "': only_when needs one column and a non-empty list of values");
        }
        return new FieldSpec(name, type, values, weights, min, max, daysBack, prefix, expression, rate, description,
                onlyWhen == null ? null : java.util.Map.copyOf(onlyWhen));
    }

    /** Integer bounds stay within the doubles that hold every whole number exactly. */
    static final double INTEGER_LIMIT = 0x1p53;
    /** Decimal bounds stay where a double still holds the cents that are written. */
    static final double DECIMAL_LIMIT = 1e13;

    /**
     * Checks min and max of a numeric field: finite, within {@code +-limit}, min <= max; both
     * required, or (vehicle_year) each optional with min <= max checked when both are given.
     */
    private static void bounds(String name, FieldType type, Double min, Double max, boolean required, double limit) {
        String what = type.jsonName() + " field '" + name + "'";
        if (required && (min == null || max == null)) {
            throw new IllegalArgumentException(what + " needs min and max");
        }
        for (Double v : new Double[] {min, max}) {
            if (v != null && !(Math.abs(v) <= limit)) {
                throw new IllegalArgumentException(what + ": min and max must be numbers from " + bound(-limit) + " to "
                        + bound(limit) + ", got " + bound(v));
            }
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException(what + ": min " + bound(min) + " is above max " + bound(max));
        }
    }

    private static String bound(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A field synthesised because the schema lacked it. */
    public static FieldSpec defaultFor(String name, FieldType type) {
        return new FieldSpec(name, type, null, null, null, null, null, null, null, 0.0, null, null);
    }
}
