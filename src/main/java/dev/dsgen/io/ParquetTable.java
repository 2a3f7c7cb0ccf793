package dev.dsgen.io;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Parquet through parquet-avro: ZSTD, the standard 3-level LIST layout (readable by DuckDB,
 * pyarrow and Spark), written with {@link LocalOutputFile} so no Hadoop filesystem, login or
 * {@code .crc} side file is involved.
 */
public final class ParquetTable {
    private ParquetTable() {
    }

    /** Opens a writer for {@code file}, replacing it if present (tests and files outside an {@link OutputSet}). */
    public static ParquetWriter<GenericRecord> open(Path file, Schema schema) throws IOException {
        return open(new LocalOutputFile(file), schema);
    }

    /** The generic writer (any Avro schema), for any Parquet {@link OutputFile}. */
    static ParquetWriter<GenericRecord> open(OutputFile file, Schema schema) throws IOException {
        // An explicit data model: without one, parquet-avro looks the model class up through a
        // Hadoop Configuration it creates for the purpose.
        return settings(AvroParquetWriter.<GenericRecord>builder(file)
                .withSchema(schema)
                .withDataModel(GenericData.get()))
                .build();
    }

    /**
     * The one configuration of every writer of the project: a plain (non-Hadoop) configuration, the
     * standard 3-level lists, ZSTD, and the temp file replaced if present ({@link NestedParquetWriter}
     * writes with the same).
     */
    private static <B extends ParquetWriter.Builder<GenericRecord, B>> B settings(B builder) {
        return builder.withConf(conf())
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
    }

    static PlainParquetConfiguration conf() {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return conf;
    }

    /** Writes all {@code records} to {@code file}; returns the row count. */
    public static long write(Path file, Schema schema, Iterable<? extends GenericRecord> records)
            throws IOException {
        long n = 0;
        try (ParquetWriter<GenericRecord> writer = open(file, schema)) {
            for (GenericRecord r : records) {
                writer.write(r);
                n++;
            }
        }
        return n;
    }
}
