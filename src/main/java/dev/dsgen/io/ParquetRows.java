package dev.dsgen.io;

import dev.dsgen.core.DsgenException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Reads Parquet files back as Avro records (used by validators on what was written). */
public final class ParquetRows {
    private ParquetRows() {
    }

    /** Calls {@code onRow} for every row of {@code file}; returns the row count. */
    public static long read(Path file, Consumer<GenericRecord> onRow) {
        long n = 0;
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                .withConf(new PlainParquetConfiguration()).build()) {
            GenericRecord r;
            while ((r = reader.read()) != null) {
                onRow.accept(r);
                n++;
            }
        } catch (IOException e) {
            throw DsgenException.input("cannot read Parquet " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // parquet-mr reports "not a Parquet file" and truncation as plain RuntimeExceptions.
            if (e instanceof DsgenException) {
                throw e;
            }
            throw DsgenException.input("not a readable Parquet file: " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return n;
    }
}
