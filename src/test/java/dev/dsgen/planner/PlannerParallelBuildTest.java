package dev.dsgen.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row groups built and encoded on several threads: the same bytes as on one, the same rows as one group. */
class PlannerParallelBuildTest {
    @TempDir
    Path tmp;

    private PlannerBuild.Result build(String url, String out, int threads, long rowsPerGroup) {
        LocalDate date = LocalDate.of(2025, 1, 10);
        BuildConfig cfg = new BuildConfig(date, date.minusDays(7), date, url, tmp.resolve(out), false, null, null, 100,
                null, "x", false, 7, true, false, threads);
        return new PlannerBuild(cfg, new PrintWriter(new StringWriter(), true), Progress.NONE, rowsPerGroup).run();
    }

    @Test
    void threadsDoNotChangeTheBytesAndGroupsDoNotChangeTheRows() throws IOException {
        String url = "jdbc:duckdb:" + tmp.resolve("src.duckdb");
        new PlannerSimulator(new SimulateConfig(150, LocalDate.of(2025, 1, 1), 12, url, 7, true)).run();
        PlannerBuild.Result one = build(url, "t1", 1, 200);
        PlannerBuild.Result three = build(url, "t3", 3, 200);
        PlannerBuild.Result whole = build(url, "whole", 2, Long.MAX_VALUE);
        assertTrue(one.rows() > 1000, "rows " + one.rows());
        assertTrue(one.report().passed(), () -> one.report().failed().toString());
        byte[] file = Files.readAllBytes(one.folder().resolve("training.parquet"));
        assertArrayEquals(file, Files.readAllBytes(three.folder().resolve("training.parquet")));

        String parts = PlannerTestSupport.parquet(one.folder().resolve("training.parquet"));
        long groups = Long.parseLong(PlannerTestSupport.query("SELECT count(DISTINCT row_group_id) AS n FROM "
                + "parquet_metadata(" + parts.substring("read_parquet(".length())).get(0).get("n"));
        assertTrue(groups >= 5, "many row groups: " + groups);
        // Every group but the last ends with a household and holds at least 200 examples.
        List<Map<String, String>> sizes = PlannerTestSupport.query("SELECT row_group_id, row_group_num_rows AS n FROM "
                + "parquet_metadata(" + parts.substring("read_parquet(".length()) + " WHERE column_id = 0 ORDER BY 1");
        for (int i = 0; i < sizes.size() - 1; i++) {
            assertTrue(Long.parseLong(sizes.get(i).get("n")) >= 200, sizes.toString());
        }
        // The same rows, in the same order, as one row group.
        String whole1 = PlannerTestSupport.parquet(whole.folder().resolve("training.parquet"));
        assertEquals("0", PlannerTestSupport.query("SELECT count(*) AS n FROM (SELECT row_number() OVER () AS i, * FROM "
                + parts + " EXCEPT SELECT row_number() OVER () AS i, * FROM " + whole1 + ")").get(0).get("n"));
        assertEquals(one.rows(), whole.rows());
        // The sidecar's hash (computed while writing) is the file's.
        String sidecar = Files.readString(one.folder().resolve("metadata.json"));
        assertTrue(sidecar.contains(DigestUtils.sha256Hex(file)), "sidecar has the file's SHA-256");
    }
}
