package dev.dsgen.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
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
     * The same settings with per-column tuning on top (e.g. no dictionary for unique id columns, no
     * optional size statistics), for large nested files whose write time matters; rows are written
     * through {@link CompiledAvroWriteSupport}, which makes the same calls as parquet-avro's generic
     * writer (so the same bytes for the same settings) with the schema work done once.
     */
    public static ParquetWriter<GenericRecord> openCompiled(OutputFile file, Schema schema,
            UnaryOperator<CompiledBuilder> tuning) throws IOException {
        return tuning.apply(settings(new CompiledBuilder(file, schema))).build();
    }

    /**
     * The one configuration of every writer of the project: a plain (non-Hadoop) configuration, the
     * standard 3-level lists, ZSTD, and the temp file replaced if present.
     */
    private static <B extends ParquetWriter.Builder<GenericRecord, B>> B settings(B builder) {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return builder.withConf(conf)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
    }

    /** A writer builder for {@link CompiledAvroWriteSupport}; the settings are ParquetWriter's. */
    public static final class CompiledBuilder extends ParquetWriter.Builder<GenericRecord, CompiledBuilder> {
        private final Schema schema;

        CompiledBuilder(OutputFile file, Schema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected CompiledBuilder self() {
            return this;
        }

        @Override
        protected WriteSupport<GenericRecord> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return getWriteSupport(new org.apache.parquet.conf.HadoopParquetConfiguration(conf));
        }

        @Override
        protected WriteSupport<GenericRecord> getWriteSupport(ParquetConfiguration conf) {
            return new CompiledAvroWriteSupport(new AvroSchemaConverter(conf).convert(schema), schema);
        }
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
