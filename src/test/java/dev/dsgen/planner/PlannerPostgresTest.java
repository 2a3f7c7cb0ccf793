package dev.dsgen.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.cli.Dsgen;
import dev.dsgen.core.Progress;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL server (embedded binaries, started on 127.0.0.1 for this class): the same
 * simulation loaded by COPY there and by the Appender into DuckDB, then built on both, gives
 * byte-identical Parquet and schema.json, and the same input fingerprints. The five scans read one
 * snapshot however other clients write meanwhile, and a server that refuses to share snapshots is
 * a one-line error.
 */
class PlannerPostgresTest {
    private static EmbeddedPostgres pg;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() throws IOException {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    static String pgUrl() {
        return url("postgres", "postgres");
    }

    static String url(String database, String user) {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + database + "?user=" + user;
    }

    /** A new, empty database on the server; its URL (as the superuser). */
    static String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(pgUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name, "postgres");
    }

    private static BuildConfig window(LocalDate date, String db, Path out, boolean asKnownAt, Long staleness) {
        return BuildConfig.builder().date(date).start(date.minusDays(7)).end(date).dbUrl(db).out(out).asKnownAt(asKnownAt)
                .maxStalenessMicros(staleness).stalenessText(staleness == null ? null : "48h").minRows(100)
                .mlflowExperiment("x").seed(7).overwrite(true).build();
    }

    @Test
    void sameBuildOnDuckDbAndPostgresGivesTheSameBytes() throws IOException {
        String duck = "jdbc:duckdb:" + tmp.resolve("src.duckdb");
        LocalDate start = LocalDate.of(2025, 1, 1);
        for (String url : List.of(duck, pgUrl())) {
            new PlannerSimulator(new SimulateConfig(150, start, 12, url, 7, true)).run();
        }
        LocalDate date = LocalDate.of(2025, 1, 10);
        for (boolean asKnownAt : List.of(false, true)) {
            Long staleness = asKnownAt ? 48 * PlannerSimulator.HOUR : null;
            PlannerBuild.Result a = PlannerTestSupport.build(window(date, duck, tmp.resolve("duck"), asKnownAt,
                    staleness));
            PlannerBuild.Result b = PlannerTestSupport.build(window(date, pgUrl(), tmp.resolve("pg"), asKnownAt,
                    staleness));
            assertTrue(a.rows() >= 100, "rows " + a.rows());
            assertEquals(a.rows(), b.rows());
            assertTrue(a.report().passed(), () -> a.report().failed().toString());
            assertTrue(b.report().passed(), () -> b.report().failed().toString());
            assertArrayEquals(Files.readAllBytes(a.folder().resolve("training.parquet")),
                    Files.readAllBytes(b.folder().resolve("training.parquet")), "training.parquet (as-known-at " + asKnownAt + ")");
            assertArrayEquals(Files.readAllBytes(a.folder().resolve("_schema.json")),
                    Files.readAllBytes(b.folder().resolve("_schema.json")), "_schema.json");
            assertEquals(a.summary().get("inputs"), b.summary().get("inputs"), "input fingerprints");
            @SuppressWarnings("unchecked")
            Map<String, Long> status = (Map<String, Long>) a.summary().get("pantry_status");
            if (asKnownAt) {
                assertTrue(status.containsKey("stale"), "the 48h bound made some snapshots stale: " + status);
            }
        }
    }

    /**
     * Another client commits rows (a new accepted event, a pantry snapshot just before an event, an
     * edit of its plan, and updates of its household and constraints) after the build's first
     * connection exported its snapshot and before the other four imported it (the build's test
     * hook): the build shows none of them and equals, byte for byte, a build of the same database
     * without them. Scans on snapshots of their own see the pantry snapshot, the edit and the
     * updates but not the event (scans without any snapshot see all of them).
     */
    @Test
    void theFiveScansReadOneSnapshotWhileAnotherClientCommits() throws Exception {
        String live = createDatabase("snapshot_live");
        String base = createDatabase("snapshot_base");
        for (String url : List.of(live, base)) {
            new PlannerSimulator(new SimulateConfig(60, LocalDate.of(2025, 1, 1), 10, url, 11, true)).run();
        }
        LocalDate date = LocalDate.of(2025, 1, 8);
        LocalDate start = LocalDate.of(2025, 1, 5);
        String eventId;
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM exp.events WHERE event_type = 'plan_accepted' "
                     + "AND \"timestamp\" >= TIMESTAMP '2025-01-05 00:00:00' AND payload->>'plan_id' IS NOT NULL "
                     + "ORDER BY \"timestamp\", id LIMIT 1")) {
            assertTrue(rs.next(), "an accepted plan in the window");
            eventId = rs.getString(1);
        }
        int[] committed = new int[1];
        PlannerBuild build = new PlannerBuild(PlannerTestSupport.config(live, tmp.resolve("during"), date, start,
                false, null, 1), new PrintWriter(new StringWriter(), true), Progress.NONE,
                () -> committed[0] = commitLateRows(live, eventId));
        PlannerBuild.Result during = build.run();
        assertEquals(5, committed[0], "the hook ran and each statement changed one row");
        PlannerBuild.Result without = PlannerTestSupport.build(PlannerTestSupport.config(base, tmp.resolve("base"),
                date, start, false, null, 1));
        PlannerBuild.Result after = PlannerTestSupport.build(PlannerTestSupport.config(live, tmp.resolve("after"),
                date, start, false, null, 1));

        Map<String, String> w = lateRows(without.folder(), eventId);
        assertEquals(List.of("0", "false", "false"), List.of(w.get("events"), w.get("snapshots"), w.get("edits")));
        // The late rows matter once committed: a build started afterwards shows every one of them.
        Map<String, String> a = lateRows(after.folder(), eventId);
        assertEquals(List.of("1", "true", "true", Integer.parseInt(w.get("size")) + 1,
                Double.parseDouble(w.get("budget")) + 1000), List.of(a.get("events"), a.get("snapshots"), a.get("edits"),
                Integer.parseInt(a.get("size")), Double.parseDouble(a.get("budget"))), "a build after the commit");
        // The build that was running when they were committed shows none of them...
        assertEquals(w, lateRows(during.folder(), eventId), "the build running when the late rows were committed");
        // ... and is the build of the database without them, byte for byte.
        assertArrayEquals(Files.readAllBytes(without.folder().resolve("training.parquet")),
                Files.readAllBytes(during.folder().resolve("training.parquet")), "training.parquet");
        assertEquals(without.summary().get("inputs"), during.summary().get("inputs"), "input fingerprints");
    }

    /** Commits the late rows around event {@code eventId}; the rows changed. */
    private static int commitLateRows(String url, String eventId) {
        String event = " FROM exp.events WHERE id = ?";
        List<String> sql = List.of(
                "INSERT INTO exp.events (id, event_type, unit_id, \"timestamp\", context, payload) SELECT 'late-event', "
                        + "'plan_accepted', unit_id, \"timestamp\" + INTERVAL '1 second', context, payload" + event,
                "INSERT INTO pantry_snapshots (id, household_id, snapshot_time, created_at, items) SELECT 'late-snapshot', "
                        + "unit_id, \"timestamp\" - INTERVAL '1 microsecond', \"timestamp\" - INTERVAL '1 microsecond', "
                        + "(SELECT items FROM pantry_snapshots ORDER BY id LIMIT 1)" + event,
                "INSERT INTO plan_edits (id, plan_id, household_id, edit_time, edit_type, meal_day, old_recipe, new_recipe) "
                        + "SELECT 'late-edit', payload->>'plan_id', unit_id, \"timestamp\" + INTERVAL '1 minute', "
                        + "'swap_recipe', 1, 'soup', 'stew'" + event,
                "UPDATE households SET size = size + 1 WHERE id = (SELECT unit_id" + event + ")",
                "UPDATE household_constraints SET budget = budget + 1000 WHERE household_id = (SELECT unit_id" + event + ")");
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            int changed = 0;
            for (String q : sql) {
                try (PreparedStatement ps = c.prepareStatement(q)) {
                    ps.setString(1, eventId);
                    changed += ps.executeUpdate() == 1 ? 1 : 0;
                }
            }
            c.commit();
            return changed;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a dataset folder shows of the late rows: the late event's rows, whether the late snapshot
     * and edit are used anywhere, and the household size and budget of event {@code eventId}'s row.
     */
    private static Map<String, String> lateRows(Path folder, String eventId) {
        return PlannerTestSupport.query("SELECT count(*) FILTER (WHERE metadata.event_id = 'late-event') AS events, "
                + "bool_or(coalesce(metadata.pantry_snapshot_id = 'late-snapshot', false)) AS snapshots, "
                + "bool_or(list_contains(list_transform(target.user_edits, lambda x: x.edit_id), 'late-edit')) AS edits, "
                + "max(input.household.size) FILTER (WHERE metadata.event_id = '" + eventId + "') AS size, "
                + "max(input.constraints.budget) FILTER (WHERE metadata.event_id = '" + eventId + "') AS budget FROM "
                + PlannerTestSupport.parquet(folder.resolve("training.parquet"))).get(0);
    }

    /**
     * A server that refuses to export snapshots (here: no EXECUTE on pg_export_snapshot for the
     * build's role) fails the build like any refused query: exit 3, one line naming the database and
     * the server's reason, no dataset folder.
     */
    @Test
    void aServerThatRefusesToShareASnapshotIsExit3InOneLine() throws Exception {
        String admin = createDatabase("snapshot_refused");
        new PlannerSimulator(new SimulateConfig(20, LocalDate.of(2025, 1, 1), 3, admin, 5, true)).run();
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE dsgen_reader LOGIN");
            s.execute("GRANT USAGE ON SCHEMA exp TO dsgen_reader");
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA exp, public TO dsgen_reader");
            try (ResultSet rs = s.executeQuery(
                    "SELECT has_function_privilege('dsgen_reader', 'pg_export_snapshot()', 'EXECUTE')")) {
                assertTrue(rs.next() && rs.getBoolean(1), "every role may export snapshots by default");
            }
            s.execute("REVOKE EXECUTE ON FUNCTION pg_export_snapshot() FROM PUBLIC");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dsgen.execute(new String[] {"planner-dataset", "build", "--date", "2025-01-03", "--min-rows", "1",
            "--db", url("snapshot_refused", "dsgen_reader"), "--out", tmp.resolve("ds").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        String e = err.toString();
        assertEquals(3, code, e);
        assertEquals("dsgen: query failed on PostgreSQL at 127.0.0.1:" + pg.getPort() + "/snapshot_refused while "
                + "sharing one snapshot between the scans: ERROR: permission denied for function pg_export_snapshot "
                + "(--db)\n", e);
        assertFalse(Files.exists(tmp.resolve("ds").resolve("date=2025-01-03")), "no dataset folder");
    }

    private static String[] buildArgs(String url, Path out) {
        return new String[] {"planner-dataset", "build", "--date", "2025-01-03", "--min-rows", "1", "--db", url,
            "--out", out.toString(), "-q"};
    }

    /**
     * A table lock held by another session ends the build after the lock timeout (here a second,
     * through the URL's options, as a user may set it) instead of waiting forever: exit 5 in one
     * line naming the server, no dataset folder.
     */
    @Test
    void aTableLockedElsewhereIsExit5AfterTheLockTimeout() throws Exception {
        String url = createDatabase("locked_elsewhere");
        new PlannerSimulator(new SimulateConfig(20, LocalDate.of(2025, 1, 1), 3, url, 5, true)).run();
        try (Connection holder = DriverManager.getConnection(url); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE exp.events IN ACCESS EXCLUSIVE MODE");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            long t0 = System.nanoTime();
            int code = Dsgen.execute(buildArgs(url + "&options=-c%20lock_timeout%3D1s", tmp.resolve("ds")),
                    new PrintWriter(out, true), new PrintWriter(err, true));
            String e = err.toString();
            assertEquals(5, code, e);
            assertTrue(e.startsWith("dsgen: a table in PostgreSQL at 127.0.0.1:" + pg.getPort() + "/locked_elsewhere "
                    + "stayed locked by another session") && e.endsWith("(--db; lock_timeout; try again when the other "
                    + "session is done)\n") && e.indexOf('\n') == e.length() - 1, e);
            assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "ended by the lock timeout");
            holder.rollback();
        }
        assertFalse(Files.exists(tmp.resolve("ds").resolve("date=2025-01-03")), "no dataset folder");
    }

    /**
     * The server drops the build's sessions in the middle (an administrator's pg_terminate_backend,
     * as when a server restarts): exit 5 naming the server, as for a server that cannot be reached,
     * not an input error.
     */
    @Test
    void aConnectionLostMidBuildIsExit5() throws Exception {
        String url = createDatabase("lost_mid_build");
        new PlannerSimulator(new SimulateConfig(20, LocalDate.of(2025, 1, 1), 3, url, 5, true)).run();
        Runnable dropSessions = () -> {
            try (Connection c = DriverManager.getConnection(pgUrl()); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dsgen'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        PlannerBuild build = new PlannerBuild(PlannerTestSupport.config(url, tmp.resolve("ds"), LocalDate.of(2025, 1, 3),
                LocalDate.of(2025, 1, 1), false, null, 1), new PrintWriter(new StringWriter(), true), Progress.NONE,
                dropSessions);
        dev.dsgen.core.DsgenException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.dsgen.core.DsgenException.class, build::run);
        assertEquals(dev.dsgen.core.ExitCode.EXTERNAL, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("PostgreSQL at 127.0.0.1:" + pg.getPort() + "/lost_mid_build")
                && e.getMessage().endsWith("(--db)"), e.getMessage());
    }
}
