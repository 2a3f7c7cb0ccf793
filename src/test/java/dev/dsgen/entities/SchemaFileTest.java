package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.csv;
import static dev.dsgen.entities.EntityTestSupport.csvHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.core.Rng;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dsgen.entities.EntityTestSupport.Run;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading automotive_schemas.json: strict about syntax and types, tolerant about missing content. */
class SchemaFileTest {
    @TempDir
    Path tmp;

    @Test
    void theSampleSchemaLoadsWithoutWarnings() {
        SchemaFile schema = SchemaFile.load(EntityTestSupport.SAMPLE_SCHEMA);
        assertEquals(1, schema.schemaVersion());
        assertEquals(List.of(), schema.unknownEntities());
        List<String> warnings = new ArrayList<>();
        for (Source s : Source.values()) {
            List<FieldSpec> fields = schema.fieldsFor(s, warnings);
            List<String> names = fields.stream().map(FieldSpec::name).toList();
            assertTrue(names.containsAll(s.requiredFields().keySet()), s + " " + names);
            for (FieldSpec f : fields) {
                FieldType canonical = s.requiredFields().get(f.name());
                if (canonical != null) {
                    assertEquals(canonical, f.type(), s + "." + f.name());
                }
            }
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void malformedJsonIsAnInputErrorNamingFileAndLine() throws IOException {
        Path file = write("broken.json", "{\n  \"entities\": {\n    \"leads\": {\"fields\": [\n      {\"name\": \"id\" \"type\": \"id\"}\n");
        DsgenException e = assertThrows(DsgenException.class, () -> SchemaFile.load(file));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void truncatedJsonIsAnInputError() throws IOException {
        Path file = write("truncated.json", "{\"entities\": {\"leads\": ");
        DsgenException e = assertThrows(DsgenException.class, () -> SchemaFile.load(file));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("line"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated.json"), e.getMessage());
    }

    @Test
    void unknownFieldTypeIsAnInputErrorNamingTheTypeAndLine() throws IOException {
        Path file = write("type.json", """
                {
                  "entities": {
                    "leads": {
                      "fields": [
                        {"name": "id", "type": "id"},
                        {"name": "vehicle", "type": "spaceship"}
                      ]
                    }
                  }
                }
                """);
        DsgenException e = assertThrows(DsgenException.class, () -> SchemaFile.load(file));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("spaceship"), e.getMessage());
        assertTrue(e.getMessage().contains("line 6"), e.getMessage());
        assertTrue(e.getMessage().contains("type.json"), e.getMessage());
    }

    @Test
    void unknownKeysAreInputErrors() throws IOException {
        Path top = write("top.json", "{\"entities\": {}, \"entitys\": {}}");
        DsgenException e = assertThrows(DsgenException.class, () -> SchemaFile.load(top));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("'entitys'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());

        Path field = write("field.json", """
                {"entities": {"leads": {"fields": [
                  {"name": "email", "type": "email", "colour": "red"}
                ]}}}
                """);
        DsgenException f = assertThrows(DsgenException.class, () -> SchemaFile.load(field));
        assertEquals(ExitCode.INPUT, f.exitCode());
        assertTrue(f.getMessage().contains("'colour'"), f.getMessage());
        assertTrue(f.getMessage().contains("line 2"), f.getMessage());
    }

    @Test
    void badFieldOptionsAreInputErrors() throws IOException {
        for (String field : List.of(
                "{\"name\": \"status\", \"type\": \"enum\"}",
                "{\"name\": \"status\", \"type\": \"enum\", \"values\": [\"a\", \"b\"], \"weights\": [1]}",
                "{\"name\": \"price\", \"type\": \"decimal\", \"min\": 5, \"max\": 1}",
                "{\"name\": \"colour\", \"type\": \"faker\"}",
                "{\"name\": \"note\", \"type\": \"email\", \"null_rate\": 1.5}",
                "{\"name\": \"bad name\", \"type\": \"email\"}",
                "{\"type\": \"email\"}")) {
            Path file = write("opt.json", "{\"entities\": {\"leads\": {\"fields\": [\n" + field + "\n]}}}");
            DsgenException e = assertThrows(DsgenException.class, () -> SchemaFile.load(file), field);
            assertEquals(ExitCode.INPUT, e.exitCode(), field);
            assertTrue(e.getMessage().contains("line"), e.getMessage());
        }
    }

    @Test
    void aMissingFileIsAnInputError() {
        DsgenException e = assertThrows(DsgenException.class, () -> SchemaFile.load(tmp.resolve("nope.json")));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
    }

    @Test
    void missingRequiredFieldsAndEntitiesAreFilledWithWarnings() throws IOException {
        Path file = write("partial.json", """
                {"entities": {
                  "leads": {"fields": [
                    {"name": "id", "type": "id"},
                    {"name": "email", "type": "first_name"},
                    {"name": "first_name", "type": "first_name"},
                    {"name": "last_name", "type": "last_name"},
                    {"name": "colour", "type": "faker", "expression": "#{Vehicle.color}"}
                  ]},
                  "sales": {"fields": [{"name": "id", "type": "id"}]},
                  "vehicles": {"fields": [{"name": "vin", "type": "vin"}]}
                }}
                """);
        SchemaFile schema = SchemaFile.load(file);
        assertEquals(List.of("vehicles"), schema.unknownEntities());
        List<String> warnings = new ArrayList<>();
        List<FieldSpec> leads = schema.fieldsFor(Source.LEADS, warnings);
        List<String> names = leads.stream().map(FieldSpec::name).toList();
        // Declared fields first, in order, then the missing required ones in seed-001 order.
        assertEquals(List.of("id", "email", "first_name", "last_name", "colour", "phone", "company", "address", "city",
                "state", "zip", "country", "source", "created_at"), names);
        assertEquals(FieldType.EMAIL, leads.get(1).type(), "wrongly typed required field corrected");
        assertTrue(warnings.contains("leads.email declared as first_name, generated as email"), warnings.toString());
        assertTrue(warnings.contains("leads.phone is missing from the schema: filled as phone"), warnings.toString());
        warnings.clear();
        List<FieldSpec> financial = schema.fieldsFor(Source.FINANCIAL, warnings);
        assertEquals(List.copyOf(Source.FINANCIAL.requiredFields().keySet()),
                financial.stream().map(FieldSpec::name).toList());
        assertEquals(List.of("entity 'financial' is missing from the schema: generated with its required fields"), warnings);
    }

    @Test
    void aFakerFieldGeneratesDatafakerValuesAndMissingFieldsAreGenerated() throws IOException {
        // The sample schema plus a faker column, minus leads.phone and leads.company, plus an unknown entity.
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(EntityTestSupport.SAMPLE_SCHEMA.toFile());
        ArrayNode leadFields = (ArrayNode) root.get("entities").get("leads").get("fields");
        for (int i = leadFields.size() - 1; i >= 0; i--) {
            String name = leadFields.get(i).get("name").asText();
            if (name.equals("phone") || name.equals("company")) {
                leadFields.remove(i);
            }
        }
        leadFields.addObject().put("name", "car_colour").put("type", "faker").put("expression", "#{Vehicle.color}");
        ((ObjectNode) root.get("entities")).putObject("trucks").putArray("fields").addObject()
                .put("name", "id").put("type", "id");
        Path file = tmp.resolve("faker.json");
        Json.MAPPER.writeValue(file.toFile(), root);

        Path dir = EntityTestSupport.newDir("faker");
        SynthConfig cfg = EntityTestSupport.withSchema(
                EntityTestSupport.config(dir, 5, 400, 300, 300, PiiMode.PLAIN, 1), file);
        Run run = EntityTestSupport.run(cfg);

        // Every colour is one Datafaker can produce, and there is variety.
        Set<String> datafakerColours = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Faker faker = new Faker(Locale.US, new Random(i));
            for (int k = 0; k < 100; k++) {
                datafakerColours.add(faker.vehicle().color());
            }
        }
        List<Map<String, String>> leads = csv(run.records(Source.LEADS));
        Set<String> colours = new HashSet<>();
        for (Map<String, String> row : leads) {
            String c = row.get("car_colour");
            assertTrue(datafakerColours.contains(c), "'" + c + "' is not a Datafaker vehicle colour");
            colours.add(c);
        }
        assertTrue(colours.size() >= 5, colours.toString());

        // The missing required columns were appended and generated, and they are valid.
        List<String> header = csvHeader(run.records(Source.LEADS));
        assertEquals(List.of("car_colour", "phone", "company"), header.subList(header.size() - 3, header.size()));
        int phones = 0;
        for (Map<String, String> row : leads) {
            if (!row.get("phone").isEmpty()) {
                assertTrue(EntityTestSupport.validPhone(row.get("phone")), row.toString());
                phones++;
            }
        }
        assertTrue(phones > 350, phones + " phones");
        assertTrue(leads.stream().filter(r -> !r.get("company").isEmpty()).count() > 100);
        @SuppressWarnings("unchecked")
        List<String> warnings = (List<String>) run.result().summary().get("warnings");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'trucks'")), warnings.toString());
        assertTrue(warnings.contains("leads.phone is missing from the schema: filled as phone"), warnings.toString());
        assertTrue(warnings.contains("leads.company is missing from the schema: filled as company"), warnings.toString());
        // Warnings are in the metadata sidecar too.
        assertTrue(Files.readString(run.outdir().resolve("_metadata.json")).contains("leads.phone is missing"));
        // Schema warnings do not fail validation: all required columns are present.
        assertTrue(run.result().report().results().stream()
                .filter(r -> r.rule().endsWith("required_columns")).allMatch(r -> r.passed()));
        EntityTestSupport.deleteTree(dir);
    }

    /**
     * Seed 001 §4.1: a field missing from the schema is generated best-effort. Required fields of
     * type enum (leads.source) or decimal (sales.order_value, financial.amount) get a default spec
     * without values or min/max, and RecordFactory then fails with a NullPointerException (exit 1).
     */
    @Test
    void runsWithSchemasMissingRequiredEnumOrDecimalFieldsOrAWholeEntity() throws IOException {
        for (String[] drop : new String[][] {{"financial", null}, {"leads", "source"}, {"sales", "order_value"}}) {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(EntityTestSupport.SAMPLE_SCHEMA.toFile());
            ObjectNode entities = (ObjectNode) root.get("entities");
            if (drop[1] == null) {
                entities.remove(drop[0]);
            } else {
                ArrayNode fields = (ArrayNode) entities.get(drop[0]).get("fields");
                for (int i = fields.size() - 1; i >= 0; i--) {
                    if (fields.get(i).get("name").asText().equals(drop[1])) {
                        fields.remove(i);
                    }
                }
            }
            Path file = tmp.resolve("missing-" + drop[0] + ".json");
            Json.MAPPER.writeValue(file.toFile(), root);
            Path dir = EntityTestSupport.newDir("missing");
            SynthConfig cfg = EntityTestSupport.withSchema(
                    EntityTestSupport.config(dir, 5, 300, 300, 300, PiiMode.PLAIN, 1), file);
            Run run = EntityTestSupport.run(cfg);
            Source source = Source.byKey(drop[0]);
            assertEquals(List.copyOf(source.requiredFields().keySet()).size(),
                    csvHeader(run.records(source)).stream().filter(source.requiredFields()::containsKey).count());
            for (Map<String, String> row : csv(run.records(source))) {
                for (String col : source.requiredFields().keySet()) {
                    assertFalse(row.get(col) == null, col);
                }
            }
            EntityTestSupport.deleteTree(dir);
        }
    }

    @Test
    void aBadDatafakerExpressionIsAnInputError() {
        for (String expression : List.of("#{Nope.nothing}", "just text")) {
            Map<Source, List<FieldSpec>> fields = new EnumMap<>(Source.class);
            fields.put(Source.LEADS, List.of(FieldSpec.json("colour", FieldType.FAKER, null, null, null, null, null, null,
                    expression, null, null, null)));
            DsgenException e = assertThrows(DsgenException.class, () -> FakerPools.build(1, fields, "s.json"), expression);
            assertEquals(ExitCode.INPUT, e.exitCode());
            assertTrue(e.getMessage().contains("leads.colour"), e.getMessage());
            assertTrue(e.getMessage().contains(expression), e.getMessage());
            assertTrue(e.getMessage().contains("s.json"), e.getMessage());
        }
    }

    @Test
    void aRunWithABadDatafakerExpressionFailsWithInputAndLeavesNoOutputs() throws IOException {
        Path file = write("badfaker.json", """
                {"entities": {"leads": {"fields": [
                  {"name": "id", "type": "id"},
                  {"name": "colour", "type": "faker", "expression": "#{Nope.nothing}"}
                ]}}}
                """);
        Path dir = EntityTestSupport.newDir("badfaker");
        SynthConfig cfg = EntityTestSupport.withSchema(
                EntityTestSupport.config(dir, 5, 300, 300, 300, PiiMode.PLAIN, 1), file);
        DsgenException e = assertThrows(DsgenException.class, () -> new SynthEntities(cfg, dev.dsgen.core.Progress.NONE).run());
        assertEquals(ExitCode.INPUT, e.exitCode());
        for (Path out : EntityTestSupport.outputPaths(cfg)) {
            assertFalse(Files.exists(out), out + " must not exist after a failed run");
        }
        EntityTestSupport.deleteTree(dir);
    }

    @Test
    void fakerPoolsAreSeededPerColumn() {
        Map<Source, List<FieldSpec>> fields = new EnumMap<>(Source.class);
        fields.put(Source.LEADS, List.of(FieldSpec.json("colour", FieldType.FAKER, null, null, null, null, null, null,
                "#{Vehicle.color}", null, null, null)));
        FakerPools a = FakerPools.build(9, fields, "s.json");
        FakerPools b = FakerPools.build(9, fields, "s.json");
        FieldSpec f = fields.get(Source.LEADS).get(0);
        for (long i = 0; i < 200; i++) {
            assertEquals(a.value(Source.LEADS, f, new Rng(i)), b.value(Source.LEADS, f, new Rng(i)));
        }
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void onlyWhenMustNameAnotherFieldOfTheEntity() throws IOException {
        Path schema = Files.writeString(tmp.resolve("only.json"), "{\"entities\": {\"financial\": {\"fields\": [\n"
                + "{\"name\": \"id\", \"type\": \"id\"},\n"
                + "{\"name\": \"term\", \"type\": \"integer\", \"min\": 12, \"max\": 84,"
                + " \"only_when\": {\"payment\": [\"loan\"]}}]}}}");
        DsgenException e = assertThrows(DsgenException.class, () -> SchemaFile.load(schema));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("only_when") && e.getMessage().contains("payment")
                && e.getMessage().contains("line"), e.getMessage());
    }
}
