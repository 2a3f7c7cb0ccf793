package dev.dsgen.planner;

import dev.dsgen.planner.PointInTime.Snapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.avro.generic.GenericData;
import org.duckdb.DuckDBConnection;

/**
 * The five ordered scans of a build (events, households, constraints, pantry snapshots, plan
 * edits), each on its own connection, all reading one database snapshot, and the rows they map.
 */
final class SourceScans {
    /** {@code context} and {@code payload}: JSON text as UTF-8, null for SQL NULL. */
    record Event(String id, String type, String unit, long time, byte[] context, byte[] payload) {
    }

    record Household(String id, Integer size, byte[] preferences, byte[] restrictions) {
    }

    record Constraints(String householdId, Double budget, Integer maxPrep, byte[] excluded) {
    }

    record Edit(String id, String planId, String householdId, long time, String type, Integer mealDay,
                String oldRecipe, String newRecipe) {
    }

    record SnapshotRow(String householdId, Snapshot snapshot) {
    }

    /** JSON text parsed on first use (a snapshot's items are parsed once, however many events use it). */
    static final class LazyJson {
        final byte[] text;
        GenericData.Record pantry;

        LazyJson(byte[] text) {
            this.text = text;
        }
    }

    /** The five open scans, each ordered by household. */
    record Tables(Scan<Event> events, Scan<Household> households, Scan<Constraints> constraints,
                  Scan<SnapshotRow> snapshots, Scan<Edit> edits) {
    }

    private final BuildConfig cfg;
    private final PlannerDb db;
    private final Runnable afterSnapshotExported;

    /**
     * @param afterSnapshotExported runs on PostgreSQL after the first connection has exported its
     *     snapshot and before the other four import it (a test commits rows at that moment)
     */
    SourceScans(BuildConfig cfg, PlannerDb db, Runnable afterSnapshotExported) {
        this.cfg = cfg;
        this.db = db;
        this.afterSnapshotExported = afterSnapshotExported;
    }

    /** A TIMESTAMP literal both databases read the same way (whole seconds, UTC). */
    static String ts(long micros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0, ZoneOffset.UTC);
        return "TIMESTAMP '" + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(t) + "'";
    }

    /**
     * Opens the five scans, runs {@code join} over them, then reads the rest of each so that the
     * fingerprints cover whole tables, and records them in {@code fingerprints}; returns what
     * {@code join} returned.
     */
    long read(ToLongFunction<Tables> join, Map<String, Scan.Fingerprint> fingerprints) {
        String start = ts(cfg.startMicros());
        String end = ts(cfg.endMicros());
        List<Connection> connections = new ArrayList<>();
        try {
            Connection first = db.connect();
            connections.add(first);
            PlannerSchema.check(first, db);
            for (int i = 0; i < 4; i++) {
                connections.add(another(db, first));
            }
            if (db.dialect() == PlannerDb.Dialect.POSTGRES) {
                for (Connection c : connections) {
                    c.setAutoCommit(false); // cursors: pgJDBC streams with a fetch size only inside a transaction
                }
                shareSnapshot(connections);
            }
            String ts = "\"timestamp\"";
            try (Scan<Event> events = new Scan<>(db, connections.get(0), "exp.events",
                    "SELECT id, event_type, unit_id, " + db.epochMicros(ts) + ", " + db.jsonText("context") + ", "
                            + db.jsonText("payload") + " FROM exp.events WHERE " + ts + " < " + end
                            + " AND (event_type = 'plan_accepted' OR (event_type = 'plan_generated' AND " + ts + " >= "
                            + start + ")) ORDER BY " + db.binaryOrder("unit_id") + ", " + ts + ", " + db.binaryOrder("id"),
                    (rs, fp) -> new Event(fp.str(rs, 1), fp.str(rs, 2), fp.str(rs, 3), fp.lng(rs, 4), fp.json(rs, 5),
                            fp.json(rs, 6)), Event::unit);
                 Scan<Household> households = new Scan<>(db, connections.get(1), "households",
                         "SELECT id, size, " + db.jsonText("preferences") + ", " + db.jsonText("dietary_restrictions")
                                 + " FROM households ORDER BY " + db.binaryOrder("id"),
                         (rs, fp) -> new Household(fp.str(rs, 1), fp.integer(rs, 2), fp.json(rs, 3), fp.json(rs, 4)),
                         Household::id);
                 Scan<Constraints> constraints = new Scan<>(db, connections.get(2), "household_constraints",
                         "SELECT household_id, budget, max_prep_time, " + db.jsonText("excluded")
                                 + " FROM household_constraints ORDER BY " + db.binaryOrder("household_id"),
                         (rs, fp) -> new Constraints(fp.str(rs, 1), fp.dbl(rs, 2), fp.integer(rs, 3), fp.json(rs, 4)),
                         Constraints::householdId);
                 Scan<SnapshotRow> snapshots = new Scan<>(db, connections.get(3), "pantry_snapshots",
                         "SELECT id, household_id, " + db.epochMicros("snapshot_time") + ", " + db.epochMicros("created_at")
                                 + ", " + db.jsonText("items") + " FROM pantry_snapshots WHERE snapshot_time < " + end
                                 + " ORDER BY " + db.binaryOrder("household_id") + ", snapshot_time, " + db.binaryOrder("id"),
                         (rs, fp) -> new SnapshotRow(fp.str(rs, 2), new Snapshot(fp.str(rs, 1), fp.lng(rs, 3),
                                 fp.lng(rs, 4, PointInTime.UNKNOWN), new LazyJson(fp.json(rs, 5)))),
                         SnapshotRow::householdId);
                 Scan<Edit> edits = new Scan<>(db, connections.get(4), "plan_edits",
                         "SELECT id, plan_id, household_id, " + db.epochMicros("edit_time") + ", edit_type, meal_day, "
                                 + "old_recipe, new_recipe FROM plan_edits WHERE edit_time < " + end + " ORDER BY "
                                 + db.binaryOrder("household_id") + ", " + db.binaryOrder("plan_id") + ", edit_time, "
                                 + db.binaryOrder("id"),
                         (rs, fp) -> new Edit(fp.str(rs, 1), fp.str(rs, 2), fp.str(rs, 3), fp.lng(rs, 4), fp.str(rs, 5),
                                 fp.integer(rs, 6), fp.str(rs, 7), fp.str(rs, 8)),
                         Edit::householdId)) {
                long n = join.applyAsLong(new Tables(events, households, constraints, snapshots, edits));
                for (Scan<?> s : List.of(households, constraints, snapshots, edits)) {
                    s.drain();
                }
                fingerprints.put("exp.events", events.fingerprint);
                fingerprints.put("households", households.fingerprint);
                fingerprints.put("household_constraints", constraints.fingerprint);
                fingerprints.put("pantry_snapshots", snapshots.fingerprint);
                fingerprints.put("plan_edits", edits.fingerprint);
                return n;
            }
        } catch (SQLException e) {
            throw db.queryFailure("opening the scans", e);
        } finally {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // read-only connections: nothing to roll back
                }
            }
        }
    }

    /**
     * PostgreSQL: the five scans read one snapshot, so rows committed by other clients during the
     * build are in all of them or in none. The first connection's transaction exports its snapshot
     * and stays open (it runs the events scan) while the other four import it before their first
     * query. DuckDB needs nothing: its connections duplicate one read-only instance, which no other
     * process can write meanwhile. Other JDBC databases get no such guarantee: each scan reads
     * what its own connection sees.
     */
    private void shareSnapshot(List<Connection> connections) {
        try {
            String snapshot = PlannerDb.exportSnapshot(connections.get(0));
            afterSnapshotExported.run();
            for (Connection c : connections.subList(1, connections.size())) {
                PlannerDb.importSnapshot(c, snapshot);
            }
        } catch (SQLException e) {
            throw db.queryFailure("sharing one snapshot between the scans", e);
        }
    }

    private static Connection another(PlannerDb db, Connection first) throws SQLException {
        if (db.dialect() == PlannerDb.Dialect.DUCKDB) {
            return first.unwrap(DuckDBConnection.class).duplicate();
        }
        return db.connect();
    }
}
