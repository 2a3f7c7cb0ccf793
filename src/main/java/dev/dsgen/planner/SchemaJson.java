package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;

/**
 * {@code schema.json}: generated from the footer of the Parquet file just written (its Avro schema
 * and Parquet message type), in the field layout of spec §3.2, with the point-in-time contract.
 */
final class SchemaJson {
    private SchemaJson() {
    }

    static String build(Path parquet, BuildConfig cfg) {
        FileMetaData fmd;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquet))) {
            fmd = reader.getFooter().getFileMetaData();
        } catch (IOException e) {
            throw DsgenException.input("cannot read back the footer of " + parquet + ": " + e.getMessage() + " (--out)", e);
        }
        String avro = fmd.getKeyValueMetaData().get("parquet.avro.schema");
        Schema schema = new Schema.Parser().parse(avro);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", "planner");
        m.put("dataset_version", cfg.date().toString());
        m.put("file", PlannerBuild.PARQUET);
        m.put("fields", fields(schema));
        m.put("required_non_null", PlannerValidation.REQUIRED);
        m.put("point_in_time_contract", contract(cfg));
        m.put("parquet_schema", List.of(fmd.getSchema().toString().split("\n")));
        return Json.pretty(m);
    }

    private static List<Object> fields(Schema record) {
        List<Object> out = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            out.add(field(f.name(), f.schema()));
        }
        return out;
    }

    private static Map<String, Object> field(String name, Schema s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (name != null) {
            m.put("name", name);
        }
        boolean nullable = false;
        if (s.getType() == Schema.Type.UNION) {
            for (Schema branch : s.getTypes()) {
                if (branch.getType() == Schema.Type.NULL) {
                    nullable = true;
                } else {
                    s = branch;
                }
            }
        }
        LogicalType lt = s.getLogicalType();
        switch (s.getType()) {
            case RECORD -> {
                m.put("type", "struct");
                m.put("fields", fields(s));
            }
            case ARRAY -> {
                m.put("type", "array");
                m.put("items", field(null, s.getElementType()));
            }
            case LONG -> m.put("type", lt != null && lt.getName().startsWith("timestamp") ? "timestamp" : "long");
            case INT -> m.put("type", "int");
            case DOUBLE -> m.put("type", "double");
            case BOOLEAN -> m.put("type", "boolean");
            default -> m.put("type", s.getType().getName());
        }
        if (lt != null && lt.getName().startsWith("timestamp")) {
            m.put("unit", "microseconds");
            m.put("timezone", "UTC");
        }
        m.put("nullable", nullable);
        return m;
    }

    /** The join rules the data obeys, also checked by validation. */
    static Map<String, Object> contract(BuildConfig cfg) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("events", "exp.events rows with event_type plan_generated or plan_accepted and " + cfg.start()
                + "T00:00:00Z <= timestamp < " + cfg.end().plusDays(1) + "T00:00:00Z; one example per event, keyed by "
                + "metadata.event_id; nothing is dropped");
        c.put("pantry", "the latest pantry_snapshots row of the household with snapshot_time <= event timestamp, "
                + "latest by the total order (snapshot_time, created_at with unknown first, id)"
                + (cfg.asKnownAt() ? "; --as-known-at: only snapshots with created_at <= event timestamp "
                + "(unknown created_at counts as known at snapshot_time)" : ""));
        c.put("pantry_max_staleness", cfg.stalenessText() == null ? "none"
                : cfg.stalenessText() + ": a snapshot with event timestamp - snapshot_time greater than this is not used "
                + "(pantry null, metadata.pantry_status stale)");
        c.put("previous_plan", "the plan of the household's latest plan_accepted event with timestamp strictly before "
                + "the event timestamp, latest by (timestamp, id), from any earlier date");
        c.put("user_edits", "plan_edits rows of the event's payload.plan_id with edit_time before the window end");
        c.put("household_and_constraints", "households and household_constraints rows of the unit_id (current state)");
        c.put("unmatched", "an event without a match keeps its row: the missing part is null and "
                + "metadata.unmatched_reasons says why (pantry:no_snapshot, pantry:not_yet_known, pantry:stale, "
                + "previous_plan:none, household:not_found, constraints:not_found, accepted_plan:missing)");
        c.put("audit", "metadata.pantry_snapshot_id, pantry_snapshot_time, pantry_created_at, pantry_lag_micros, "
                + "previous_plan_event_id and previous_plan_time let the contract be checked on this file alone");
        c.put("as_known_at", cfg.asKnownAt());
        return c;
    }
}
