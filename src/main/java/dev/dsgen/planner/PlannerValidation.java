package dev.dsgen.planner;

import dev.dsgen.io.ParquetRows;
import dev.dsgen.validate.RowCheck;
import dev.dsgen.validate.RuleResult;
import dev.dsgen.validate.ValidationReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/**
 * Spec §5 and the point-in-time contract, checked on the written Parquet alone (read back with the
 * shared reader), plus the statistics the summary reports: counts by event type and join status,
 * lag percentiles, null rates and distributions.
 */
final class PlannerValidation {
    /** The report and what was measured on the way. */
    record Outcome(ValidationReport report, Stats stats) {
    }

    /** Measured on the written rows. */
    static final class Stats {
        long rows;
        final Map<String, Long> byEventType = new TreeMap<>();
        final Map<String, Long> pantryStatus = new TreeMap<>();
        long previousPlanFound;
        final Map<String, Long> nulls = new LinkedHashMap<>();
        final Map<Integer, Long> householdSize = new TreeMap<>();
        final Map<Integer, Long> maxPrepTime = new TreeMap<>();
        long[] lags = new long[1024];
        int lagCount;
        double[] budgets = new double[1024];
        int budgetCount;
        long userEdits;

        void lag(long v) {
            if (lagCount == lags.length) {
                lags = Arrays.copyOf(lags, lagCount * 2);
            }
            lags[lagCount++] = v;
        }

        void budget(double v) {
            if (budgetCount == budgets.length) {
                budgets = Arrays.copyOf(budgets, budgetCount * 2);
            }
            budgets[budgetCount++] = v;
        }

        void nullCount(String field, boolean isNull) {
            nulls.merge(field, isNull ? 1L : 0L, Long::sum);
        }
    }

    static final List<String> REQUIRED = List.of("input.household.id", "target.accepted_plan", "metadata.event_id",
            "metadata.timestamp");

    private PlannerValidation() {
    }

    static Outcome check(Path parquet, BuildConfig cfg) {
        Stats st = new Stats();
        Map<String, RowCheck> required = new LinkedHashMap<>();
        for (String f : REQUIRED) {
            required.put(f, new RowCheck("planner.not_null." + f, "no nulls in required field " + f + " (spec §5)"));
        }
        RowCheck unique = new RowCheck("planner.event_id_unique", "each example keyed by a distinct event_id");
        RowCheck notAfter = new RowCheck("planner.pantry_not_after_event", "pantry snapshot_time <= event timestamp");
        RowCheck known = cfg.asKnownAt()
                ? new RowCheck("planner.pantry_known_at_event", "--as-known-at: pantry created_at <= event timestamp")
                : null;
        RowCheck lagConsistent = new RowCheck("planner.pantry_lag_consistent",
                "pantry_lag_micros = timestamp - snapshot_time; pantry present iff status matched");
        RowCheck lagBound = cfg.maxStalenessMicros() == null ? null
                : new RowCheck("planner.pantry_lag_within_bound", "pantry lag <= --pantry-max-staleness "
                        + cfg.stalenessText());
        RowCheck previous = new RowCheck("planner.previous_plan_strictly_earlier",
                "previous plan time < event timestamp");
        RowCheck budget = new RowCheck("planner.budget_positive", "constraints.budget > 0 where present");
        RowCheck size = new RowCheck("planner.household_size_at_least_1", "household.size >= 1 where present");
        Set<String> ids = new HashSet<>();
        st.rows = ParquetRows.read(parquet, row -> {
            GenericRecord in = (GenericRecord) row.get("input");
            GenericRecord target = (GenericRecord) row.get("target");
            GenericRecord md = (GenericRecord) row.get("metadata");
            String id = str(md.get("event_id"));
            Long ts = micros(md.get("timestamp"));
            GenericRecord hh = (GenericRecord) in.get("household");
            GenericRecord pantry = (GenericRecord) in.get("pantry");
            GenericRecord cons = (GenericRecord) in.get("constraints");
            GenericRecord prev = (GenericRecord) in.get("previous_plan");
            Object plan = target.get("accepted_plan");
            required.get("input.household.id").check(hh != null && hh.get("id") != null, () -> id);
            required.get("target.accepted_plan").check(plan != null, () -> id);
            required.get("metadata.event_id").check(id != null, "row " + st.rows);
            required.get("metadata.timestamp").check(ts != null, () -> id);
            unique.check(id == null || ids.add(id), () -> id);
            st.byEventType.merge(str(md.get("event_type")), 1L, Long::sum);
            String status = str(md.get("pantry_status"));
            st.pantryStatus.merge(status, 1L, Long::sum);
            Long snapTime = micros(md.get("pantry_snapshot_time"));
            Long lag = (Long) md.get("pantry_lag_micros");
            boolean matched = "matched".equals(status);
            lagConsistent.check(matched == (pantry != null) && matched == (snapTime != null) && (!matched
                    || ts != null && lag != null && lag == ts - snapTime), () -> id + " status " + status);
            if (snapTime != null && ts != null) {
                notAfter.check(snapTime <= ts, () -> id + ": snapshot " + md.get("pantry_snapshot_id") + " at "
                        + Instant.ofEpochSecond(0, snapTime * 1000) + " after event at " + Instant.ofEpochSecond(0, ts * 1000));
                if (known != null) {
                    Long created = micros(md.get("pantry_created_at"));
                    known.check(created == null || created <= ts, () -> id + ": snapshot " + md.get("pantry_snapshot_id")
                            + " created after the event");
                }
                if (lagBound != null) {
                    lagBound.check(ts - snapTime <= cfg.maxStalenessMicros(), () -> id + ": lag "
                            + (ts - snapTime) / 1_000_000 + " s");
                }
                st.lag(ts - snapTime);
            }
            Long prevTime = micros(md.get("previous_plan_time"));
            if (prevTime != null && ts != null) {
                previous.check(prevTime < ts, () -> id + ": previous plan " + md.get("previous_plan_event_id")
                        + " not strictly earlier");
                st.previousPlanFound++;
            }
            st.nullCount("input.household", hh == null);
            st.nullCount("input.pantry", pantry == null);
            st.nullCount("input.constraints", cons == null);
            st.nullCount("input.previous_plan", prev == null);
            st.nullCount("target.accepted_plan", plan == null);
            st.nullCount("metadata.policy_version_id", md.get("policy_version_id") == null);
            if (hh != null) {
                Integer s = (Integer) hh.get("size");
                st.nullCount("input.household.size", s == null);
                if (s != null) {
                    size.check(s >= 1, () -> id + ": size " + s);
                    st.householdSize.merge(s, 1L, Long::sum);
                }
            }
            if (cons != null) {
                Double b = (Double) cons.get("budget");
                Integer p = (Integer) cons.get("max_prep_time");
                st.nullCount("input.constraints.budget", b == null);
                st.nullCount("input.constraints.max_prep_time", p == null);
                if (b != null) {
                    budget.check(b > 0, () -> id + ": budget " + b);
                    st.budget(b);
                }
                if (p != null) {
                    st.maxPrepTime.merge(p, 1L, Long::sum);
                }
            }
            st.userEdits += ((List<?>) target.get("user_edits")).size();
        });
        ValidationReport report = new ValidationReport();
        report.add(RuleResult.atLeast("planner.min_rows", st.rows, cfg.minRows()));
        required.values().forEach(report::add);
        report.add(unique);
        report.add(notAfter);
        if (known != null) {
            report.add(known);
        }
        report.add(lagConsistent);
        if (lagBound != null) {
            report.add(lagBound);
        }
        report.add(previous);
        report.add(budget);
        report.add(size);
        return new Outcome(report, st);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** A timestamp as read back: a Long of microseconds (or an Instant when a conversion is registered). */
    static Long micros(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return Math.multiplyExact(i.getEpochSecond(), 1_000_000L) + i.getNano() / 1000;
        }
        return (Long) o;
    }
}
