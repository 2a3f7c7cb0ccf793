package dev.dsgen.entities;

import static dev.dsgen.entities.FieldType.*;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three record sources. Each has the required columns of seed 001 §4.1 with their canonical
 * types, an id prefix, and the data-entry conventions of that kind of system: a web lead form keeps
 * what people type, a dealer management system stores proper case and USPS abbreviations, a
 * finance system stores UPPER CASE and bare digits. Those conventions make cross-source matching
 * realistic without being noise.
 */
public enum Source {
    LEADS("leads", "LD-", "address", fields(
            "id", ID, "email", EMAIL, "phone", PHONE, "first_name", FIRST_NAME, "last_name", LAST_NAME,
            "company", COMPANY, "address", ADDRESS, "city", CITY, "state", STATE, "zip", ZIP,
            "country", COUNTRY, "source", ENUM, "created_at", TIMESTAMP)),
    SALES("sales", "CUS-", "address", fields(
            "id", ID, "email", EMAIL, "phone", PHONE, "first_name", FIRST_NAME, "last_name", LAST_NAME,
            "account", ACCOUNT, "address", ADDRESS, "city", CITY, "state", STATE, "zip", ZIP,
            "country", COUNTRY, "order_id", REF, "order_date", DATE, "order_value", DECIMAL)),
    FINANCIAL("financial", "FIN-", "billing_address", fields(
            "id", ID, "email", EMAIL, "phone", PHONE, "first_name", FIRST_NAME, "last_name", LAST_NAME,
            "account", ACCOUNT, "billing_address", ADDRESS, "city", CITY, "state", STATE, "zip", ZIP,
            "country", COUNTRY, "invoice_id", REF, "invoice_date", DATE, "amount", DECIMAL));

    private final String key;
    private final String idPrefix;
    private final String addressField;
    private final Map<String, FieldType> requiredFields;

    Source(String key, String idPrefix, String addressField, Map<String, FieldType> requiredFields) {
        this.key = key;
        this.idPrefix = idPrefix;
        this.addressField = addressField;
        this.requiredFields = requiredFields;
    }

    public String key() {
        return key;
    }

    public String idPrefix() {
        return idPrefix;
    }

    public String addressField() {
        return addressField;
    }

    /** Required column name to canonical type, in seed 001's column order. */
    public Map<String, FieldType> requiredFields() {
        return requiredFields;
    }

    /**
     * The column a schema lacks, generated with sensible options: lead channels with realistic
     * shares, two years of dates, vehicle-sized amounts, prefixed reference numbers.
     */
    public FieldSpec defaultField(String name) {
        FieldType type = requiredFields.get(name);
        return switch (name) {
            case "source" -> new FieldSpec(name, type,
                    java.util.List.of("website", "dealer_walk_in", "phone", "event", "referral", "third_party"),
                    java.util.List.of(45.0, 20.0, 12.0, 6.0, 7.0, 10.0), null, null, null, null, null, 0.0, null, null);
            case "order_value" -> new FieldSpec(name, type, null, null, 12_000.0, 95_000.0, null, null, null, 0.0, null, null);
            case "amount" -> new FieldSpec(name, type, null, null, 350.0, 95_000.0, null, null, null, 0.0, null, null);
            case "order_id" -> new FieldSpec(name, type, null, null, null, null, null, "SO-", null, 0.0, null, null);
            case "invoice_id" -> new FieldSpec(name, type, null, null, null, null, null, "INV-", null, 0.0, null, null);
            default -> FieldSpec.defaultFor(name, type);
        };
    }

    public static Source byKey(String key) {
        for (Source s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    private static Map<String, FieldType> fields(Object... nameType) {
        Map<String, FieldType> m = new LinkedHashMap<>();
        for (int i = 0; i < nameType.length; i += 2) {
            m.put((String) nameType[i], (FieldType) nameType[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
