package dev.dsgen.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link PlannerDb} lets through into a message. */
class PlannerDbTest {
    @Test
    void redactMasksEveryPasswordItKnowsAndReplacesTheUrl() {
        String url = "jdbc:postgresql://ann:url%2Dpw@db.example:5433/events?password=q-pw&ssl=true";
        PlannerDb db = PlannerDb.of(url, true, Map.of("PGPASSWORD", "env-pw"));
        assertEquals("PostgreSQL at db.example:5433/events", db.where());
        String shown = db.redact("failed: " + url + " env-pw q-pw url%2Dpw url-pw");
        assertFalse(shown.contains("pw"), shown);
        assertEquals("failed: PostgreSQL at db.example:5433/events *** *** *** ***", shown);
    }

    @Test
    void sqlFailuresAreClassifiedByWhatFailedNotWhereInTheRun() {
        PlannerDb pg = PlannerDb.of("jdbc:postgresql://h:5432/d", true, Map.of());
        java.util.function.BiFunction<String, Throwable, dev.dsgen.core.ExitCode> code = (state, cause) ->
                pg.queryFailure("reading exp.events", new java.sql.SQLException("boom", state, cause)).exitCode();
        for (String external : List.of("08006", "08003", "57P01", "57P02", "53100", "55P03", "57014")) {
            assertEquals(dev.dsgen.core.ExitCode.EXTERNAL, code.apply(external, null), external);
        }
        assertEquals(dev.dsgen.core.ExitCode.EXTERNAL, code.apply(null, new java.net.SocketException("reset")));
        assertEquals(dev.dsgen.core.ExitCode.EXTERNAL, code.apply(null, new java.net.SocketTimeoutException("read")));
        for (String input : List.of("42P01", "42703", "22P02")) {
            assertEquals(dev.dsgen.core.ExitCode.INPUT, code.apply(input, null), input);
        }
        String io = "TransactionContext Error: Failed to commit: Could not write file \"/x/e.duckdb.wal\": No space left on device";
        PlannerDb writing = PlannerDb.of("jdbc:duckdb:/x/e.duckdb", false, Map.of());
        dev.dsgen.core.DsgenException full = writing.queryFailure("loading", new java.sql.SQLException(io));
        assertEquals(dev.dsgen.core.ExitCode.USAGE, full.exitCode());
        assertEquals("cannot write DuckDB file /x/e.duckdb: No space left on device (--db)", full.getMessage());
        assertEquals("No space left on device", SqlFailures.duckdbReason(io));
        assertEquals("Catalog Error: x", "Catalog Error: " + SqlFailures.duckdbReason("Catalog Error: x"));
    }
}
