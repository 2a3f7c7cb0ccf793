package dev.dsgen.entities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The value kinds a schema field may declare; each has one generator in {@link RecordFactory}. */
public enum FieldType {
    ID, EMAIL, PHONE, FIRST_NAME, LAST_NAME, COMPANY, ACCOUNT, ADDRESS, CITY, STATE, ZIP, COUNTRY,
    TIMESTAMP, DATE, DECIMAL, INTEGER, ENUM, REF, VIN, VEHICLE_MAKE, VEHICLE_MODEL, VEHICLE_YEAR, FAKER;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FieldType fromJson(String text) {
        for (FieldType t : values()) {
            if (t.jsonName().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + text + "' (known: " + known() + ")");
    }

    public static String known() {
        return Arrays.stream(values()).map(FieldType::jsonName).collect(Collectors.joining(", "));
    }
}
