package dev.dsgen.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * byte-identical Parquet and schema.json, and the same input fingerprints.
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
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
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
            PlannerBuild.Result a = PlannerTestSupport.build(new BuildConfig(date, date.minusDays(7), date, duck,
                    tmp.resolve("duck"), asKnownAt, staleness, staleness == null ? null : "48h", 100, null, "x", false, 7,
                    true, false));
            PlannerBuild.Result b = PlannerTestSupport.build(new BuildConfig(date, date.minusDays(7), date, pgUrl(),
                    tmp.resolve("pg"), asKnownAt, staleness, staleness == null ? null : "48h", 100, null, "x", false, 7,
                    true, false));
            assertTrue(a.rows() >= 100, "rows " + a.rows());
            assertEquals(a.rows(), b.rows());
            assertTrue(a.report().passed(), () -> a.report().failed().toString());
            assertTrue(b.report().passed(), () -> b.report().failed().toString());
            assertArrayEquals(Files.readAllBytes(a.folder().resolve("training.parquet")),
                    Files.readAllBytes(b.folder().resolve("training.parquet")), "training.parquet (as-known-at " + asKnownAt + ")");
            assertArrayEquals(Files.readAllBytes(a.folder().resolve("schema.json")),
                    Files.readAllBytes(b.folder().resolve("schema.json")), "schema.json");
            assertEquals(a.summary().get("inputs"), b.summary().get("inputs"), "input fingerprints");
            @SuppressWarnings("unchecked")
            Map<String, Long> status = (Map<String, Long>) a.summary().get("pantry_status");
            if (asKnownAt) {
                assertTrue(status.containsKey("stale"), "the 48h bound made some snapshots stale: " + status);
            }
        }
    }
}
