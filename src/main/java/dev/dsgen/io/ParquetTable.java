package dev.dsgen.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
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

    /** Opens a writer for {@code file}, replacing it if present (it is normally an OutputFiles temp). */
    public static ParquetWriter<GenericRecord> open(Path file, Schema schema) throws IOException {
        return open(new LocalOutputFile(file), schema);
    }

    /** The one writer set-up of the project, for any Parquet {@link OutputFile}. */
    static ParquetWriter<GenericRecord> open(OutputFile file, Schema schema) throws IOException {
        return open(file, schema, b -> b);
    }

    /**
     * The same set-up with per-column tuning on top (e.g. no dictionary for unique id columns, no
     * optional size statistics), for large nested files whose write time matters.
     */
    public static ParquetWriter<GenericRecord> open(Path file, Schema schema,
            UnaryOperator<AvroParquetWriter.Builder<GenericRecord>> tuning) throws IOException {
        return open(new LocalOutputFile(file), schema, tuning);
    }

    private static ParquetWriter<GenericRecord> open(OutputFile file, Schema schema,
            UnaryOperator<AvroParquetWriter.Builder<GenericRecord>> tuning) throws IOException {
        // A plain (non-Hadoop) configuration: no Hadoop Configuration class init, no XML parsing.
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return tuning.apply(AvroParquetWriter.<GenericRecord>builder(file)
                .withSchema(schema)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE))
                .build();
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
