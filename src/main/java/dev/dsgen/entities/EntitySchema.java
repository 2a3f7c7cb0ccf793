package dev.dsgen.entities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One entity (source) of the schema file: its columns in output order. */
public record EntitySchema(String description, List<FieldSpec> fields) {

    @JsonCreator
    public static EntitySchema json(@JsonProperty("description") String description,
                                    @JsonProperty(value = "fields", required = true) List<FieldSpec> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("an entity needs a non-empty 'fields' list");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FieldSpec f : fields) {
            if (f == null) {
                throw new IllegalArgumentException("null field in 'fields'");
            }
            if (!seen.add(f.name())) {
                throw new IllegalArgumentException("field '" + f.name() + "' appears twice");
            }
        }
        for (FieldSpec f : fields) {
            if (f.onlyWhen() != null) {
                String other = f.onlyWhen().keySet().iterator().next();
                if (!seen.contains(other) || other.equals(f.name())) {
                    throw new IllegalArgumentException("field '" + f.name() + "': only_when names '" + other
                            + "', which is not another field of this entity");
                }
            }
        }
        return new EntitySchema(description, List.copyOf(fields));
    }
}
