package dev.dsgen.planner;

import dev.dsgen.planner.PointInTime.Accepted;
import dev.dsgen.planner.PointInTime.PantryMatch;
import dev.dsgen.planner.PointInTime.Snapshot;
import dev.dsgen.planner.SourceScans.Constraints;
import dev.dsgen.planner.SourceScans.Edit;
import dev.dsgen.planner.SourceScans.Event;
import dev.dsgen.planner.SourceScans.Household;
import dev.dsgen.planner.SourceScans.LazyJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Builds the nested training examples of one household's events; what they all share (the
 * household and constraints records, the plan edits, parsed plans) is built once.
 */
final class ExampleAssembler {
    private final JsonColumns json;
    private final Map<String, List<Edit>> edits;
    private final GenericData.Record householdRecord;
    private final GenericData.Record constraintsRecord;
    private final Map<String, GenericData.Record> planCache = new HashMap<>();

    ExampleAssembler(JsonColumns json, Household h, Constraints c, Map<String, List<Edit>> edits) {
        this.json = json;
        this.edits = edits;
        if (h != null) {
            householdRecord = new GenericData.Record(ExampleSchema.HOUSEHOLD);
            householdRecord.put("id", h.id());
            householdRecord.put("size", h.size());
            householdRecord.put("preferences", json.strings(h.preferences(), "households.preferences", "household " + h.id()));
            householdRecord.put("restrictions", json.strings(h.restrictions(), "households.dietary_restrictions",
                    "household " + h.id()));
        } else {
            householdRecord = null;
        }
        if (c != null) {
            constraintsRecord = new GenericData.Record(ExampleSchema.CONSTRAINTS);
            constraintsRecord.put("budget", c.budget());
            constraintsRecord.put("max_prep_time", c.maxPrep());
            constraintsRecord.put("excluded_ingredients", json.strings(c.excluded(), "household_constraints.excluded",
                    "household " + c.householdId()));
        } else {
            constraintsRecord = null;
        }
    }

    /** The plan object of an accepted event (parsed once per event, as a previous plan may repeat). */
    private GenericData.Record planOf(Event e) {
        GenericData.Record cached = planCache.get(e.id());
        if (cached == null && !planCache.containsKey(e.id())) {
            PayloadReader.Payload payload = json.payload(e);
            cached = payload == null ? null : payload.plan();
            planCache.put(e.id(), cached);
        }
        return cached;
    }

    /** The training example of event {@code e}, given the pantry snapshot and previous plan known at its time. */
    GenericRecord example(Event e, PantryMatch pantry, Accepted previous) {
        List<String> reasons = new ArrayList<>();
        // Context first: when both are bad, the context is the one reported (as before).
        PayloadReader.Context context = json.context(e);
        PayloadReader.Payload payload = json.payload(e);
        GenericData.Record input = new GenericData.Record(ExampleSchema.INPUT);
        input.put("household", householdRecord);
        if (householdRecord == null) {
            reasons.add("household:not_found");
        }
        input.put("constraints", constraintsRecord);
        if (constraintsRecord == null) {
            reasons.add("constraints:not_found");
        }
        GenericData.Record metadata = new GenericData.Record(ExampleSchema.METADATA);
        metadata.put("pantry_status", pantry.status().key);
        if (pantry.snapshot() != null) {
            Snapshot s = pantry.snapshot();
            LazyJson items = (LazyJson) s.payload();
            if (items.pantry == null) {
                items.pantry = items.text == null ? PayloadReader.emptyPantry()
                        : json.read(items.text, "pantry_snapshots.items", "snapshot " + s.id(), PayloadReader::pantry);
            }
            input.put("pantry", items.pantry);
            metadata.put("pantry_snapshot_id", s.id());
            metadata.put("pantry_snapshot_time", s.time());
            metadata.put("pantry_created_at", s.createdAt() == PointInTime.UNKNOWN ? null : s.createdAt());
            metadata.put("pantry_lag_micros", e.time() - s.time());
        } else {
            reasons.add("pantry:" + pantry.status().key);
        }
        input.put("workflow_type", context == null || context.workflowType() == null ? "plan-first"
                : context.workflowType());
        input.put("mode", context == null || context.mode() == null ? "autopilot" : context.mode());
        if (previous != null) {
            Event pe = (Event) previous.payload();
            input.put("previous_plan", planOf(pe));
            metadata.put("previous_plan_event_id", pe.id());
            metadata.put("previous_plan_time", pe.time());
        } else {
            reasons.add("previous_plan:none");
        }
        GenericData.Record target = new GenericData.Record(ExampleSchema.TARGET);
        GenericData.Record plan = payload == null ? null : payload.plan();
        if (e.type().equals("plan_accepted")) {
            planCache.put(e.id(), plan); // a later event's previous plan: parsed once
        }
        target.put("accepted_plan", plan);
        if (plan == null) {
            reasons.add("accepted_plan:missing");
        }
        String planId = payload == null ? null : payload.planId();
        List<GenericData.Record> userEdits = new ArrayList<>();
        if (planId != null) {
            for (Edit ed : edits.getOrDefault(planId, List.of())) {
                GenericData.Record r = new GenericData.Record(ExampleSchema.EDIT);
                r.put("edit_id", ed.id());
                r.put("edit_time", ed.time());
                r.put("edit_type", ed.type());
                r.put("meal_day", ed.mealDay());
                r.put("old_recipe", ed.oldRecipe());
                r.put("new_recipe", ed.newRecipe());
                userEdits.add(r);
            }
        }
        target.put("user_edits", userEdits);
        metadata.put("timestamp", e.time());
        metadata.put("policy_version_id", context == null ? null : context.policyVersionId());
        metadata.put("event_id", e.id());
        metadata.put("event_type", e.type());
        metadata.put("household_id", e.unit());
        metadata.put("unmatched_reasons", reasons);
        GenericData.Record example = new GenericData.Record(ExampleSchema.EXAMPLE);
        example.put("input", input);
        example.put("target", target);
        example.put("metadata", metadata);
        return example;
    }
}
