package dev.dsgen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up must be harmless (no disk, no exception, a daemon thread that ends) and must really
 * exercise Parquet: its in-memory files (private, reached by reflection) must round-trip real data.
 */
class ParquetWarmUpTest {
    @TempDir
    Path dir;

    @Test
    void startReturnsAtOnceAndItsDaemonThreadEnds() throws InterruptedException {
        long t0 = System.nanoTime();
        ParquetWarmUp.start();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1_000, "start() must not block the caller: " + ms + " ms");
        for (Thread t : Set.copyOf(Thread.getAllStackTraces().keySet())) {
            if (t.getName().equals("dsgen-parquet-warmup")) {
                assertTrue(t.isDaemon(), "must never keep the JVM alive");
                t.join(30_000);
                assertFalse(t.isAlive(), "warm-up thread should finish");
            }
        }
    }

    @Test
    void runTouchesNoFileInTheWorkingDirectory() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Set<String> before = names(cwd);
        Method run = ParquetWarmUp.class.getDeclaredMethod("run");
        run.setAccessible(true);
        run.invoke(null);
        Set<String> after = names(cwd);
        after.removeAll(before);
        after.remove(".jqwik-database");
        assertEquals(Set.of(), after);
    }

    @Test
    void inMemoryFilesRoundTripARealTable() throws Exception {
        // What the warm-up writes in memory must be a real Parquet file...
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputFile out = (OutputFile) ctor("MemoryOutputFile", ByteArrayOutputStream.class).newInstance(bytes);
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(out)
                .withSchema(ParquetTableTest.SCHEMA).withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.ZSTD).build()) {
            for (GenericRecord r : ParquetTableTest.sampleRows()) {
                w.write(r);
            }
        }
        Path file = dir.resolve("from-memory.parquet");
        Files.write(file, bytes.toByteArray());
        assertEquals(3, ParquetRows.read(file, r -> { }));

        // ...and its in-memory reader must read a multi-column, multi-row file written to disk.
        Path onDisk = dir.resolve("on-disk.parquet");
        ParquetTable.write(onDisk, ParquetTableTest.SCHEMA, ParquetTableTest.sampleRows());
        InputFile in = (InputFile) ctor("MemoryInputFile", byte[].class).newInstance((Object) Files.readAllBytes(onDisk));
        List<String> ids = new ArrayList<>();
        List<Integer> tagCounts = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(in)
                .withConf(new PlainParquetConfiguration()).build()) {
            GenericRecord r;
            while ((r = reader.read()) != null) {
                ids.add(r.get("id").toString());
                tagCounts.add(((List<?>) r.get("tags")).size());
                if (ids.size() == 1) {
                    assertEquals(2, ((Map<?, ?>) r.get("attrs")).size());
                }
            }
        }
        assertEquals(List.of("a", "b", "c ü 漢"), ids);
        assertEquals(List.of(2, 0, 1), tagCounts);
    }

    private static Constructor<?> ctor(String simpleName, Class<?> arg) throws ReflectiveOperationException {
        Class<?> c = Class.forName(ParquetWarmUp.class.getName() + "$" + simpleName);
        Constructor<?> k = c.getDeclaredConstructor(arg);
        k.setAccessible(true);
        return k;
    }

    private static Set<String> names(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return new HashSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
