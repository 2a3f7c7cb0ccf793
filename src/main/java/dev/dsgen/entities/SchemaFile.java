package dev.dsgen.entities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.dsgen.core.DsgenException;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code automotive_schemas.json}: entity name to its columns. Loading is strict about
 * syntax and types (exit 3 with line and column) and tolerant about content: entities or required
 * fields that are missing are filled in and reported as warnings.
 */
public record SchemaFile(int schemaVersion, Map<String, EntitySchema> entities) {

    @JsonCreator
    public static SchemaFile json(@JsonProperty("schema_version") Integer schemaVersion,
                                  @JsonProperty(value = "entities", required = true) Map<String, EntitySchema> entities) {
        if (entities == null) {
            throw new IllegalArgumentException("'entities' must be an object");
        }
        return new SchemaFile(schemaVersion == null ? 1 : schemaVersion, new LinkedHashMap<>(entities));
    }

    private static final ObjectReader READER = Json.INPUT.forType(SchemaFile.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** How the schema bundled in the JAR (a copy of samples/automotive_schemas.json) is named. */
    public static final String BUNDLED = "bundled:samples/automotive_schemas.json";
    /** How help and the sidecar's flags name the default schema. */
    public static final String BUNDLED_DESCRIPTION = "bundled schema (same as samples/automotive_schemas.json)";
    private static final String BUNDLED_RESOURCE = "/dev/dsgen/samples/automotive_schemas.json";

    /** Reads and checks a schema file; every failure is an input error naming file, line and column. */
    public static SchemaFile load(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw DsgenException.input("schema is a directory, not a file: " + file + " (--schema)");
            }
            text = Json.utf8(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw DsgenException.input("schema not found: " + file + " (--schema)");
        } catch (Json.NotUtf8Exception e) {
            throw DsgenException.input("schema " + file + " is " + e.getMessage() + " (--schema)");
        } catch (IOException e) {
            throw DsgenException.input("cannot read schema " + file + ": " + e.getMessage() + " (--schema)");
        }
        return parse(text, file.toString());
    }

    /** Checks a schema read elsewhere (stdin for {@code --schema -}), named {@code name} in errors. */
    public static SchemaFile parse(byte[] utf8, String name) {
        return parse(new String(utf8, java.nio.charset.StandardCharsets.UTF_8), name);
    }

    /** The sample schema shipped inside the JAR, used when no --schema is given. */
    public static SchemaFile loadBundled() {
        return parse(new String(bundledBytes(), java.nio.charset.StandardCharsets.UTF_8), BUNDLED);
    }

    public static byte[] bundledBytes() {
        try (var in = SchemaFile.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the JAR lacks " + BUNDLED_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SchemaFile parse(String text, String file) {
        try {
            SchemaFile schema = READER.readValue(text);
            if (schema == null) {
                throw DsgenException.input("schema " + file + " is empty (--schema)");
            }
            return schema;
        } catch (UnrecognizedPropertyException e) {
            throw DsgenException.input("unknown key '" + e.getPropertyName() + "' in schema " + file
                    + where(e.getLocation()) + " (--schema)");
        } catch (JsonProcessingException e) {
            String duplicate = Json.duplicateKey(e, text);
            if (duplicate != null) {
                throw DsgenException.input("malformed schema " + file + ": " + duplicate + " (--schema)");
            }
            String reason = rootMessage(e);
            var missing = java.util.regex.Pattern.compile("Missing required creator property '([^']+)'").matcher(reason);
            if (missing.find()) {
                reason = "missing required key '" + missing.group(1) + "'";
            }
            throw DsgenException.input("malformed schema " + file + where(e.getLocation()) + ": " + reason + " (--schema)");
        }
    }

    /**
     * The columns to generate for {@code source}: the schema's own fields in order, with required
     * fields that are absent appended (and a warning), and required fields of the wrong type
     * corrected to their canonical type (and a warning).
     */
    public List<FieldSpec> fieldsFor(Source source, List<String> warnings) {
        EntitySchema entity = entities.get(source.key());
        List<FieldSpec> out = new ArrayList<>();
        if (entity == null) {
            warnings.add("entity '" + source.key() + "' is missing from the schema: generated with its required fields");
        } else {
            for (FieldSpec f : entity.fields()) {
                FieldType canonical = source.requiredFields().get(f.name());
                if (canonical != null && canonical != f.type()) {
                    warnings.add(source.key() + "." + f.name() + " declared as " + f.type().jsonName()
                            + ", generated as " + canonical.jsonName());
                    out.add(source.defaultField(f.name()));
                } else {
                    out.add(f);
                }
            }
        }
        for (Map.Entry<String, FieldType> required : source.requiredFields().entrySet()) {
            boolean present = out.stream().anyMatch(f -> f.name().equals(required.getKey()));
            if (!present) {
                if (entity != null) {
                    warnings.add(source.key() + "." + required.getKey() + " is missing from the schema: filled as "
                            + required.getValue().jsonName());
                }
                out.add(source.defaultField(required.getKey()));
            }
        }
        return out;
    }

    /** Entities in the file that dsgen does not generate. */
    public List<String> unknownEntities() {
        List<String> unknown = new ArrayList<>();
        for (String name : entities.keySet()) {
            if (Source.byKey(name) == null) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private static String where(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String rootMessage(JsonProcessingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof JsonProcessingException jp) {
            return Json.reason(jp);
        }
        String msg = t.getMessage();
        if (msg == null) {
            return Json.reason(e);
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
