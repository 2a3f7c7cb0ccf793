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

    /** A row rule: among rows where {@code applies}, those where {@code fails} break it. */
    private record Rule(String name, String detail, String applies, String fails) {
        String failing() {
            return "(" + applies + ") AND coalesce(" + fails + ", false)";
        }
    }

    /**
     * Every rule's two counts, the null counts and the percentiles are aggregates of one scan (the
     * nested structs whose nullness is checked cost ~0.4 s a read at 1M rows, so one query per rule
     * took 2-3x as long); the distributions and duplicates are small queries on flat columns. Failing
     * event ids are looked up only for the rules that failed.
     */
    static Outcome check(Path parquet, BuildConfig cfg) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            exec(c, "CREATE VIEW ex AS SELECT * FROM read_parquet('"
                    + parquet.toAbsolutePath().toString().replace("'", "''") + "')");
            // A null plan has every leaf null: when no row has both of its flat leaves null, no plan
            // is null, and reading the whole struct (~0.4 s at 1M rows) to say so is not needed.
            String planNull;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ex WHERE "
                    + "target['accepted_plan']['plan_id'] IS NULL AND target['accepted_plan']['total_cost'] IS NULL")) {
                rs.next();
                planNull = rs.getLong(1) > 0 ? "target['accepted_plan'] IS NULL" : "FALSE";
            }
            List<Rule> rules = rules(cfg, planNull);
            StringBuilder sql = new StringBuilder("SELECT ").append(stats(planNull));
            for (Rule r : rules) {
                sql.append(", count(*) FILTER (WHERE ").append(r.applies()).append("), count(*) FILTER (WHERE ")
                        .append(r.failing()).append(')');
            }
            sql.append(" FROM ex");
            Stats st = new Stats();
            long[] checked = new long[rules.size()];
            long[] failures = new long[rules.size()];
            long duplicates;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                rs.next();
                int col = stats(rs, st);
                for (int i = 0; i < rules.size(); i++) {
                    checked[i] = rs.getLong(col++);
                    failures[i] = rs.getLong(col++);
                }
            }
            // Apart: DuckDB's histogram() took ~1 s at 1M rows where these GROUP BYs take ~10 ms each,
            // and a GROUP BY finds duplicates in half the time of count(DISTINCT).
            counts(c, "metadata['event_type']", rs -> st.byEventType.put(rs.getString(1), rs.getLong(2)));
            counts(c, "metadata['pantry_status']", rs -> st.pantryStatus.put(rs.getString(1), rs.getLong(2)));
            counts(c, "input['household']['size']", rs -> st.householdSize.put(rs.getInt(1), rs.getLong(2)));
            counts(c, "input['constraints']['max_prep_time']", rs -> st.maxPrepTime.put(rs.getInt(1), rs.getLong(2)));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(sum(n - 1), 0) FROM "
                    + "(SELECT count(*) AS n FROM ex WHERE " + ID + " IS NOT NULL GROUP BY " + ID + " HAVING count(*) > 1)")) {
                rs.next();
                duplicates = rs.getLong(1);
            }
            ValidationReport report = new ValidationReport();
            report.add(RuleResult.atLeast("planner.min_rows", st.rows, cfg.minRows()));
            for (int i = 0; i < rules.size(); i++) {
                Rule r = rules.get(i);
                List<String> examples = failures[i] == 0 ? List.of() : examples(c, "SELECT coalesce(" + ID
                        + ", '(no event_id)') FROM ex WHERE " + r.failing() + " ORDER BY 1 LIMIT 3");
                report.add(new RuleResult(r.name(), failures[i] == 0, checked[i], failures[i], r.detail(), examples));
                if (r.name().equals("planner.not_null.metadata.timestamp")) {
                    report.add(new RuleResult("planner.event_id_unique", duplicates == 0, st.rows, duplicates,
                            "each example keyed by a distinct event_id", duplicates == 0 ? List.of() : examples(c,
                            "SELECT " + ID + " FROM ex WHERE " + ID + " IS NOT NULL GROUP BY 1 HAVING count(*) > 1 "
                                    + "ORDER BY 1 LIMIT 3")));
                }
            }
            return new Outcome(report, st);
        } catch (SQLException e) {
            throw new DsgenException(ExitCode.INTERNAL, "cannot read back " + parquet + " for validation: "
                    + PlannerDb.firstLine(e.getMessage()), e);
        }
    }

    private static List<Rule> rules(BuildConfig cfg, String planNull) {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("planner.not_null.input.household.id", "no nulls in required field input.household.id (spec §5)",
                "TRUE", "input['household'] IS NULL OR input['household']['id'] IS NULL"));
        rules.add(new Rule("planner.not_null.target.accepted_plan", "no nulls in required field target.accepted_plan (spec §5)",
                "TRUE", planNull));
        rules.add(new Rule("planner.not_null.metadata.event_id", "no nulls in required field metadata.event_id",
                "TRUE", ID + " IS NULL"));
        rules.add(new Rule("planner.not_null.metadata.timestamp", "no nulls in required field metadata.timestamp",
                "TRUE", TS + " IS NULL"));
        rules.add(new Rule("planner.pantry_not_after_event", "pantry snapshot_time <= event timestamp",
                SNAP + " IS NOT NULL", SNAP + " > " + TS));
        if (cfg.asKnownAt()) {
            rules.add(new Rule("planner.pantry_known_at_event", "--as-known-at: pantry created_at <= event timestamp",
                    SNAP + " IS NOT NULL", "metadata['pantry_created_at'] > " + TS));
        }
        rules.add(new Rule("planner.pantry_lag_consistent",
                "pantry_lag_micros = timestamp - snapshot_time; pantry present iff status matched", "TRUE",
                "NOT coalesce((metadata['pantry_status'] = 'matched') = (input['pantry'] IS NOT NULL) "
                        + "AND (metadata['pantry_status'] = 'matched') = (" + SNAP + " IS NOT NULL) "
                        + "AND (metadata['pantry_status'] <> 'matched' OR metadata['pantry_lag_micros'] = epoch_us("
                        + TS + ") - epoch_us(" + SNAP + ")), false)"));
        if (cfg.maxStalenessMicros() != null) {
            rules.add(new Rule("planner.pantry_lag_within_bound", "pantry lag <= --pantry-max-staleness "
                    + cfg.stalenessText(), SNAP + " IS NOT NULL",
                    "epoch_us(" + TS + ") - epoch_us(" + SNAP + ") > " + cfg.maxStalenessMicros()));
        }
        rules.add(new Rule("planner.previous_plan_strictly_earlier", "previous plan time < event timestamp",
                "metadata['previous_plan_time'] IS NOT NULL", "metadata['previous_plan_time'] >= " + TS));
        rules.add(new Rule("planner.budget_positive", "constraints.budget > 0 where present",
                "input['constraints']['budget'] IS NOT NULL", "input['constraints']['budget'] <= 0"));
        rules.add(new Rule("planner.household_size_at_least_1", "household.size >= 1 where present",
                "input['household']['size'] IS NOT NULL", "input['household']['size'] < 1"));
        return rules;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> examples(Connection c, String sql) throws SQLException {
        List<String> examples = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                examples.add("event " + rs.getString(1));
            }
        }
        return examples;
    }

    private static final String[] NULL_FIELDS = {"input.household", "input.pantry", "input.constraints",
        "input.previous_plan", "target.accepted_plan", "metadata.policy_version_id", "input.household.size",
        "input.constraints.budget", "input.constraints.max_prep_time"};
    private static final String LAG = "metadata['pantry_lag_micros']";
    private static final String BUDGET = "input['constraints']['budget']";
    /** The statistics' aggregates, read back by {@link #stats(ResultSet, Stats)} in this order. */
    private static String stats(String planNull) {
        return "count(*), count(metadata['previous_plan_time']), "
                + "coalesce(sum(len(target['user_edits'])), 0), "
                + "count(*) FILTER (WHERE input['household'] IS NULL), "
                + "count(*) FILTER (WHERE input['pantry'] IS NULL), "
                + "count(*) FILTER (WHERE input['constraints'] IS NULL), "
                + "count(*) FILTER (WHERE input['previous_plan'] IS NULL), "
                + "count(*) FILTER (WHERE " + planNull + "), "
                + "count(*) FILTER (WHERE metadata['policy_version_id'] IS NULL), "
                + "count(*) FILTER (WHERE input['household']['size'] IS NULL), "
                + "count(*) FILTER (WHERE " + BUDGET + " IS NULL), "
                + "count(*) FILTER (WHERE input['constraints']['max_prep_time'] IS NULL), "
                + "quantile_disc(" + LAG + ", 0.5), quantile_disc(" + LAG + ", 0.9), quantile_disc(" + LAG + ", 0.99), "
                + "max(" + LAG + "), min(" + BUDGET + "), quantile_disc(" + BUDGET + ", 0.1), "
                + "quantile_disc(" + BUDGET + ", 0.5), quantile_disc(" + BUDGET + ", 0.9), max(" + BUDGET + ")";
    }

    /** Reads {@link #stats(String)} from the row; returns the next column. */
    private static int stats(ResultSet rs, Stats st) throws SQLException {
        int col = 1;
        st.rows = rs.getLong(col++);
        st.previousPlanFound = rs.getLong(col++);
        st.userEdits = rs.getLong(col++);
        for (String field : NULL_FIELDS) {
            st.nulls.put(field, rs.getLong(col++));
        }
        for (String key : new String[] {"p50", "p90", "p99", "max"}) {
            long v = rs.getLong(col++);
            if (!rs.wasNull()) {
                st.lagMicros.put(key, v);
            }
        }
        for (String key : new String[] {"min", "p10", "p50", "p90", "max"}) {
            double v = rs.getDouble(col++);
            if (!rs.wasNull()) {
                st.budget.put(key, v);
            }
        }
        return col;
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
