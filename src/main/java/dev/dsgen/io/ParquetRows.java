package dev.dsgen.io;

import dev.dsgen.core.DsgenException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/** Reads Parquet files back as Avro records (used by validators on what was written). */
public final class ParquetRows {
    private ParquetRows() {
    }

    /** Calls {@code onRow} for every row of {@code file}; returns the row count. */
    public static long read(Path file, Consumer<GenericRecord> onRow) {
        long n = 0;
        try (ParquetReader<GenericRecord> reader = open(file)) {
            while (true) {
                GenericRecord r;
                try {
                    r = reader.read();
                } catch (IOException | RuntimeException e) {
                    throw unreadable(file, e);
                }
                if (r == null) {
                    break;
                }
                // The consumer's own exceptions pass through unchanged: they are not about the file.
                onRow.accept(r);
                n++;
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return n;
    }

    private static ParquetReader<GenericRecord> open(Path file) {
        try {
            return reader(new LocalInputFile(file));
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    /** The one reader set-up of the project, for any Parquet {@link InputFile}. */
    static ParquetReader<GenericRecord> reader(InputFile file) throws IOException {
        return AvroParquetReader.<GenericRecord>builder(file).withDataModel(GenericData.get())
                .withConf(new PlainParquetConfiguration()).build();
    }

    private static DsgenException unreadable(Path file, Exception e) {
        if (e instanceof DsgenException de) {
            return de;
        }
        // parquet-mr reports "not a Parquet file" and truncation as plain RuntimeExceptions.
        String why = e instanceof IOException ? e.getMessage() : e.getClass().getSimpleName();
        return DsgenException.input("not a readable Parquet file: " + file + " (" + why + ")", e);
    }
}
