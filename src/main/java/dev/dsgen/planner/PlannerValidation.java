package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.io.Json;
import dev.dsgen.validate.RuleResult;
import dev.dsgen.validate.ValidationReport;
import java.io.IOException;
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
import java.util.function.BiConsumer;

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
     * Reads the file once: every rule's two counts, the duplicate count and every statistic are
     * aggregates of one scan (the nested structs whose nullness is checked cost ~0.4 s a read at 1M
     * rows, so one query per rule took 2-3x as long). Failing event ids are looked up only for the
     * rules that failed.
     */
    static Outcome check(Path parquet, BuildConfig cfg) {
        List<Rule> rules = rules(cfg);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            exec(c, "CREATE VIEW ex AS SELECT * FROM read_parquet('"
                    + parquet.toAbsolutePath().toString().replace("'", "''") + "')");
            StringBuilder sql = new StringBuilder("SELECT ").append(STATS);
            for (Rule r : rules) {
                sql.append(", count(*) FILTER (WHERE ").append(r.applies()).append("), count(*) FILTER (WHERE ")
                        .append(r.failing()).append(')');
            }
            sql.append(", count(").append(ID).append(") - count(DISTINCT ").append(ID).append(") FROM ex");
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
                duplicates = rs.getLong(col);
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
        } catch (SQLException | IOException e) {
            throw new DsgenException(ExitCode.INTERNAL, "cannot read back " + parquet + " for validation: "
                    + PlannerDb.firstLine(e.getMessage()), e);
        }
    }

    private static List<Rule> rules(BuildConfig cfg) {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("planner.not_null.input.household.id", "no nulls in required field input.household.id (spec §5)",
                "TRUE", "input['household'] IS NULL OR input['household']['id'] IS NULL"));
        rules.add(new Rule("planner.not_null.target.accepted_plan", "no nulls in required field target.accepted_plan (spec §5)",
                "TRUE", "target['accepted_plan'] IS NULL"));
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
    /** The statistics' aggregates, read back by {@link #stats} in this order. */
    private static final String STATS = "count(*), count(metadata['previous_plan_time']), "
            + "coalesce(sum(len(target['user_edits'])), 0), "
            + "count(*) FILTER (WHERE input['household'] IS NULL), "
            + "count(*) FILTER (WHERE input['pantry'] IS NULL), "
            + "count(*) FILTER (WHERE input['constraints'] IS NULL), "
            + "count(*) FILTER (WHERE input['previous_plan'] IS NULL), "
            + "count(*) FILTER (WHERE target['accepted_plan'] IS NULL), "
            + "count(*) FILTER (WHERE metadata['policy_version_id'] IS NULL), "
            + "count(*) FILTER (WHERE input['household']['size'] IS NULL), "
            + "count(*) FILTER (WHERE " + BUDGET + " IS NULL), "
            + "count(*) FILTER (WHERE input['constraints']['max_prep_time'] IS NULL), "
            + "quantile_disc(" + LAG + ", 0.5), quantile_disc(" + LAG + ", 0.9), quantile_disc(" + LAG + ", 0.99), "
            + "max(" + LAG + "), min(" + BUDGET + "), quantile_disc(" + BUDGET + ", 0.1), "
            + "quantile_disc(" + BUDGET + ", 0.5), quantile_disc(" + BUDGET + ", 0.9), max(" + BUDGET + "), "
            + "CAST(to_json(histogram(metadata['event_type'])) AS VARCHAR), "
            + "CAST(to_json(histogram(metadata['pantry_status'])) AS VARCHAR), "
            + "CAST(to_json(histogram(input['household']['size'])) AS VARCHAR), "
            + "CAST(to_json(histogram(input['constraints']['max_prep_time'])) AS VARCHAR)";

    /** Reads {@link #STATS} from the row; returns the next column. */
    private static int stats(ResultSet rs, Stats st) throws SQLException, IOException {
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
        histogram(rs.getString(col++), st.byEventType::put);
        histogram(rs.getString(col++), st.pantryStatus::put);
        histogram(rs.getString(col++), (k, n) -> st.householdSize.put(Integer.valueOf(k), n));
        histogram(rs.getString(col++), (k, n) -> st.maxPrepTime.put(Integer.valueOf(k), n));
        return col;
    }

    /** A DuckDB histogram as JSON ({@code {"key": count, ...}}; null when no value was non-null). */
    private static void histogram(String json, BiConsumer<String, Long> put) throws IOException {
        if (json == null) {
            return;
        }
        Json.MAPPER.readTree(json).properties().forEach(e -> put.accept(e.getKey(), e.getValue().asLong()));
    }
}
