package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.validate.RuleResult;
import dev.dsgen.validate.ValidationReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spec §5 and the point-in-time contract, checked on the written Parquet alone, read back by an
 * independent reader (DuckDB's own Parquet reader, in memory, set-based), plus the statistics the
 * summary reports: counts by event type and join status, lag percentiles, null rates and
 * distributions. Every rule becomes a shared {@link RuleResult} with up to 3 failing event ids.
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
        final Map<String, Long> lagMicros = new LinkedHashMap<>();
        final Map<String, Double> budget = new LinkedHashMap<>();
        long userEdits;
    }

    static final List<String> REQUIRED = List.of("input.household.id", "target.accepted_plan", "metadata.event_id",
            "metadata.timestamp");

    private static final String TS = "metadata['timestamp']";
    private static final String SNAP = "metadata['pantry_snapshot_time']";
    private static final String ID = "metadata['event_id']";

    private PlannerValidation() {
    }

    static Outcome check(Path parquet, BuildConfig cfg) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            exec(c, "CREATE VIEW ex AS SELECT * FROM read_parquet('"
                    + parquet.toAbsolutePath().toString().replace("'", "''") + "')");
            ValidationReport report = new ValidationReport();
            Stats st = stats(c);
            report.add(RuleResult.atLeast("planner.min_rows", st.rows, cfg.minRows()));
            report.add(rule(c, "planner.not_null.input.household.id", "no nulls in required field input.household.id (spec §5)",
                    "TRUE", "input['household'] IS NULL OR input['household']['id'] IS NULL"));
            report.add(rule(c, "planner.not_null.target.accepted_plan", "no nulls in required field target.accepted_plan (spec §5)",
                    "TRUE", "target['accepted_plan'] IS NULL"));
            report.add(rule(c, "planner.not_null.metadata.event_id", "no nulls in required field metadata.event_id",
                    "TRUE", ID + " IS NULL"));
            report.add(rule(c, "planner.not_null.metadata.timestamp", "no nulls in required field metadata.timestamp",
                    "TRUE", TS + " IS NULL"));
            report.add(unique(c, st.rows));
            report.add(rule(c, "planner.pantry_not_after_event", "pantry snapshot_time <= event timestamp",
                    SNAP + " IS NOT NULL", SNAP + " > " + TS));
            if (cfg.asKnownAt()) {
                report.add(rule(c, "planner.pantry_known_at_event", "--as-known-at: pantry created_at <= event timestamp",
                        SNAP + " IS NOT NULL", "metadata['pantry_created_at'] > " + TS));
            }
            report.add(rule(c, "planner.pantry_lag_consistent",
                    "pantry_lag_micros = timestamp - snapshot_time; pantry present iff status matched", "TRUE",
                    "NOT coalesce((metadata['pantry_status'] = 'matched') = (input['pantry'] IS NOT NULL) "
                            + "AND (metadata['pantry_status'] = 'matched') = (" + SNAP + " IS NOT NULL) "
                            + "AND (metadata['pantry_status'] <> 'matched' OR metadata['pantry_lag_micros'] = epoch_us("
                            + TS + ") - epoch_us(" + SNAP + ")), false)"));
            if (cfg.maxStalenessMicros() != null) {
                report.add(rule(c, "planner.pantry_lag_within_bound", "pantry lag <= --pantry-max-staleness "
                        + cfg.stalenessText(), SNAP + " IS NOT NULL",
                        "epoch_us(" + TS + ") - epoch_us(" + SNAP + ") > " + cfg.maxStalenessMicros()));
            }
            report.add(rule(c, "planner.previous_plan_strictly_earlier", "previous plan time < event timestamp",
                    "metadata['previous_plan_time'] IS NOT NULL", "metadata['previous_plan_time'] >= " + TS));
            report.add(rule(c, "planner.budget_positive", "constraints.budget > 0 where present",
                    "input['constraints']['budget'] IS NOT NULL", "input['constraints']['budget'] <= 0"));
            report.add(rule(c, "planner.household_size_at_least_1", "household.size >= 1 where present",
                    "input['household']['size'] IS NOT NULL", "input['household']['size'] < 1"));
            return new Outcome(report, st);
        } catch (SQLException e) {
            throw new DsgenException(ExitCode.INTERNAL, "cannot read back " + parquet + " for validation: "
                    + PlannerDb.firstLine(e.getMessage()), e);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A row rule: among rows where {@code applies}, those where {@code fails} break it. */
    private static RuleResult rule(Connection c, String name, String detail, String applies, String fails)
            throws SQLException {
        long checked;
        long failures;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE "
                + applies + "), count(*) FILTER (WHERE (" + applies + ") AND coalesce(" + fails + ", false)) FROM ex")) {
            rs.next();
            checked = rs.getLong(1);
            failures = rs.getLong(2);
        }
        List<String> examples = new ArrayList<>();
        if (failures > 0) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(" + ID
                    + ", '(no event_id)') FROM ex WHERE (" + applies + ") AND coalesce(" + fails + ", false) ORDER BY 1 LIMIT 3")) {
                while (rs.next()) {
                    examples.add("event " + rs.getString(1));
                }
            }
        }
        return new RuleResult(name, failures == 0, checked, failures, detail, examples);
    }

    private static RuleResult unique(Connection c, long rows) throws SQLException {
        List<String> examples = new ArrayList<>();
        long dups = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + ID
                + " AS id, count(*) - 1 AS extra FROM ex WHERE " + ID + " IS NOT NULL GROUP BY 1 HAVING count(*) > 1 ORDER BY 1")) {
            while (rs.next()) {
                dups += rs.getLong(2);
                if (examples.size() < 3) {
                    examples.add("event " + rs.getString(1));
                }
            }
        }
        return new RuleResult("planner.event_id_unique", dups == 0, rows, dups, "each example keyed by a distinct event_id",
                examples);
    }

    private static Stats stats(Connection c) throws SQLException {
        Stats st = new Stats();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), "
                + "count(metadata['previous_plan_time']), coalesce(sum(len(target['user_edits'])), 0), "
                + "count(*) FILTER (WHERE input['household'] IS NULL), "
                + "count(*) FILTER (WHERE input['pantry'] IS NULL), "
                + "count(*) FILTER (WHERE input['constraints'] IS NULL), "
                + "count(*) FILTER (WHERE input['previous_plan'] IS NULL), "
                + "count(*) FILTER (WHERE target['accepted_plan'] IS NULL), "
                + "count(*) FILTER (WHERE metadata['policy_version_id'] IS NULL), "
                + "count(*) FILTER (WHERE input['household']['size'] IS NULL), "
                + "count(*) FILTER (WHERE input['constraints']['budget'] IS NULL), "
                + "count(*) FILTER (WHERE input['constraints']['max_prep_time'] IS NULL) FROM ex")) {
            rs.next();
            st.rows = rs.getLong(1);
            st.previousPlanFound = rs.getLong(2);
            st.userEdits = rs.getLong(3);
            String[] fields = {"input.household", "input.pantry", "input.constraints", "input.previous_plan",
                "target.accepted_plan", "metadata.policy_version_id", "input.household.size", "input.constraints.budget",
                "input.constraints.max_prep_time"};
            for (int i = 0; i < fields.length; i++) {
                st.nulls.put(fields[i], rs.getLong(4 + i));
            }
        }
        counts(c, "metadata['event_type']", rs -> st.byEventType.put(rs.getString(1), rs.getLong(2)));
        counts(c, "metadata['pantry_status']", rs -> st.pantryStatus.put(rs.getString(1), rs.getLong(2)));
        counts(c, "input['household']['size']", rs -> st.householdSize.put(rs.getInt(1), rs.getLong(2)));
        counts(c, "input['constraints']['max_prep_time']", rs -> st.maxPrepTime.put(rs.getInt(1), rs.getLong(2)));
        String lag = "metadata['pantry_lag_micros']";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT quantile_disc(" + lag + ", 0.5), "
                + "quantile_disc(" + lag + ", 0.9), quantile_disc(" + lag + ", 0.99), max(" + lag + "), "
                + "min(input['constraints']['budget']), quantile_disc(input['constraints']['budget'], 0.1), "
                + "quantile_disc(input['constraints']['budget'], 0.5), quantile_disc(input['constraints']['budget'], 0.9), "
                + "max(input['constraints']['budget']) FROM ex")) {
            rs.next();
            String[] lagKeys = {"p50", "p90", "p99", "max"};
            for (int i = 0; i < 4; i++) {
                long v = rs.getLong(1 + i);
                if (!rs.wasNull()) {
                    st.lagMicros.put(lagKeys[i], v);
                }
            }
            String[] budgetKeys = {"min", "p10", "p50", "p90", "max"};
            for (int i = 0; i < 5; i++) {
                double v = rs.getDouble(5 + i);
                if (!rs.wasNull()) {
                    st.budget.put(budgetKeys[i], v);
                }
            }
        }
        return st;
    }

    private interface RowUse {
        void use(ResultSet rs) throws SQLException;
    }

    private static void counts(Connection c, String expr, RowUse use) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + expr + ", count(*) FROM ex WHERE "
                + expr + " IS NOT NULL GROUP BY 1 ORDER BY 1")) {
            while (rs.next()) {
                use.use(rs);
            }
        }
    }
}
