package dev.dsgen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ParquetTable writes; DuckDB (an independent reader) and ParquetRows read back. */
class ParquetTableTest {
    static final Schema TAG = SchemaBuilder.record("tag").namespace("dev.dsgen.test").fields()
            .requiredString("name").optionalDouble("weight").endRecord();
    static final Schema SCHEMA = SchemaBuilder.record("row").namespace("dev.dsgen.test").fields()
            .requiredString("id")
            .optionalDouble("score")
            .optionalBoolean("flag")
            .requiredInt("n")
            .name("tags").type().array().items(TAG).noDefault()
            .name("attrs").type().map().values().stringType().noDefault()
            .endRecord();

    private static Connection duck;

    @TempDir
    Path dir;

    @BeforeAll
    static void openDuckDb() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void closeDuckDb() throws SQLException {
        duck.close();
    }

    static GenericRecord tag(String name, Double weight) {
        GenericRecord t = new GenericData.Record(TAG);
        t.put("name", name);
        t.put("weight", weight);
        return t;
    }

    static GenericRecord row(String id, Double score, Boolean flag, int n, List<GenericRecord> tags,
                             Map<String, String> attrs) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("id", id);
        r.put("score", score);
        r.put("flag", flag);
        r.put("n", n);
        r.put("tags", tags);
        r.put("attrs", attrs);
        return r;
    }

    static List<GenericRecord> sampleRows() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("k2", "v2");
        attrs.put("k1", "v1");
        return List.of(
                row("a", 1.5, true, 1, List.of(tag("x", 0.5), tag("y", null)), attrs),
                row("b", null, null, 2, List.of(), Map.of()),
                row("c ü 漢", -2.25, false, 3, List.of(tag("z", 3.0)), Map.of("k", "")));
    }

    @Test
    void duckDbReadsValuesNullsListsAndMaps() throws Exception {
        Path file = dir.resolve("rows.parquet");
        assertEquals(3, ParquetTable.write(file, SCHEMA, sampleRows()));

        assertEquals(3L, queryLong("SELECT count(*) FROM read_parquet('" + sql(file) + "')"));
        try (Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, score, flag, n, len(tags), tags[1].name, tags[1].weight, "
                     + "tags[2].weight IS NULL, cardinality(attrs), "
                     + "array_to_string(list_sort(map_keys(attrs)), ','), "
                     + "array_to_string(list_sort(map_values(attrs)), ',') "
                     + "FROM read_parquet('" + sql(file) + "') ORDER BY n")) {
            assertTrue(rs.next());
            assertEquals("a", rs.getString(1));
            assertEquals(1.5, rs.getDouble(2));
            assertEquals(true, rs.getBoolean(3));
            assertEquals(1, rs.getInt(4));
            assertEquals(2, rs.getInt(5));
            assertEquals("x", rs.getString(6));
            assertEquals(0.5, rs.getDouble(7));
            assertTrue(rs.getBoolean(8), "null weight inside a struct stays null");
            assertEquals(2, rs.getInt(9));
            assertEquals("k1,k2", rs.getString(10));
            assertEquals("v1,v2", rs.getString(11));

            assertTrue(rs.next());
            assertEquals("b", rs.getString(1));
            assertNull(rs.getObject(2), "null double");
            assertNull(rs.getObject(3), "null boolean");
            assertEquals(0, rs.getInt(5), "empty list, not null");
            assertNull(rs.getObject(6));
            assertEquals(0, rs.getInt(9), "empty map");

            assertTrue(rs.next());
            assertEquals("c ü 漢", rs.getString(1));
            assertEquals(-2.25, rs.getDouble(2));
            assertEquals(false, rs.getBoolean(3));
            assertFalse(rs.wasNull());
            assertEquals(1, rs.getInt(5));
            assertEquals("z", rs.getString(6));
            assertEquals(3.0, rs.getDouble(7));
            assertEquals("k", rs.getString(10));
            assertEquals("", rs.getString(11));
            assertFalse(rs.next());
        }
    }

    @Test
    void footerSaysZstdForEveryColumnChunk() throws Exception {
        Path file = dir.resolve("zstd.parquet");
        ParquetTable.write(file, SCHEMA, sampleRows());
        List<String> codecs = new ArrayList<>();
        try (Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('" + sql(file) + "')")) {
            while (rs.next()) {
                codecs.add(rs.getString(1));
            }
        }
        assertEquals(List.of("ZSTD"), codecs);
    }

    @Test
    void listsUseTheStandardThreeLevelLayout() throws Exception {
        Path file = dir.resolve("layout.parquet");
        ParquetTable.write(file, SCHEMA, sampleRows());
        Map<String, String> repetition = new HashMap<>();
        Map<String, String> converted = new HashMap<>();
        try (Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, repetition_type, converted_type FROM parquet_schema('"
                     + sql(file) + "')")) {
            while (rs.next()) {
                repetition.put(rs.getString(1), rs.getString(2));
                converted.put(rs.getString(1), rs.getString(3));
            }
        }
        assertEquals("LIST", converted.get("tags"));
        assertEquals("REPEATED", repetition.get("list"), "3-level LIST: a repeated group named 'list' " + repetition);
        assertTrue(repetition.containsKey("element"), "3-level LIST: an 'element' field " + repetition);
        assertFalse(repetition.containsKey("array"), "legacy 2-level 'array' layout: " + repetition);
        assertEquals("REQUIRED", repetition.get("id"));
        assertEquals("OPTIONAL", repetition.get("score"));
    }

    @Test
    void sameRecordsGiveByteIdenticalFiles() throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(row("id-" + i, i % 7 == 0 ? null : i * 0.25, i % 3 == 0 ? null : i % 2 == 0, i,
                    List.of(tag("t" + i, (double) i)), Map.of("k" + (i % 5), "v" + i)));
        }
        Path a = dir.resolve("a.parquet");
        Path b = Files.createDirectories(dir.resolve("other")).resolve("b-different-name.parquet");
        ParquetTable.write(a, SCHEMA, rows);
        ParquetTable.write(b, SCHEMA, rows);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(Files.exists(dir.resolve(".a.parquet.crc")), "no Hadoop .crc side file");
        assertEquals(List.of("a.parquet", "other"), OutputFilesTest.listNames(dir));
    }

    @Test
    void writesOverAnExistingTempFile() throws IOException {
        Path target = dir.resolve("pairs.parquet");
        try (OutputFiles out = OutputFiles.begin(OutputFilesTest.one(target, "--outdir"), true)) {
            Path temp = out.temp(target); // OutputFiles has already created this (empty) file
            Files.writeString(temp, "garbage that must be replaced");
            try (ParquetWriter<GenericRecord> w = ParquetTable.open(temp, SCHEMA)) {
                for (GenericRecord r : sampleRows()) {
                    w.write(r);
                }
            }
            out.commit();
        }
        assertEquals(3, ParquetRows.read(target, r -> { }));
    }

    @Test
    void parquetRowsReadsBackWhatWasWritten() throws IOException {
        Path file = dir.resolve("back.parquet");
        ParquetTable.write(file, SCHEMA, sampleRows());
        List<GenericRecord> back = new ArrayList<>();
        assertEquals(3, ParquetRows.read(file, back::add));
        assertEquals(3, back.size());

        GenericRecord first = back.get(0);
        assertEquals("a", first.get("id").toString());
        assertEquals(1.5, first.get("score"));
        assertEquals(true, first.get("flag"));
        assertEquals(1, first.get("n"));
        List<?> tags = (List<?>) first.get("tags");
        assertEquals(2, tags.size());
        assertEquals("x", ((GenericRecord) tags.get(0)).get("name").toString());
        assertEquals(0.5, ((GenericRecord) tags.get(0)).get("weight"));
        assertNull(((GenericRecord) tags.get(1)).get("weight"));
        Map<String, String> attrs = new TreeMap<>();
        ((Map<?, ?>) first.get("attrs")).forEach((k, v) -> attrs.put(k.toString(), v.toString()));
        assertEquals(Map.of("k1", "v1", "k2", "v2"), attrs);

        GenericRecord second = back.get(1);
        assertNull(second.get("score"));
        assertNull(second.get("flag"));
        assertEquals(0, ((List<?>) second.get("tags")).size());
        assertEquals(0, ((Map<?, ?>) second.get("attrs")).size());

        assertEquals("c ü 漢", back.get(2).get("id").toString());
    }

    @Test
    void emptyTableIsAValidFile() throws Exception {
        Path file = dir.resolve("empty.parquet");
        assertEquals(0, ParquetTable.write(file, SCHEMA, List.of()));
        assertEquals(0, ParquetRows.read(file, r -> { }));
        assertEquals(0L, queryLong("SELECT count(*) FROM read_parquet('" + sql(file) + "')"));
    }

    @Test
    void missingFileIsAnInputErrorNamingIt() {
        Path file = dir.resolve("absent.parquet");
        DsgenException e = assertThrows(DsgenException.class, () -> ParquetRows.read(file, r -> { }));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("absent.parquet"), e.getMessage());
    }

    @Test
    void notAParquetFileIsAnInputErrorNamingIt() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.parquet"), "plain text, not parquet");
        Path empty = Files.createFile(dir.resolve("empty-bytes.parquet"));
        for (Path file : List.of(junk, empty)) {
            DsgenException e = assertThrows(DsgenException.class, () -> ParquetRows.read(file, r -> { }));
            assertEquals(ExitCode.INPUT, e.exitCode());
            assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        }
    }

    private static long queryLong(String q) throws SQLException {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(q)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    static String sql(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }
}
