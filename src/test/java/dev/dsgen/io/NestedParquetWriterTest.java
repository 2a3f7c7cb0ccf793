package dev.dsgen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nested writer against parquet-avro's generic one: the same rows must give the same bytes. */
class NestedParquetWriterTest {
    static final Schema TS = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    static final Schema ITEM = SchemaBuilder.record("item").namespace("dev.dsgen.test").fields()
            .optionalString("name").optionalDouble("qty").optionalInt("n")
            .name("words").type().array().items().stringType().noDefault().endRecord();
    static final Schema INNER = SchemaBuilder.record("inner").namespace("dev.dsgen.test").fields()
            .requiredString("id").name("items").type(SchemaBuilder.array().items(ITEM)).noDefault()
            .optionalBoolean("flag").endRecord();
    static final Schema ROW = SchemaBuilder.record("row").namespace("dev.dsgen.test").fields()
            .name("at").type(TS).noDefault()
            .name("seen").type(Schema.createUnion(Schema.create(Schema.Type.NULL), TS)).withDefault(null)
            .requiredLong("count")
            .name("inner").type(Schema.createUnion(Schema.create(Schema.Type.NULL), INNER)).withDefault(null)
            .name("other").type(INNER).noDefault()
            .name("tags").type().array().items().stringType().noDefault()
            .endRecord();

    @TempDir
    Path dir;

    @Test
    void sameBytesAsTheGenericWriter() throws IOException {
        List<GenericRecord> rows = rows(3000, new Random(7));
        byte[] a = generic(rows, ParquetProperties.DEFAULT_PAGE_SIZE, ParquetWriter.DEFAULT_BLOCK_SIZE);
        byte[] b = nested(rows, ParquetProperties.builder().build(), ParquetWriter.DEFAULT_BLOCK_SIZE);
        assertTrue(a.length > 10_000, "a file with real content: " + a.length);
        assertArrayEquals(a, b);
    }

    /**
     * Small pages and row groups: where a cached null of an absent group lands (this page or the
     * next, this row group or the next) shows in the bytes, so the two writers must cache and flush
     * nulls at the same moments and end row groups at the same rows.
     */
    @Test
    void sameBytesWithManyPagesAndRowGroups() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            List<GenericRecord> rows = rows(6000, new Random(seed));
            byte[] a = generic(rows, 2048, 64 * 1024);
            byte[] b = nested(rows, ParquetProperties.builder().withPageSize(2048).build(), 64 * 1024);
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(dir.resolve("generic.parquet")))) {
                assertTrue(reader.getRowGroups().size() > 3, "several row groups");
            }
            assertArrayEquals(a, b, "seed " + seed);
        }
    }

    /** Text given as {@link EncodedText} (its carried UTF-8 written as it is) gives the bytes of the same text as String. */
    @Test
    void encodedTextWritesAsItsString() throws IOException {
        List<GenericRecord> rows = rows(2000, new Random(11));
        byte[] a = generic(rows, ParquetProperties.DEFAULT_PAGE_SIZE, ParquetWriter.DEFAULT_BLOCK_SIZE);
        java.util.Map<String, EncodedText> words = new java.util.HashMap<>();
        for (GenericRecord r : rows) {
            List<CharSequence> tags = new ArrayList<>();
            for (Object t : (List<?>) r.get("tags")) {
                tags.add(words.computeIfAbsent(t.toString(), EncodedText::new));
            }
            r.put("tags", tags);
            GenericRecord other = (GenericRecord) r.get("other");
            other.put("id", new EncodedText(other.get("id").toString()));
        }
        byte[] b = nested(rows, ParquetProperties.builder().build(), ParquetWriter.DEFAULT_BLOCK_SIZE);
        assertArrayEquals(a, b);
    }

    @Test
    void nullForARequiredFieldFailsAsInTheGenericWriter() throws IOException {
        GenericRecord r = rows(1, new Random(1)).get(0);
        r.put("count", null);
        Path file = dir.resolve("x.parquet");
        try (NestedParquetWriter w = NestedParquetWriter.open(new LocalOutputFile(file), ROW, b -> b)) {
            w.write(rows(1, new Random(2)).get(0));
            RuntimeException e = assertThrows(RuntimeException.class, () -> w.write(r));
            assertEquals("Null-value for required field: count", e.getMessage());
            assertThrows(IOException.class, () -> w.write(rows(1, new Random(3)).get(0)), "aborted");
        }
        // Aborted, not finished: no footer, so no reader takes the half-written file for a dataset.
        assertThrows(RuntimeException.class, () -> ParquetFileReader.open(new LocalInputFile(file)).close());
    }

    @Test
    void schemasItCannotWriteAreRefusedUpFront() {
        Schema map = SchemaBuilder.record("m").fields().name("attrs").type().map().values().stringType()
                .noDefault().endRecord();
        assertThrows(IllegalArgumentException.class,
                () -> NestedParquetWriter.open(new LocalOutputFile(dir.resolve("m.parquet")), map, b -> b).close());
    }

    private byte[] generic(List<GenericRecord> rows, int pageSize, long rowGroupSize) throws IOException {
        Path file = dir.resolve("generic.parquet");
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(ROW).withDataModel(GenericData.get()).withConf(ParquetTable.conf())
                .withCompressionCodec(CompressionCodecName.ZSTD).withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withPageSize(pageSize).withRowGroupSize(rowGroupSize).build()) {
            for (GenericRecord r : rows) {
                w.write(r);
            }
        }
        return Files.readAllBytes(file);
    }

    private byte[] nested(List<GenericRecord> rows, ParquetProperties props, long rowGroupSize) throws IOException {
        Path file = dir.resolve("nested.parquet");
        try (NestedParquetWriter w = new NestedParquetWriter(new LocalOutputFile(file), ROW, props, rowGroupSize)) {
            for (GenericRecord r : rows) {
                w.write(r);
            }
        }
        return Files.readAllBytes(file);
    }

    /** Rows with nulls, empty and null-element-free lists, Utf8 and String text, and non-ASCII text. */
    static List<GenericRecord> rows(int n, Random rnd) {
        List<GenericRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GenericData.Record r = new GenericData.Record(ROW);
            r.put("at", 1_700_000_000_000_000L + rnd.nextInt(1_000_000));
            r.put("seen", rnd.nextBoolean() ? null : (Object) (long) rnd.nextInt(1000));
            r.put("count", (long) i);
            r.put("inner", rnd.nextInt(4) == 0 ? null : inner(rnd, i));
            r.put("other", inner(rnd, i + n));
            List<CharSequence> tags = new ArrayList<>();
            for (int t = rnd.nextInt(4); t > 0; t--) {
                tags.add(rnd.nextBoolean() ? "tag" + rnd.nextInt(20) : new Utf8("ütf" + rnd.nextInt(5)));
            }
            r.put("tags", tags);
            out.add(r);
        }
        return out;
    }

    private static GenericData.Record inner(Random rnd, int i) {
        GenericData.Record r = new GenericData.Record(INNER);
        r.put("id", "id-" + i);
        List<GenericData.Record> items = new ArrayList<>();
        for (int k = rnd.nextInt(5); k > 0; k--) {
            GenericData.Record it = new GenericData.Record(ITEM);
            it.put("name", rnd.nextInt(5) == 0 ? null : "name" + rnd.nextInt(50));
            it.put("qty", rnd.nextInt(5) == 0 ? null : (Object) (rnd.nextInt(100) / 4.0));
            it.put("n", rnd.nextInt(5) == 0 ? null : (Object) rnd.nextInt(10));
            List<String> words = new ArrayList<>();
            for (int w = rnd.nextInt(3); w > 0; w--) {
                words.add("w" + rnd.nextInt(30));
            }
            it.put("words", words);
            items.add(it);
        }
        r.put("items", items);
        r.put("flag", rnd.nextInt(3) == 0 ? null : (Object) rnd.nextBoolean());
        return r;
    }
}
