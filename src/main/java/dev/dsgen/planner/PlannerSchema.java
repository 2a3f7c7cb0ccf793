package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The source tables (docs/planner-ddl.md shows the same DDL) and the columns {@code build} reads.
 * JSON columns are {@code JSON} in both databases (PostgreSQL's {@code json} keeps the text as
 * written, so content hashes agree with DuckDB); timestamps are {@code TIMESTAMP} without time
 * zone, in UTC, to the microsecond.
 */
final class PlannerSchema {
    private PlannerSchema() {
    }

    /** Table -> the columns build reads (in this order). */
    static final Map<String, List<String>> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("exp.events", List.of("id", "event_type", "unit_id", "timestamp", "context", "payload"));
        REQUIRED.put("households", List.of("id", "size", "preferences", "dietary_restrictions"));
        REQUIRED.put("household_constraints", List.of("household_id", "budget", "max_prep_time", "excluded"));
        REQUIRED.put("pantry_snapshots", List.of("id", "household_id", "snapshot_time", "created_at", "items"));
        REQUIRED.put("plan_edits", List.of("id", "plan_id", "household_id", "edit_time", "edit_type", "meal_day",
                "old_recipe", "new_recipe"));
    }

    /** The tables simulate creates (and replaces). */
    static final List<String> TABLES = List.of("exp.events", "households", "household_constraints", "pantry_snapshots", "plan_edits");

    /** CREATE statements, dropping earlier tables first (simulate starts from scratch). */
    static List<String> ddl(PlannerDb.Dialect dialect) {
        boolean pg = dialect == PlannerDb.Dialect.POSTGRES;
        String text = pg ? "TEXT" : "VARCHAR";
        String dbl = pg ? "DOUBLE PRECISION" : "DOUBLE";
        List<String> s = new ArrayList<>();
        s.add("CREATE SCHEMA IF NOT EXISTS exp");
        for (String t : TABLES) {
            s.add("DROP TABLE IF EXISTS " + t);
        }
        s.add("CREATE TABLE exp.events (id " + text + " NOT NULL, event_type " + text + " NOT NULL, unit_id " + text
                + " NOT NULL, \"timestamp\" TIMESTAMP NOT NULL, context JSON, payload JSON)");
        s.add("CREATE TABLE households (id " + text + " PRIMARY KEY, size INTEGER NOT NULL, preferences JSON, "
                + "dietary_restrictions JSON)");
        s.add("CREATE TABLE household_constraints (household_id " + text + " PRIMARY KEY, budget " + dbl
                + ", max_prep_time INTEGER, excluded JSON)");
        s.add("CREATE TABLE pantry_snapshots (id " + text + " NOT NULL, household_id " + text
                + " NOT NULL, snapshot_time TIMESTAMP NOT NULL, created_at TIMESTAMP, items JSON)");
        s.add("CREATE TABLE plan_edits (id " + text + " NOT NULL, plan_id " + text + " NOT NULL, household_id " + text
                + " NOT NULL, edit_time TIMESTAMP NOT NULL, edit_type " + text + " NOT NULL, meal_day INTEGER, "
                + "old_recipe " + text + ", new_recipe " + text + ")");
        return s;
    }

    /** Indexes created after bulk loading (PostgreSQL; DuckDB sorts fast enough without). */
    static List<String> indexes(PlannerDb.Dialect dialect) {
        if (dialect != PlannerDb.Dialect.POSTGRES) {
            return List.of();
        }
        return List.of(
                "CREATE INDEX events_unit_time ON exp.events (unit_id, \"timestamp\", id)",
                "CREATE INDEX pantry_household_time ON pantry_snapshots (household_id, snapshot_time)",
                "CREATE INDEX plan_edits_plan ON plan_edits (plan_id)",
                "ANALYZE");
    }

    /**
     * Checks that every table and column build reads exists, via JDBC metadata (no database-specific
     * error text): a missing one is exit 3 naming it.
     */
    static void check(Connection c, PlannerDb db) {
        try {
            DatabaseMetaData md = c.getMetaData();
            for (Map.Entry<String, List<String>> t : REQUIRED.entrySet()) {
                String schema = t.getKey().contains(".") ? t.getKey().substring(0, t.getKey().indexOf('.')) : null;
                String table = t.getKey().substring(t.getKey().indexOf('.') + 1);
                TreeSet<String> columns = columns(md, schema, table);
                if (columns.isEmpty() && schema == null) {
                    // PostgreSQL: tables without a schema live in "public"; DuckDB in "main".
                    columns = columns(md, db.dialect() == PlannerDb.Dialect.POSTGRES ? "public" : "main", table);
                }
                if (columns.isEmpty()) {
                    throw DsgenException.input("table " + t.getKey() + " not found in " + db.where()
                            + " (--db; see docs/planner-ddl.md for the expected tables)");
                }
                for (String col : t.getValue()) {
                    if (!columns.contains(col)) {
                        throw DsgenException.input("column " + t.getKey() + "." + col + " not found in " + db.where()
                                + " (--db; see docs/planner-ddl.md)");
                    }
                }
            }
        } catch (SQLException e) {
            throw db.queryFailure("reading the table list", e);
        }
    }

    private static TreeSet<String> columns(DatabaseMetaData md, String schema, String table) throws SQLException {
        TreeSet<String> cols = new TreeSet<>();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = md.getColumns(null, schema, name, null)) {
                while (rs.next()) {
                    cols.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            if (!cols.isEmpty()) {
                break;
            }
        }
        return cols;
    }
}
