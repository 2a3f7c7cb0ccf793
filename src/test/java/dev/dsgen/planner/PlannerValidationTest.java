package dev.dsgen.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.io.ParquetTable;
import dev.dsgen.validate.RuleResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of {@link PlannerValidation} against a file written with one violation of it per
 * broken row (so a rule that reads the wrong column, or a count that mixes rules up, shows), and the
 * statistics of the same file counted here by hand.
 */
class PlannerValidationTest {
    private static final long T = 1_736_000_000_000_000L; // event time, micros
    private static final long HOUR = 3_600_000_000L;

    @TempDir
    Path dir;

    @Test
    void everyRuleCountsItsOwnViolationsAndNamesTheirEvents() throws Exception {
        List<GenericData.Record> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(good("ok-" + i, 2 + i % 3, 100.0 + i));
        }
        rows.add(broken("bad-household", ex -> input(ex).put("household", null)));
        rows.add(broken("bad-plan", ex -> target(ex).put("accepted_plan", null)));
        rows.add(broken("bad-snapshot", ex -> {
            meta(ex).put("pantry_snapshot_time", T + HOUR);
            meta(ex).put("pantry_lag_micros", -HOUR);
        }));
        rows.add(broken("bad-known", ex -> meta(ex).put("pantry_created_at", T + 1)));
        rows.add(broken("bad-lag", ex -> meta(ex).put("pantry_lag_micros", 7L)));
        rows.add(broken("bad-stale", ex -> {
            meta(ex).put("pantry_snapshot_time", T - 48 * HOUR);
            meta(ex).put("pantry_lag_micros", 48 * HOUR);
        }));
        rows.add(broken("bad-previous", ex -> meta(ex).put("previous_plan_time", T)));
        rows.add(broken("bad-budget", ex -> constraints(ex).put("budget", 0.0)));
        rows.add(broken("bad-size", ex -> household(ex).put("size", 0)));
        rows.add(good("dup", 3, 90.0));
        rows.add(good("dup", 3, 90.0));
        Path file = dir.resolve("training.parquet");
        ParquetTable.write(file, ExampleSchema.EXAMPLE, rows);

        BuildConfig cfg = PlannerTestSupport.config("jdbc:duckdb:", dir, LocalDate.of(2025, 1, 29),
                LocalDate.of(2025, 1, 1), true, 24 * HOUR, 1);
        PlannerValidation.Outcome out = PlannerValidation.check(file, cfg);
        Map<String, RuleResult> byName = new TreeMap<>();
        out.report().results().forEach(r -> byName.put(r.rule(), r));

        assertFailed(byName, "planner.not_null.input.household.id", 1, "event bad-household");
        assertFailed(byName, "planner.not_null.target.accepted_plan", 1, "event bad-plan");
        assertFailed(byName, "planner.pantry_not_after_event", 1, "event bad-snapshot");
        assertFailed(byName, "planner.pantry_known_at_event", 1, "event bad-known");
        assertFailed(byName, "planner.pantry_lag_consistent", 1, "event bad-lag");
        assertFailed(byName, "planner.pantry_lag_within_bound", 1, "event bad-stale");
        assertFailed(byName, "planner.previous_plan_strictly_earlier", 1, "event bad-previous");
        assertFailed(byName, "planner.budget_positive", 1, "event bad-budget");
        assertFailed(byName, "planner.household_size_at_least_1", 1, "event bad-size");
        assertFailed(byName, "planner.event_id_unique", 1, "event dup");
        for (String passing : List.of("planner.min_rows", "planner.not_null.metadata.event_id",
                "planner.not_null.metadata.timestamp")) {
            assertTrue(byName.get(passing).passed(), passing);
        }
        assertEquals(rows.size(), byName.get("planner.not_null.target.accepted_plan").checked());
        assertEquals(rows.size(), byName.get("planner.pantry_not_after_event").checked());
        assertEquals(rows.size() - 1, byName.get("planner.household_size_at_least_1").checked(),
                "household.size is absent where the household is");

        PlannerValidation.Stats st = out.stats();
        assertEquals(rows.size(), st.rows);
        assertEquals(Map.of("plan_generated", (long) rows.size()), st.byEventType);
        assertEquals(Map.of("matched", (long) rows.size()), st.pantryStatus);
        assertEquals(1L, st.nulls.get("input.household"));
        assertEquals(1L, st.nulls.get("target.accepted_plan"));
        assertEquals(0L, st.nulls.get("input.pantry"));
        Map<Integer, Long> sizes = new TreeMap<>();
        for (GenericData.Record r : rows) {
            GenericData.Record h = household(r);
            if (h != null) {
                sizes.merge((Integer) h.get("size"), 1L, Long::sum);
            }
        }
        assertEquals(sizes, st.householdSize);
        assertEquals(Map.of(30, (long) rows.size()), st.maxPrepTime);
        assertEquals(0.0, st.budget.get("min"));
        assertEquals(105.0, st.budget.get("max"));
        assertEquals(48 * HOUR, st.lagMicros.get("max"));
        assertEquals(rows.size(), st.userEdits, "one edit per row");
        assertEquals(rows.size(), st.previousPlanFound);
    }

    @Test
    void aCleanFilePassesEveryRule() throws Exception {
        List<GenericData.Record> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(good("e" + i, 1 + i % 4, 50.0 + i));
        }
        // a plan without id or total: present, though both of its flat leaves are null
        GenericData.Record bare = (GenericData.Record) target(rows.get(3)).get("accepted_plan");
        bare.put("plan_id", null);
        bare.put("total_cost", null);
        Path file = dir.resolve("clean.parquet");
        ParquetTable.write(file, ExampleSchema.EXAMPLE, rows);
        PlannerValidation.Outcome out = PlannerValidation.check(file, PlannerTestSupport.config("jdbc:duckdb:", dir,
                LocalDate.of(2025, 1, 29), LocalDate.of(2025, 1, 1), true, 24 * HOUR, 20));
        assertTrue(out.report().passed(), out.report().failed().toString());
        assertEquals(13, out.report().results().size(), "min_rows, 11 row rules with both options, uniqueness");
        assertEquals(Map.of(1, 5L, 2, 5L, 3, 5L, 4, 5L), out.stats().householdSize);
        assertEquals(0L, out.stats().nulls.get("target.accepted_plan"));
    }

    private static void assertFailed(Map<String, RuleResult> byName, String rule, long failures, String example) {
        RuleResult r = byName.get(rule);
        assertFalse(r.passed(), rule);
        assertEquals(failures, r.failures(), rule);
        assertEquals(List.of(example), r.examples(), rule);
    }

    private static GenericData.Record broken(String id, Consumer<GenericData.Record> breakIt) {
        GenericData.Record ex = good(id, 2, 80.0);
        breakIt.accept(ex);
        return ex;
    }

    /** A valid example: matched pantry an hour old, previous plan a day earlier, one edit. */
    private static GenericData.Record good(String id, int size, double budget) {
        GenericData.Record household = new GenericData.Record(ExampleSchema.HOUSEHOLD);
        household.put("id", "h-" + id);
        household.put("size", size);
        household.put("preferences", List.of("vegetarian"));
        household.put("restrictions", List.of());
        GenericData.Record item = new GenericData.Record(ExampleSchema.ITEM);
        item.put("name", "rice");
        item.put("quantity", 1.5);
        item.put("unit", "kg");
        GenericData.Record pantry = new GenericData.Record(ExampleSchema.PANTRY);
        pantry.put("items", List.of(item));
        GenericData.Record constraints = new GenericData.Record(ExampleSchema.CONSTRAINTS);
        constraints.put("budget", budget);
        constraints.put("max_prep_time", 30);
        constraints.put("excluded_ingredients", List.of());
        GenericData.Record input = new GenericData.Record(ExampleSchema.INPUT);
        input.put("household", household);
        input.put("pantry", pantry);
        input.put("constraints", constraints);
        input.put("workflow_type", "weekly");
        input.put("mode", "auto");
        input.put("previous_plan", plan("p-prev-" + id));
        GenericData.Record edit = new GenericData.Record(ExampleSchema.EDIT);
        edit.put("edit_id", "x-" + id);
        edit.put("edit_time", T + HOUR);
        edit.put("edit_type", "swap");
        GenericData.Record target = new GenericData.Record(ExampleSchema.TARGET);
        target.put("accepted_plan", plan("p-" + id));
        target.put("user_edits", List.of(edit));
        GenericData.Record meta = new GenericData.Record(ExampleSchema.METADATA);
        meta.put("timestamp", T);
        meta.put("event_id", id);
        meta.put("event_type", "plan_generated");
        meta.put("household_id", "h-" + id);
        meta.put("pantry_status", "matched");
        meta.put("pantry_snapshot_id", "s-" + id);
        meta.put("pantry_snapshot_time", T - HOUR);
        meta.put("pantry_created_at", T - HOUR);
        meta.put("pantry_lag_micros", HOUR);
        meta.put("previous_plan_event_id", "prev-" + id);
        meta.put("previous_plan_time", T - 24 * HOUR);
        meta.put("unmatched_reasons", List.of());
        GenericData.Record ex = new GenericData.Record(ExampleSchema.EXAMPLE);
        ex.put("input", input);
        ex.put("target", target);
        ex.put("metadata", meta);
        return ex;
    }

    private static GenericData.Record plan(String id) {
        GenericData.Record meal = new GenericData.Record(ExampleSchema.MEAL);
        meal.put("day", 1);
        meal.put("slot", "dinner");
        meal.put("recipe", "dal");
        meal.put("prep_minutes", 25);
        meal.put("cost", 6.5);
        meal.put("ingredients", List.of("lentils", "onion"));
        GenericData.Record plan = new GenericData.Record(ExampleSchema.PLAN);
        plan.put("plan_id", id);
        plan.put("meals", List.of(meal));
        plan.put("total_cost", 6.5);
        return plan;
    }

    private static GenericData.Record input(GenericData.Record ex) {
        return (GenericData.Record) ex.get("input");
    }

    private static GenericData.Record target(GenericData.Record ex) {
        return (GenericData.Record) ex.get("target");
    }

    private static GenericData.Record meta(GenericData.Record ex) {
        return (GenericData.Record) ex.get("metadata");
    }

    private static GenericData.Record household(GenericData.Record ex) {
        return (GenericData.Record) input(ex).get("household");
    }

    private static GenericData.Record constraints(GenericData.Record ex) {
        return (GenericData.Record) input(ex).get("constraints");
    }
}
