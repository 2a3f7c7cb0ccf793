package dev.dsgen.entities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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
                        || weights.stream().anyMatch(w -> w == null || w < 0))) {
                    throw new IllegalArgumentException("enum field '" + name + "': 'weights' needs one weight >= 0 per value");
                }
            }
            case DECIMAL, INTEGER -> {
                if (min == null || max == null || min > max) {
                    throw new IllegalArgumentException(type.jsonName() + " field '" + name + "' needs min <= max");
                }
            }
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
                if (daysBack != null && daysBack < 1) {
                    throw new IllegalArgumentException("field '" + name + "': days_back must be >= 1");
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

    /** A field synthesised because the schema lacked it. */
    public static FieldSpec defaultFor(String name, FieldType type) {
        return new FieldSpec(name, type, null, null, null, null, null, null, null, 0.0, null, null);
    }
}
