package dev.dsgen.planner;

import static dev.dsgen.planner.PlannerTestSupport.H;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.planner.PlannerTestSupport.Con;
import dev.dsgen.planner.PlannerTestSupport.Ev;
import dev.dsgen.planner.PlannerTestSupport.Hh;
import dev.dsgen.planner.PlannerTestSupport.Snap;
import dev.dsgen.planner.PlannerTestSupport.Tables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import dev.dsgen.validate.RuleResult;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The merge join of {@code build} against a deliberately naive nested loop written here: for every
 * event, scan every snapshot and every event of the database. Random tables full of edge cases:
 * timestamps on a coarse hour grid (ties between snapshots, events exactly at a snapshot time),
 * unknown and late created_at, events before any snapshot, staleness exactly at the bound and one
 * microsecond past it, accepted plans before the window, missing households and constraints.
 */
class PlannerOracleTest {
    private static final LocalDate D0 = LocalDate.of(2025, 3, 1);
    private static final long T0 = D0.toEpochDay() * PlannerSimulator.DAY;
    private static final LocalDate START = D0.plusDays(3);
    private static final LocalDate END = D0.plusDays(5);
    private static final long WINDOW_START = START.toEpochDay() * PlannerSimulator.DAY;
    private static final long WINDOW_END = END.plusDays(1).toEpochDay() * PlannerSimulator.DAY;

    /** What the naive loop expects for one event. */
    record Expected(String status, String snapshotId, String previousId) {
    }

    @Property(tries = 12)
    void mergeJoinAgreesWithNestedLoop(@ForAll long seed) {
        Random r = new Random(seed);
        boolean asKnownAt = r.nextBoolean();
        Long staleness = switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> 0L;
            case 2 -> 6 * H;
            default -> 30 * H;
        };
        Tables t = tables(r, staleness);
        Path dir = PlannerTestSupport.newDir("oracle");
        try {
            String url = "jdbc:duckdb:" + dir.resolve("src.duckdb");
            PlannerTestSupport.load(url, t);
            PlannerBuild.Result result = PlannerTestSupport.build(
                    PlannerTestSupport.config(url, dir.resolve("out"), END, START, asKnownAt, staleness, 1));
            Map<String, Expected> expected = naive(t, asKnownAt, staleness);
            Map<String, Expected> actual = new TreeMap<>();
            for (Map<String, String> row : PlannerTestSupport.query("SELECT metadata.event_id AS id, "
                    + "metadata.pantry_status AS status, metadata.pantry_snapshot_id AS snap, "
                    + "metadata.previous_plan_event_id AS prev FROM "
                    + PlannerTestSupport.parquet(result.folder().resolve("training.parquet")))) {
                actual.put(row.get("id"), new Expected(row.get("status"), row.get("snap"), row.get("prev")));
            }
            String flags = " (seed " + seed + ", as-known-at " + asKnownAt + ", staleness " + staleness + ")";
            assertEquals(expected.keySet(), actual.keySet(), "one row per in-window plan event" + flags);
            for (String id : expected.keySet()) {
                assertEquals(expected.get(id), actual.get(id), "event " + id + flags);
            }
            // Validation holds the contract; only U10's events (no household row) break "household id not null".
            boolean orphan = t.events.stream().anyMatch(e -> e.unit().equals("U10") && expected.containsKey(e.id()));
            assertEquals(orphan ? List.of("planner.not_null.input.household.id") : List.of(),
                    result.report().failed().stream().map(RuleResult::rule).toList(), "validation" + flags);
            // The edge cases were really there.
            Set<String> statuses = new HashSet<>();
            expected.values().forEach(e -> statuses.add(e.status()));
            assertTrue(statuses.contains("matched") && statuses.contains("no_snapshot"), statuses + flags);
            if (staleness != null) {
                assertTrue(statuses.contains("stale"), statuses + flags);
            }
        } finally {
            PlannerTestSupport.deleteTree(dir);
        }
    }

    static Tables tables(Random r, Long staleness) {
        Tables t = new Tables();
        Set<String> ids = new HashSet<>();
        for (int u = 0; u < 14; u++) {
            String unit = String.format("U%02d", u);
            if (u != 10) {
                t.households.add(new Hh(unit, 1 + r.nextInt(5), "[\"thai\"]", "[]"));
            }
            if (u != 11) {
                t.constraints.add(new Con(unit, 20.0 + r.nextInt(100), 30, "[\"nuts\"]"));
            }
            int snaps = u == 9 ? 0 : r.nextInt(9);
            for (int k = 0; k < snaps; k++) {
                long time = T0 + (24 + r.nextInt(6 * 24)) * H;
                Long created = switch (r.nextInt(5)) {
                    case 0 -> null;
                    case 1 -> time;
                    default -> time + r.nextInt(30) * H + (r.nextBoolean() ? 0 : r.nextInt(3600) * 1_000_000L);
                };
                t.snapshots.add(new Snap(unique(r, "S", ids), unit, time, created, "[{\"name\":\"rice\",\"quantity\":1,\"unit\":\"kg\"}]"));
            }
            int events = r.nextInt(16);
            for (int k = 0; k < events; k++) {
                long time = T0 + r.nextInt(7 * 24) * H + (r.nextInt(4) == 0 ? r.nextInt(3600) * 1_000_000L : 0);
                String type = switch (r.nextInt(5)) {
                    case 0, 1 -> "plan_generated";
                    case 2, 3 -> "plan_accepted";
                    default -> "app_opened";
                };
                String id = unique(r, "E", ids);
                t.events.add(new Ev(id, type, unit, time, PlannerTestSupport.context("pv-1"),
                        PlannerTestSupport.plan("P" + id)));
            }
        }
        // Edge cases on purpose: an event exactly at a snapshot time, one before any snapshot, and the
        // staleness bound hit exactly and missed by one microsecond.
        long at = WINDOW_START + 5 * H;
        t.snapshots.add(new Snap("S-exact", "U12", at, at, "[]"));
        t.events.add(new Ev("E-exact", "plan_generated", "U12", at, PlannerTestSupport.context("pv-2"), PlannerTestSupport.plan("PX")));
        // On U09, the one household without random snapshots: on any other, a random earlier snapshot
        // could match and no event would be "no_snapshot" (seed 192522 did that).
        t.events.add(new Ev("E-before", "plan_accepted", "U09", WINDOW_START + H, PlannerTestSupport.context("pv-2"),
                PlannerTestSupport.plan("PB")));
        t.snapshots.add(new Snap("S-after", "U09", WINDOW_START + 2 * H, null, "[]"));
        if (staleness != null) {
            long s = WINDOW_START + 30 * H;
            t.snapshots.add(new Snap("S-bound", "U09", s, s, "[]"));
            t.events.add(new Ev("E-at-bound", "plan_generated", "U09", s + staleness, PlannerTestSupport.context("pv-2"),
                    PlannerTestSupport.plan("PC")));
            t.events.add(new Ev("E-past-bound", "plan_generated", "U09", s + staleness + 1,
                    PlannerTestSupport.context("pv-2"), PlannerTestSupport.plan("PD")));
        }
        return t;
    }

    private static String unique(Random r, String prefix, Set<String> ids) {
        while (true) {
            String id = prefix + Integer.toString(r.nextInt(100_000), 36);
            if (ids.add(id)) {
                return id;
            }
        }
    }

    /** Nested loops over everything, no sorting of streams, no cursors. */
    static Map<String, Expected> naive(Tables t, boolean asKnownAt, Long staleness) {
        Comparator<Snap> order = Comparator.comparingLong(Snap::time)
                .thenComparingLong(s -> s.createdAt() == null ? Long.MIN_VALUE : s.createdAt())
                .thenComparing(Snap::id);
        Map<String, Expected> out = new TreeMap<>();
        for (Ev e : t.events) {
            boolean planEvent = e.type().equals("plan_generated") || e.type().equals("plan_accepted");
            if (!planEvent || e.time() < WINDOW_START || e.time() >= WINDOW_END) {
                continue;
            }
            Snap best = null;
            boolean anyBefore = false;
            for (Snap s : t.snapshots) {
                if (!s.household().equals(e.unit()) || s.time() > e.time()) {
                    continue;
                }
                anyBefore = true;
                long known = s.createdAt() == null ? s.time() : s.createdAt();
                if (asKnownAt && known > e.time()) {
                    continue;
                }
                if (best == null || order.compare(s, best) > 0) {
                    best = s;
                }
            }
            String status;
            if (best == null) {
                status = anyBefore ? "not_yet_known" : "no_snapshot";
            } else if (staleness != null && e.time() - best.time() > staleness) {
                status = "stale";
                best = null;
            } else {
                status = "matched";
            }
            Ev prev = null;
            for (Ev a : t.events) {
                if (a.unit().equals(e.unit()) && a.type().equals("plan_accepted") && a.time() < e.time()
                        && (prev == null || a.time() > prev.time() || a.time() == prev.time() && a.id().compareTo(prev.id()) > 0)) {
                    prev = a;
                }
            }
            out.put(e.id(), new Expected(status, best == null ? null : best.id(), prev == null ? null : prev.id()));
        }
        return out;
    }
}
