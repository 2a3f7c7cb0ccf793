package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dsgen planner-dataset} through the CLI: a normal run, then every kind of bad input. */
class PlannerDatasetCliTest {
    @TempDir
    Path tmp;

    private String db() {
        return "jdbc:duckdb:" + tmp.resolve("events.duckdb");
    }

    private void simulate() {
        CliRun.inProcess("planner-dataset", "simulate", "--households", "120", "--days", "10", "--seed", "5",
                "--db", db()).assertExit(0).assertStderrEmpty().assertStdoutContains("exp.events");
    }

    private CliRun build(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("planner-dataset", "build", "--date", "2025-01-09",
                "--db", db(), "--out", tmp.resolve("ds").toString(), "--min-rows", "50", "-q"));
        args.addAll(List.of(extra));
        return CliRun.inProcess(args.toArray(String[]::new));
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(db()); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static long count(String sql) throws SQLException {
        return count("jdbc:duckdb:", sql);
    }

    @Test
    void simulateThenBuildWritesAValidatedFolderAndARerunReplacesIt() throws Exception {
        simulate();
        build().assertExit(0).assertStderrEmpty().assertStdoutEmpty();
        Path folder = tmp.resolve("ds/date=2025-01-09");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("_dataset_summary.md", "_metadata.json", "_schema.json", "training.parquet"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Path parquet = folder.resolve("training.parquet");
        String src = "read_parquet('" + parquet + "')";
        // DuckDB reads the nested file: one row per plan event of the window, keyed by event_id.
        long rows = count("SELECT count(*) FROM " + src);
        long events;
        try (Connection c = DriverManager.getConnection(db()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM exp.events WHERE event_type IN ('plan_generated', "
                     + "'plan_accepted') AND \"timestamp\" >= TIMESTAMP '2025-01-02' AND \"timestamp\" < TIMESTAMP '2025-01-10'")) {
            rs.next();
            events = rs.getLong(1);
        }
        assertEquals(events, rows, "one example per event, nothing dropped");
        assertEquals(rows, count("SELECT count(DISTINCT metadata.event_id) FROM " + src));
        assertEquals(0, count("SELECT count(*) FROM " + src + " WHERE metadata.pantry_snapshot_time > metadata.timestamp"));
        assertTrue(count("SELECT count(*) FROM " + src + " WHERE len(input.pantry.items) > 0") > 0);
        assertTrue(count("SELECT count(*) FROM " + src + " WHERE len(target.accepted_plan.meals) > 0") == rows);
        JsonNode meta = Json.MAPPER.readTree(Files.readString(folder.resolve("_metadata.json")));
        assertEquals("planner-dataset build", meta.get("subcommand").asText());
        assertTrue(meta.get("validation").get("passed").asBoolean());
        JsonNode out = meta.get("outputs").get(0);
        assertEquals("training.parquet", out.get("path").asText());
        assertEquals(DigestUtils.sha256Hex(Files.readAllBytes(parquet)), out.get("sha256").asText());
        assertEquals(rows, out.get("rows").asLong());
        JsonNode schema = Json.MAPPER.readTree(Files.readString(folder.resolve("_schema.json")));
        assertEquals(List.of("input", "target", "metadata"), names(schema.get("fields")));
        assertEquals(List.of("household", "pantry", "constraints", "workflow_type", "mode", "previous_plan"),
                names(schema.get("fields").get(0).get("fields")));
        assertTrue(schema.get("point_in_time_contract").get("pantry").asText().contains("snapshot_time <= event timestamp"));
        String summary = Files.readString(folder.resolve("_dataset_summary.md"));
        for (String part : List.of("plan_generated", "plan_accepted", "pantry status", "p90", "Null rates",
                "household size", "budget", "max prep time", "content hash", "Point-in-time contract", "seed 42",
                "Validation: PASSED")) {
            assertTrue(summary.contains(part), "summary lacks " + part);
        }
        // A re-run replaces the whole folder (a stray file goes) and writes the same bytes.
        byte[] first = Files.readAllBytes(parquet);
        Files.writeString(folder.resolve("stray.txt"), "old");
        build().assertExit(0).assertStderrEmpty();
        assertFalse(Files.exists(folder.resolve("stray.txt")), "the date folder was replaced as a unit");
        assertArrayEquals(first, Files.readAllBytes(parquet), "same inputs, same bytes");
        try (Stream<Path> siblings = Files.list(tmp.resolve("ds"))) {
            assertEquals(List.of("date=2025-01-09"), siblings.map(p -> p.getFileName().toString()).toList(),
                    "no staging folder left behind");
        }
        // --no-overwrite refuses before any work.
        build("--no-overwrite").assertFails(6, "2025-01-09", "--no-overwrite");
    }

    private static List<String> names(JsonNode fields) {
        List<String> n = new java.util.ArrayList<>();
        fields.forEach(f -> n.add(f.get("name").asText()));
        return n;
    }

    @Test
    void unreachableDatabaseIsExit5NamingHostAndPortWithoutThePassword() {
        CliRun run = CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--out",
                tmp.resolve("ds").toString(), "--db", "jdbc:postgresql://127.0.0.1:1/planner?user=alice&password=s3cr3t-pw");
        run.assertFails(5, "127.0.0.1:1", "--db");
        assertFalse(run.err().contains("s3cr3t-pw") || run.err().contains("alice"), run.describe());
    }

    @Test
    void missingDuckDbFileIsAnInputError() {
        build().assertFails(3, "events.duckdb", "--db");
    }

    @Test
    void missingTableOrColumnIsExit3NamingIt() throws SQLException {
        simulate();
        sql("DROP TABLE plan_edits");
        build().assertFails(3, "plan_edits");
        simulate();
        sql("ALTER TABLE pantry_snapshots DROP COLUMN created_at");
        build().assertFails(3, "pantry_snapshots.created_at");
    }

    @Test
    void duplicateEventIdsAreExit3NamingTheId() throws SQLException {
        simulate();
        sql("INSERT INTO exp.events SELECT * FROM exp.events WHERE event_type = 'plan_accepted' "
                + "AND \"timestamp\" >= TIMESTAMP '2025-01-05' ORDER BY id LIMIT 1");
        String id;
        try (Connection c = DriverManager.getConnection(db()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM exp.events GROUP BY id HAVING count(*) > 1")) {
            rs.next();
            id = rs.getString(1);
        }
        build().assertFails(3, "duplicate event id", id);
    }

    @Test
    void aFailedSimulateLeavesTheEarlierTablesAsTheyWere() throws SQLException {
        simulate();
        String events = "SELECT count(*) FROM exp.events";
        long before = count(db(), events);
        long households = count(db(), "SELECT count(*) FROM households");
        // plan_edits as a view: simulate's DROP TABLE of it fails after the other tables were dropped.
        sql("DROP TABLE plan_edits", "CREATE VIEW plan_edits AS SELECT * FROM households");
        // Exit 3 with DuckDB's own reason ("Catalog Error: ... plan_edits ... is of type View"), not a crash.
        CliRun r = CliRun.inProcess("planner-dataset", "simulate", "--households", "30", "--days", "3", "--db", db())
                .assertExit(3).assertStdoutEmpty();
        assertTrue(r.err().contains("plan_edits") && r.err().contains("creating the schema"), r::describe);
        assertEquals(before, count(db(), events), "exp.events untouched");
        assertEquals(households, count(db(), "SELECT count(*) FROM households"), "households untouched");
        assertEquals(households, count(db(), "SELECT count(*) FROM plan_edits"), "the view is still there");
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void missingIdsAreExit3NotACrash() throws SQLException {
        simulate();
        sql("ALTER TABLE exp.events ALTER unit_id DROP NOT NULL",
                "UPDATE exp.events SET unit_id = NULL WHERE id = (SELECT min(id) FROM exp.events WHERE event_type = 'plan_accepted')");
        build().assertFails(3, "exp.events", "without a household id");
        simulate();
        sql("ALTER TABLE exp.events ALTER id DROP NOT NULL",
                "UPDATE exp.events SET id = NULL WHERE id = (SELECT min(id) FROM exp.events WHERE event_type = 'plan_accepted')");
        build().assertFails(3, "exp.events", "without an id");
        // NULLs in the other tables are the user's data too: exit 3 naming the table, not a writer crash.
        simulate();
        sql("ALTER TABLE plan_edits ALTER edit_type DROP NOT NULL", "UPDATE plan_edits SET edit_type = NULL");
        build().assertFails(3, "plan_edits", "without an id or edit_type");
        simulate();
        sql("ALTER TABLE pantry_snapshots ALTER id DROP NOT NULL", "UPDATE pantry_snapshots SET id = NULL");
        build().assertFails(3, "pantry_snapshots", "without an id");
    }

    @Test
    void malformedJsonInPayloadOrContextIsExit3WithTheEventId() throws SQLException {
        simulate();
        // Users' tables may keep JSON as text, so nothing checked it on the way in.
        sql("ALTER TABLE exp.events ALTER payload TYPE VARCHAR", "ALTER TABLE exp.events ALTER context TYPE VARCHAR",
                "UPDATE exp.events SET payload = '{\"plan\": {\"meals\": [' WHERE id = (SELECT min(id) FROM exp.events "
                        + "WHERE event_type = 'plan_generated' AND \"timestamp\" >= TIMESTAMP '2025-01-05')");
        String bad;
        try (Connection c = DriverManager.getConnection(db()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM exp.events WHERE payload LIKE '%[' ")) {
            rs.next();
            bad = rs.getString(1);
        }
        build().assertFails(3, "malformed JSON", "payload", bad);
        sql("UPDATE exp.events SET payload = '{}' WHERE id = '" + bad + "'",
                "UPDATE exp.events SET context = 'not json' WHERE id = '" + bad + "'");
        build().assertFails(3, "malformed JSON", "context", bad);
        // Accepted plans before the window are read only as an event's previous plan: a payload there
        // that is valid JSON but not an object is exit 3 too, not a silently missing previous plan.
        sql("UPDATE exp.events SET context = NULL WHERE id = '" + bad + "'",
                "UPDATE exp.events SET payload = '[1, 2]' WHERE event_type = 'plan_accepted' "
                        + "AND \"timestamp\" < TIMESTAMP '2025-01-02'");
        build().assertFails(3, "malformed JSON", "payload", "expected an object");
    }

    @Test
    void aDateWithNoEventsFailsValidationWithExit4AndKeepsTheReport() throws IOException {
        simulate();
        CliRun run = CliRun.inProcess("planner-dataset", "build", "--date", "2031-06-01", "--db", db(),
                "--out", tmp.resolve("ds").toString());
        run.assertExit(4).assertStdoutContains("planner.min_rows", "FAIL");
        assertTrue(run.err().startsWith("dsgen: validation failed: planner.min_rows"), run.describe());
        assertTrue(Files.readString(tmp.resolve("ds/date=2031-06-01/_dataset_summary.md")).contains("Validation: FAILED"));
    }

    /** simulate replaces its tables: under --no-overwrite existing ones are exit 6 and stay as they were. */
    @Test
    void simulateWithNoOverwriteOnExistingTablesIsExit6AndChangesNothing() throws Exception {
        String url = "jdbc:duckdb:" + tmp.resolve("no-overwrite.duckdb");
        CliRun.inProcess("planner-dataset", "simulate", "--households", "20", "--days", "3", "--db", url, "-q").assertExit(0);
        long before = events(url);
        CliRun.inProcess("planner-dataset", "simulate", "--households", "40", "--days", "3", "--db", url, "-q",
                "--no-overwrite").assertFails(6, "--no-overwrite", "exp.events");
        assertEquals(before, events(url), "the earlier events are still there");
        CliRun.inProcess("planner-dataset", "simulate", "--households", "40", "--days", "3", "--db", url, "-q").assertExit(0);
        assertTrue(events(url) > before, "--overwrite (the default) replaces them");
    }

    private static long events(String url) throws SQLException {
        return count(url, "SELECT count(*) FROM exp.events");
    }

    @Test
    void duckDbSettingsInTheUrlAreSettingsNotPartOfTheFileName() throws Exception {
        simulate();
        build().assertExit(0);
        byte[] plain = Files.readAllBytes(tmp.resolve("ds/date=2025-01-09/training.parquet"));
        CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--db", db() + "?threads=1&memory_limit=1GB",
                "--out", tmp.resolve("ds2").toString(), "--min-rows", "50", "-q").assertExit(0);
        assertArrayEquals(plain, Files.readAllBytes(tmp.resolve("ds2/date=2025-01-09/training.parquet")));
        CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--db", db() + "?bogus_setting=1",
                "--out", tmp.resolve("ds3").toString(), "-q").assertFails(2, "--db", "bogus_setting");
        CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--db", db() + "?threads",
                "--out", tmp.resolve("ds3").toString(), "-q").assertFails(2, "--db", "name=value");
        try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("?")), "no file named after a setting");
        }
        assertTrue(Files.notExists(tmp.resolve("ds3")), "nothing written by the failed builds");
    }

    @Test
    void aJdbcUrlNoDriverAcceptsIsAUsageErrorNotAnUnreachableServer() {
        for (String sub : List.of("build", "simulate")) {
            List<String> args = new java.util.ArrayList<>(List.of("planner-dataset", sub, "--db", "jdbc:duckd:" + tmp.resolve("x"),
                    "-q"));
            if (sub.equals("build")) {
                args.addAll(List.of("--date", "2025-01-09", "--out", tmp.resolve("ds").toString()));
            }
            CliRun.inProcess(args.toArray(String[]::new)).assertFails(2, "--db", "no JDBC driver");
        }
        assertTrue(Files.notExists(tmp.resolve("ds/date=2025-01-09")), "nothing written");
    }

    @Test
    void aDateBeyondTheSqlCalendarIsAUsageErrorNotADatabaseFailure() {
        CliRun.inProcess("planner-dataset", "build", "--date", "9999-12-31", "--db", db(), "--out",
                tmp.resolve("ds").toString(), "-q").assertFails(2, "--date", "9999-12-31");
    }

    @Test
    void badFlagsAreUsageErrors() {
        build("--pantry-max-staleness", "soon").assertFails(2, "--pantry-max-staleness");
        // Bounds too large to hold are usage errors, not overflow crashes (exit 1).
        for (String huge : List.of("99999999999999999999h", "999999999999d", "PT99999999999999H", "9999999w", "P200000D")) {
            build("--pantry-max-staleness", huge).assertFails(2, "--pantry-max-staleness");
        }
        // The folder is named by --date, so a window ending later would file data under an earlier version.
        build("--end", "2025-01-20").assertFails(2, "--end");
        CliRun.inProcess("planner-dataset", "build", "--date", "2025-13-01").assertFails(2, "--date");
        build("--min-rows", "0").assertFails(2, "--min-rows");
        build("--start", "2025-02-01").assertFails(2, "--start");
        build("--mlflow-uri", "ftp://x").assertFails(2, "--mlflow-uri");
        CliRun.inProcess("planner-dataset", "simulate", "--households", "0").assertFails(2, "--households");
        CliRun.inProcess("planner-dataset", "build", "--db", "postgres://x", "--date", "2025-01-01")
                .assertFails(2, "--db");
    }
}
