package dev.dsgen.planner;

import java.util.Comparator;
import java.util.List;

/**
 * The point-in-time join of one household, as a merge over its events and snapshots, both sorted.
 * The contract (also written into schema.json):
 * <ul>
 *   <li>pantry: the latest snapshot with {@code snapshot_time <= event time}, "latest" by the total
 *       order (snapshot_time, created_at, id) with an unknown created_at first; under {@code
 *       --as-known-at} only snapshots with {@code created_at <= event time} count (an unknown
 *       created_at counts as known at snapshot_time);</li>
 *   <li>staleness: with {@code --pantry-max-staleness}, a snapshot older than the bound
 *       ({@code event time - snapshot_time > bound}) is not used: the pantry is null, status stale;</li>
 *   <li>previous plan: the latest {@code plan_accepted} event of the household strictly before the
 *       event time, latest by (timestamp, id).</li>
 * </ul>
 */
final class PointInTime {
    /** Unknown created_at. */
    static final long UNKNOWN = Long.MIN_VALUE;

    /** One pantry snapshot; {@code payload} is whatever the caller attaches (items JSON). */
    record Snapshot(String id, long time, long createdAt, Object payload) {
        long knownAt() {
            return createdAt == UNKNOWN ? time : createdAt;
        }
    }

    /** The total order of snapshots: (snapshot_time, created_at with unknown first, id). */
    static final Comparator<Snapshot> SNAPSHOT_ORDER = Comparator.comparingLong(Snapshot::time)
            .thenComparingLong(Snapshot::createdAt).thenComparing(Snapshot::id);

    enum PantryStatus {
        MATCHED("matched"), NO_SNAPSHOT("no_snapshot"), NOT_YET_KNOWN("not_yet_known"), STALE("stale");

        final String key;

        PantryStatus(String key) {
            this.key = key;
        }
    }

    /** The pantry side of one event: the snapshot used (null unless matched) and why. */
    record PantryMatch(PantryStatus status, Snapshot snapshot, Snapshot staleCandidate) {
    }

    /** Options of the join. */
    record Options(boolean asKnownAt, Long maxStalenessMicros) {
    }

    /**
     * Matches events (their times, non-decreasing) against {@code snapshots} (sorted by
     * {@link #SNAPSHOT_ORDER}) with one forward pointer.
     */
    static final class PantryCursor {
        private final List<Snapshot> snapshots;
        private final Options options;
        private int upTo; // snapshots[0, upTo) have time <= the last event time
        private long lastTime = Long.MIN_VALUE;

        PantryCursor(List<Snapshot> snapshots, Options options) {
            this.snapshots = snapshots;
            this.options = options;
        }

        PantryMatch match(long eventTime) {
            if (eventTime < lastTime) {
                throw new IllegalStateException("events out of order");
            }
            lastTime = eventTime;
            while (upTo < snapshots.size() && snapshots.get(upTo).time() <= eventTime) {
                upTo++;
            }
            if (upTo == 0) {
                return new PantryMatch(PantryStatus.NO_SNAPSHOT, null, null);
            }
            Snapshot found = null;
            if (!options.asKnownAt()) {
                found = snapshots.get(upTo - 1);
            } else {
                for (int i = upTo - 1; i >= 0; i--) {
                    if (snapshots.get(i).knownAt() <= eventTime) {
                        found = snapshots.get(i);
                        break;
                    }
                }
                if (found == null) {
                    return new PantryMatch(PantryStatus.NOT_YET_KNOWN, null, null);
                }
            }
            if (options.maxStalenessMicros() != null && eventTime - found.time() > options.maxStalenessMicros()) {
                return new PantryMatch(PantryStatus.STALE, null, found);
            }
            return new PantryMatch(PantryStatus.MATCHED, found, null);
        }
    }

    /** One accepted plan of the household's history. */
    record Accepted(String eventId, long time, Object payload) {
    }

    /** Previous plans for events in (time, id) order: the latest accepted plan strictly earlier. */
    static final class PlanCursor {
        private final List<Accepted> accepted;
        private int upTo;
        private long lastTime = Long.MIN_VALUE;

        /** {@code accepted} sorted by (time, id). */
        PlanCursor(List<Accepted> accepted) {
            this.accepted = accepted;
        }

        Accepted previous(long eventTime) {
            if (eventTime < lastTime) {
                throw new IllegalStateException("events out of order");
            }
            lastTime = eventTime;
            while (upTo < accepted.size() && accepted.get(upTo).time() < eventTime) {
                upTo++;
            }
            return upTo == 0 ? null : accepted.get(upTo - 1);
        }
    }

    private PointInTime() {
    }
}
