package dev.dsgen.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.planner.PointInTime.Accepted;
import dev.dsgen.planner.PointInTime.PantryMatch;
import dev.dsgen.planner.PointInTime.PantryStatus;
import dev.dsgen.planner.PointInTime.Snapshot;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The point-in-time contract as properties of the cursors, on small random time grids (many ties). */
class PlannerContractPropertiesTest {

    private static List<Snapshot> snapshots(java.util.Random r, int n) {
        List<Snapshot> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = r.nextInt(20);
            long created = r.nextInt(4) == 0 ? PointInTime.UNKNOWN : t + r.nextInt(6);
            s.add(new Snapshot("s" + r.nextInt(50) + "-" + i, t, created, null));
        }
        s.sort(PointInTime.SNAPSHOT_ORDER);
        return s;
    }

    private static long[] times(java.util.Random r, int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(26) - 2;
        }
        java.util.Arrays.sort(t);
        return t;
    }

    @Property(tries = 400)
    void pantryMatchIsTheLatestEligibleSnapshotAndNeverLater(@ForAll long seed,
                                                             @ForAll @IntRange(min = 0, max = 12) int count,
                                                             @ForAll boolean asKnownAt,
                                                             @ForAll @IntRange(min = -1, max = 8) int bound) {
        java.util.Random r = new java.util.Random(seed);
        List<Snapshot> snaps = snapshots(r, count);
        Long staleness = bound < 0 ? null : (long) bound;
        PointInTime.PantryCursor cursor = new PointInTime.PantryCursor(snaps, new PointInTime.Options(asKnownAt, staleness));
        for (long t : times(r, 10)) {
            PantryMatch m = cursor.match(t);
            Snapshot best = null;
            for (Snapshot s : snaps) {
                boolean eligible = s.time() <= t && (!asKnownAt || s.knownAt() <= t);
                if (eligible && (best == null || PointInTime.SNAPSHOT_ORDER.compare(s, best) > 0)) {
                    best = s;
                }
            }
            boolean anyBefore = snaps.stream().anyMatch(s -> s.time() <= t);
            switch (m.status()) {
                case MATCHED -> {
                    assertNotNull(m.snapshot());
                    assertTrue(m.snapshot().time() <= t, "snapshot after the event");
                    assertTrue(!asKnownAt || m.snapshot().knownAt() <= t, "snapshot not yet known");
                    assertTrue(staleness == null || t - m.snapshot().time() <= staleness, "stale snapshot used");
                    assertEquals(best, m.snapshot(), "not the latest eligible snapshot");
                }
                case STALE -> {
                    assertNull(m.snapshot());
                    assertEquals(best, m.staleCandidate());
                    assertTrue(staleness != null && t - best.time() > staleness);
                }
                case NO_SNAPSHOT -> {
                    assertNull(m.snapshot());
                    assertTrue(!anyBefore, "a snapshot existed before the event");
                }
                case NOT_YET_KNOWN -> {
                    assertTrue(asKnownAt && anyBefore && best == null);
                }
                default -> throw new AssertionError(m.status());
            }
        }
    }

    @Property(tries = 300)
    void previousPlanIsStrictlyEarlierAndTheLatestSuch(@ForAll long seed, @ForAll @IntRange(min = 0, max = 10) int count) {
        java.util.Random r = new java.util.Random(seed);
        List<Accepted> accepted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            accepted.add(new Accepted("e" + r.nextInt(30) + "-" + i, r.nextInt(15), null));
        }
        accepted.sort(java.util.Comparator.comparingLong(Accepted::time).thenComparing(Accepted::eventId));
        PointInTime.PlanCursor cursor = new PointInTime.PlanCursor(accepted);
        for (long t : times(r, 10)) {
            Accepted p = cursor.previous(t);
            List<Accepted> earlier = accepted.stream().filter(a -> a.time() < t).toList();
            if (earlier.isEmpty()) {
                assertNull(p);
            } else {
                assertNotNull(p);
                assertTrue(p.time() < t, "previous plan not strictly earlier");
                assertEquals(earlier.get(earlier.size() - 1), p);
            }
        }
    }

    @Property(tries = 200)
    void staleBoundaryIsInclusive(@ForAll @IntRange(min = 0, max = 1000) int bound, @ForAll @IntRange(min = 0, max = 5) int past) {
        Snapshot s = new Snapshot("s", 100, 100, null);
        PointInTime.PantryCursor cursor = new PointInTime.PantryCursor(List.of(s),
                new PointInTime.Options(false, (long) bound));
        assertEquals(PantryStatus.MATCHED, cursor.match(100 + bound).status());
        assertEquals(past == 0 ? PantryStatus.MATCHED : PantryStatus.STALE, cursor.match(100 + bound + past).status());
    }
}
