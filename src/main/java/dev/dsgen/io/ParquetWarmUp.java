package dev.dsgen.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's first write and read in a JVM cost ~0.5 s of class loading and initialisation. A
 * generator that will write Parquet later calls {@link #start()} first, so a background thread
 * writes and reads a one-row file in memory while the main thread does other work. Nothing touches
 * the disk and nothing it does reaches any output.
 */
public final class ParquetWarmUp {
    private ParquetWarmUp() {
    }

    public static void start() {
        Thread t = new Thread(ParquetWarmUp::run, "dsgen-parquet-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try {
            Schema schema = SchemaBuilder.record("warmup").fields().requiredString("s").optionalDouble("d")
                    .optionalBoolean("b").requiredInt("i").endRecord();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            // The same writer and reader set-up as real files, so the same classes get loaded.
            try (ParquetWriter<GenericRecord> w = ParquetTable.open(new MemoryOutputFile(bytes), schema)) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("s", "x");
                r.put("d", 1.0);
                r.put("b", true);
                r.put("i", 1);
                w.write(r);
            }
            byte[] data = bytes.toByteArray();
            try (ParquetReader<GenericRecord> reader = ParquetRows.reader(new MemoryInputFile(data))) {
                reader.read();
            }
        } catch (IOException | RuntimeException | LinkageError ignored) {
            // Only a warm-up: the real write reports any real problem.
        }
    }

    private record MemoryOutputFile(ByteArrayOutputStream bytes) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new DelegatingPositionOutputStream(bytes) {
                @Override
                public long getPos() {
                    return bytes.size();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }

    private record MemoryInputFile(byte[] data) implements InputFile {
        @Override
        public long getLength() {
            return data.length;
        }

        @Override
        public SeekableInputStream newStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(data);
            return new DelegatingSeekableInputStream(in) {
                private long pos;

                @Override
                public long getPos() {
                    return pos;
                }

                @Override
                public void seek(long newPos) {
                    in.reset();
                    in.skip(newPos);
                    pos = newPos;
                }

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        pos++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        pos += n;
                    }
                    return n;
                }
            };
        }
    }
}
