package dev.dsgen.planner;

import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.parquet.column.ParquetProperties;

/**
 * The training example as spec §3.2 lays it out: {@code input} (household, pantry, constraints,
 * workflow_type, mode, previous_plan), {@code target} (accepted_plan, user_edits) and {@code
 * metadata} (timestamp, policy_version_id, event_id, plus the join facts that let the
 * point-in-time contract be checked on the output alone). Structs and arrays, no maps.
 */
final class ExampleSchema {
    static final Schema TS = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    static final Schema STRINGS = SchemaBuilder.array().items().stringType();

    static final Schema MEAL = SchemaBuilder.record("meal").namespace("dev.dsgen.planner").fields()
            .optionalInt("day").optionalString("slot").optionalString("recipe").optionalInt("prep_minutes")
            .optionalDouble("cost").name("ingredients").type(STRINGS).noDefault().endRecord();
    static final Schema PLAN = SchemaBuilder.record("plan").namespace("dev.dsgen.planner").fields()
            .optionalString("plan_id").name("meals").type(SchemaBuilder.array().items(MEAL)).noDefault()
            .optionalDouble("total_cost").endRecord();
    static final Schema HOUSEHOLD = SchemaBuilder.record("household").namespace("dev.dsgen.planner").fields()
            .requiredString("id").optionalInt("size").name("preferences").type(STRINGS).noDefault()
            .name("restrictions").type(STRINGS).noDefault().endRecord();
    static final Schema ITEM = SchemaBuilder.record("pantry_item").namespace("dev.dsgen.planner").fields()
            .optionalString("name").optionalDouble("quantity").optionalString("unit").endRecord();
    static final Schema PANTRY = SchemaBuilder.record("pantry").namespace("dev.dsgen.planner").fields()
            .name("items").type(SchemaBuilder.array().items(ITEM)).noDefault().endRecord();
    static final Schema CONSTRAINTS = SchemaBuilder.record("constraints").namespace("dev.dsgen.planner").fields()
            .optionalDouble("budget").optionalInt("max_prep_time")
            .name("excluded_ingredients").type(STRINGS).noDefault().endRecord();
    static final Schema INPUT = SchemaBuilder.record("input").namespace("dev.dsgen.planner").fields()
            .name("household").type(nullable(HOUSEHOLD)).withDefault(null)
            .name("pantry").type(nullable(PANTRY)).withDefault(null)
            .name("constraints").type(nullable(CONSTRAINTS)).withDefault(null)
            .requiredString("workflow_type").requiredString("mode")
            .name("previous_plan").type(nullable(PLAN)).withDefault(null).endRecord();
    static final Schema EDIT = SchemaBuilder.record("user_edit").namespace("dev.dsgen.planner").fields()
            .requiredString("edit_id").name("edit_time").type(TS).noDefault().requiredString("edit_type")
            .optionalInt("meal_day").optionalString("old_recipe").optionalString("new_recipe").endRecord();
    static final Schema TARGET = SchemaBuilder.record("target").namespace("dev.dsgen.planner").fields()
            .name("accepted_plan").type(nullable(PLAN)).withDefault(null)
            .name("user_edits").type(SchemaBuilder.array().items(EDIT)).noDefault().endRecord();
    static final Schema METADATA = SchemaBuilder.record("metadata").namespace("dev.dsgen.planner").fields()
            .name("timestamp").type(TS).noDefault()
            .optionalString("policy_version_id")
            .requiredString("event_id")
            .requiredString("event_type")
            .requiredString("household_id")
            .requiredString("pantry_status")
            .optionalString("pantry_snapshot_id")
            .name("pantry_snapshot_time").type(nullable(TS)).withDefault(null)
            .name("pantry_created_at").type(nullable(TS)).withDefault(null)
            .optionalLong("pantry_lag_micros")
            .optionalString("previous_plan_event_id")
            .name("previous_plan_time").type(nullable(TS)).withDefault(null)
            .name("unmatched_reasons").type(STRINGS).noDefault()
            .endRecord();
    static final Schema EXAMPLE = SchemaBuilder.record("training_example").namespace("dev.dsgen.planner").fields()
            .name("input").type(INPUT).noDefault()
            .name("target").type(TARGET).noDefault()
            .name("metadata").type(METADATA).noDefault()
            .endRecord();

    private ExampleSchema() {
    }

    /**
     * Write tuning: unique ids get no dictionary (it would only fall back after costing time); the
     * optional Parquet size statistics are off; min/max statistics are kept for the flat metadata
     * and household id columns readers filter on, not for values inside nested lists.
     */
    static ParquetProperties.Builder tuning(ParquetProperties.Builder b) {
        for (String column : List.of("metadata.event_id", "metadata.previous_plan_event_id",
                "target.user_edits.list.element.edit_id", "metadata.pantry_snapshot_id",
                "target.accepted_plan.plan_id", "input.previous_plan.plan_id")) {
            b = b.withDictionaryEncoding(column, false);
        }
        b = b.withSizeStatisticsEnabled(false).withStatisticsEnabled(false);
        for (Schema.Field f : METADATA.getFields()) {
            if (f.schema().getType() != Schema.Type.ARRAY) {
                b = b.withStatisticsEnabled("metadata." + f.name(), true);
            }
        }
        return b.withStatisticsEnabled("input.household.id", true);
    }

    private static Schema nullable(Schema s) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
    }
}
