package dev.dsgen.planner;

import dev.dsgen.core.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Source databases made row by row for tests, builds on them, and reading the result back with DuckDB. */
final class PlannerTestSupport {
    private PlannerTestSupport() {
    }

    static final long H = PlannerSimulator.HOUR;

    record Ev(String id, String type, String unit, long time, String context, String payload) {
    }

    record Snap(String id, String household, long time, Long createdAt, String items) {
    }

    record Hh(String id, Integer size, String prefs, String diets) {
    }

    record Con(String household, Double budget, Integer prep, String excluded) {
    }

    record Ed(String id, String planId, String household, long time, String type) {
    }

    /** Tables to load; all lists may be edited before {@link #load}. */
    static final class Tables {
        final List<Ev> events = new ArrayList<>();
        final List<Snap> snapshots = new ArrayList<>();
        final List<Hh> households = new ArrayList<>();
        final List<Con> constraints = new ArrayList<>();
        final List<Ed> edits = new ArrayList<>();
    }

    static String plan(String planId) {
        return "{\"plan_id\":\"" + planId + "\",\"plan\":{\"plan_id\":\"" + planId + "\",\"meals\":[{\"day\":1,"
                + "\"slot\":\"dinner\",\"recipe\":\"soup\",\"prep_minutes\":20,\"cost\":4.5,\"ingredients\":[\"leek\"]}],"
                + "\"total_cost\":4.5}}";
    }

    static String context(String policy) {
        return "{\"policy_version_id\":\"" + policy + "\",\"workflow_type\":\"plan-first\",\"mode\":\"copilot\"}";
    }

    /** Creates the schema in {@code url} and bulk-loads {@code t}. */
    static void load(String url, Tables t) {
        PlannerDb db = PlannerDb.of(url, false);
        try (Connection c = db.connect()) {
            for (String sql : PlannerSchema.ddl(db.dialect())) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }
            try (BulkLoader l = BulkLoader.open(c, db, "exp.events", PlannerSchema.REQUIRED.get("exp.events"))) {
                for (Ev e : t.events) {
                    l.row(e.id(), e.type(), e.unit(), new BulkLoader.Micros(e.time()), e.context(), e.payload());
                }
            }
            try (BulkLoader l = BulkLoader.open(c, db, "pantry_snapshots", PlannerSchema.REQUIRED.get("pantry_snapshots"))) {
                for (Snap s : t.snapshots) {
                    l.row(s.id(), s.household(), new BulkLoader.Micros(s.time()),
                            s.createdAt() == null ? null : new BulkLoader.Micros(s.createdAt()), s.items());
                }
            }
            try (BulkLoader l = BulkLoader.open(c, db, "households", PlannerSchema.REQUIRED.get("households"))) {
                for (Hh h : t.households) {
                    l.row(h.id(), h.size(), h.prefs(), h.diets());
                }
            }
            try (BulkLoader l = BulkLoader.open(c, db, "household_constraints",
                    PlannerSchema.REQUIRED.get("household_constraints"))) {
                for (Con k : t.constraints) {
                    l.row(k.household(), k.budget(), k.prep(), k.excluded());
                }
            }
            try (BulkLoader l = BulkLoader.open(c, db, "plan_edits", PlannerSchema.REQUIRED.get("plan_edits"))) {
                for (Ed e : t.edits) {
                    l.row(e.id(), e.planId(), e.household(), new BulkLoader.Micros(e.time()), e.type(), 1, "a", "b");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static BuildConfig config(String url, Path out, LocalDate date, LocalDate start, boolean asKnownAt, Long staleness,
                              long minRows) {
        return BuildConfig.builder().date(date).start(start).end(date).dbUrl(url).out(out).asKnownAt(asKnownAt)
                .maxStalenessMicros(staleness).stalenessText(staleness == null ? null : staleness + "us").minRows(minRows)
                .mlflowExperiment("planner-dataset").seed(42).overwrite(true).build();
    }

    static PlannerBuild.Result build(BuildConfig cfg) {
        StringWriter err = new StringWriter();
        return new PlannerBuild(cfg, new PrintWriter(err, true), Progress.NONE).run();
    }

    /** Rows of a query on an in-memory DuckDB, each as column -> text (null stays null). */
    static List<Map<String, String>> query(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static String parquet(Path file) {
        return "read_parquet('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
    }

    static void deleteTree(Path dir) {
        try {
            if (java.nio.file.Files.exists(dir)) {
                try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path newDir(String prefix) {
        try {
            return Files.createTempDirectory("dsgen-planner-" + prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
