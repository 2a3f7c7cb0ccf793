package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import dev.dsgen.planner.PointInTime.Accepted;
import dev.dsgen.planner.PointInTime.Snapshot;
import dev.dsgen.planner.SourceScans.Constraints;
import dev.dsgen.planner.SourceScans.Edit;
import dev.dsgen.planner.SourceScans.Event;
import dev.dsgen.planner.SourceScans.Household;
import dev.dsgen.planner.SourceScans.SnapshotRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;

/**
 * The point-in-time join in dsgen (so the result does not depend on the database): the scans
 * arrive ordered by household, and each household's events are joined to its household and
 * constraints rows, the pantry snapshot known at each event, the previous accepted plan and the
 * plan's edits.
 */
final class HouseholdMergeJoin {
    private final BuildConfig cfg;
    private final PlannerDb db;
    private final JsonColumns json;

    HouseholdMergeJoin(BuildConfig cfg, PlannerDb db) {
        this.cfg = cfg;
        this.db = db;
        this.json = new JsonColumns(db);
    }

    /** Joins every event of the window to its household's state at that moment; returns the examples written. */
    long join(SourceScans.Tables tables, Consumer<GenericRecord> writer) {
        Scan<Event> events = tables.events();
        Scan<Household> households = tables.households();
        Scan<Constraints> constraints = tables.constraints();
        Scan<SnapshotRow> snapshots = tables.snapshots();
        Scan<Edit> edits = tables.edits();
        PointInTime.Options options = new PointInTime.Options(cfg.asKnownAt(), cfg.maxStalenessMicros());
        Set<String> ids = new HashSet<>();
        long written = 0;
        long startMicros = cfg.startMicros();
        List<Event> group = new ArrayList<>();
        while (events.peek() != null) {
            String unit = events.peek().unit();
            group.clear();
            while (events.peek() != null && events.peek().unit().equals(unit)) {
                Event e = events.next();
                if (e.id() == null) {
                    throw DsgenException.input("exp.events has a row without an id (household " + unit + ") (--db "
                            + db.where() + ")");
                }
                if (!ids.add(e.id())) {
                    throw DsgenException.input("duplicate event id '" + e.id() + "' in exp.events (--db "
                            + db.where() + "; event ids must be unique)");
                }
                group.add(e);
            }
            group.sort(Comparator.comparingLong(Event::time).thenComparing(Event::id));
            List<Household> hh = households.take(unit);
            List<Constraints> cons = constraints.take(unit);
            List<Snapshot> snaps = new ArrayList<>();
            for (SnapshotRow s : snapshots.take(unit)) {
                if (s.snapshot().id() == null) {
                    throw DsgenException.input("pantry_snapshots has a row without an id (household " + unit + ") (--db "
                            + db.where() + ")");
                }
                snaps.add(s.snapshot());
            }
            snaps.sort(PointInTime.SNAPSHOT_ORDER);
            Map<String, List<Edit>> editsByPlan = new HashMap<>();
            for (Edit e : edits.take(unit)) {
                if (e.id() == null || e.type() == null) {
                    throw DsgenException.input("plan_edits has a row without an id or edit_type (household " + unit
                            + ") (--db " + db.where() + ")");
                }
                editsByPlan.computeIfAbsent(e.planId(), k -> new ArrayList<>()).add(e);
            }
            List<Accepted> accepted = new ArrayList<>();
            for (Event e : group) {
                if (e.type().equals("plan_accepted")) {
                    accepted.add(new Accepted(e.id(), e.time(), e));
                }
            }
            ExampleAssembler examples = new ExampleAssembler(json, hh.isEmpty() ? null : hh.get(0),
                    cons.isEmpty() ? null : cons.get(0), editsByPlan);
            PointInTime.PantryCursor pantry = new PointInTime.PantryCursor(snaps, options);
            PointInTime.PlanCursor plans = new PointInTime.PlanCursor(accepted);
            for (Event e : group) {
                if (e.time() < startMicros) {
                    continue; // history only: a previous plan for later events
                }
                writer.accept(examples.example(e, pantry.match(e.time()), plans.previous(e.time())));
                written++;
            }
        }
        return written;
    }
}
