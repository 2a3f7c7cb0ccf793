package dev.dsgen.planner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's approach (steps 2.1-2.2), for the benchmark only: one query for the events, then per
 * event separate queries for the household, the pantry snapshot at event time (ORDER BY
 * snapshot_time DESC LIMIT 1), the constraints, the previous plan and the user edits. It reads the
 * same data the build reads (JSON as text) but builds nothing; it measures the queries alone.
 *
 * <pre>java -cp target/test-classes:target/dsgen.jar dev.dsgen.planner.PerEventQueryBaseline JDBC_URL N</pre>
 */
public final class PerEventQueryBaseline {
    private PerEventQueryBaseline() {
    }

    public static void main(String[] args) throws SQLException {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        PlannerDb db = PlannerDb.of(url, true);
        try (Connection c = db.connect()) {
            List<Object[]> events = new ArrayList<>();
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT e.id, e.unit_id, e.\"timestamp\", "
                    + db.jsonText("e.context") + ", " + db.jsonText("e.payload") + " FROM exp.events e "
                    + "WHERE e.event_type IN ('plan_generated', 'plan_accepted') ORDER BY e.unit_id, e.\"timestamp\", e.id "
                    + "LIMIT " + n)) {
                while (rs.next()) {
                    events.add(new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3), rs.getString(4),
                        rs.getString(5)});
                }
            }
            try (PreparedStatement household = c.prepareStatement("SELECT * FROM households WHERE id = ?");
                 PreparedStatement pantry = c.prepareStatement("SELECT * FROM pantry_snapshots WHERE household_id = ? "
                         + "AND snapshot_time <= ? ORDER BY snapshot_time DESC LIMIT 1");
                 PreparedStatement constraints = c.prepareStatement(
                         "SELECT * FROM household_constraints WHERE household_id = ?");
                 PreparedStatement previous = c.prepareStatement("SELECT id, " + db.jsonText("payload")
                         + " FROM exp.events WHERE unit_id = ? AND event_type = 'plan_accepted' AND \"timestamp\" < ? "
                         + "ORDER BY \"timestamp\" DESC, id DESC LIMIT 1");
                 PreparedStatement edits = c.prepareStatement("SELECT * FROM plan_edits WHERE plan_id = ? ORDER BY edit_time")) {
                long fetched = 0;
                for (Object[] e : events) {
                    String unit = (String) e[1];
                    Timestamp ts = (Timestamp) e[2];
                    fetched += drain(household, unit, null);
                    fetched += drain(pantry, unit, ts);
                    fetched += drain(constraints, unit, null);
                    fetched += drain(previous, unit, ts);
                    String payload = (String) e[4];
                    int at = payload == null ? -1 : payload.indexOf("\"plan_id\":\"");
                    String planId = at < 0 ? "" : payload.substring(at + 11, payload.indexOf('"', at + 11));
                    fetched += drain(edits, planId, null);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("per-event queries: %d events, %d rows fetched, %.2f s, %.0f events/s%n",
                        events.size(), fetched, seconds, events.size() / seconds);
            }
        }
    }

    private static long drain(PreparedStatement s, String key, Timestamp ts) throws SQLException {
        s.setString(1, key);
        if (ts != null) {
            s.setTimestamp(2, ts);
        }
        long n = 0;
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    rs.getObject(i);
                }
                n++;
            }
        }
        return n;
    }
}
