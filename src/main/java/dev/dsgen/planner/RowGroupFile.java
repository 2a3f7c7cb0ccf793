package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.io.ParquetTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * The examples file, one row group per run of whole households of at least {@link #ROWS_PER_GROUP}
 * examples: each group is built (JSON parsed, records made) and Parquet-encoded on a worker thread
 * into a part file of its own, and the parts are appended in order to the final file (column chunks
 * copied as they are, by parquet-mr's {@code ParquetFileWriter.appendFile}). Groups end at
 * household boundaries fixed by the data alone, so the file is the same bytes for any number of
 * threads. Its SHA-256 is computed as it is written.
 *
 * <p>Failures come out as a one-thread build would raise them: parts are checked in order, a
 * part's builder stops at its first failing unit, and {@link #failure} reports the earliest build
 * failure among the units added before a scan failure, else the scan failure.
 *
 * @param <U> a unit of work (one household's inputs)
 */
final class RowGroupFile<U> implements AutoCloseable {
    /** Examples per row group, at least (a group ends with its last household). */
    static final long ROWS_PER_GROUP = 32_768;

    /** Builds a unit's examples, in order. */
    interface Builder<U> {
        void build(U unit, Consumer<GenericRecord> out);
    }

    /** What was written. */
    record Written(long rows, String sha256, long bytes) {
    }

    private record Part(Path file, long rows, Future<Path> done) {
    }

    private final Path file;
    private final Builder<U> builder;
    private final int threads;
    private final long rowsPerGroup;
    private final ExecutorService pool;
    private final ArrayDeque<Part> inFlight = new ArrayDeque<>();
    private RuntimeException raised;
    private List<U> pending = new ArrayList<>();
    private long pendingRows;
    private long rows;
    private int parts;
    private ParquetFileWriter out;
    private HashingFile hashing;
    private Map<String, String> footer;

    RowGroupFile(Path file, int threads, long rowsPerGroup, Builder<U> builder) {
        this.file = file;
        this.threads = threads;
        this.rowsPerGroup = rowsPerGroup;
        this.builder = builder;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dsgen-parquet-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a unit that makes {@code unitRows} examples; may wait for earlier groups (at most one per thread in flight). */
    void add(U unit, long unitRows) {
        pending.add(unit);
        pendingRows += unitRows;
        if (pendingRows >= rowsPerGroup) {
            submit();
        }
    }

    private void submit() {
        while (inFlight.size() >= threads) {
            append(inFlight.removeFirst());
        }
        List<U> units = pending;
        long n = pendingRows;
        pending = new ArrayList<>();
        pendingRows = 0;
        Path part = file.resolveSibling(file.getFileName() + ".part-" + parts++);
        inFlight.addLast(new Part(part, n, pool.submit(() -> encode(part, units))));
    }

    private Path encode(Path part, List<U> units) throws IOException {
        try (ParquetWriter<GenericRecord> w = ParquetTable.open(part, ExampleSchema.EXAMPLE, ExampleSchema::tuning)) {
            for (U u : units) {
                builder.build(u, r -> {
                    try {
                        w.write(r);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return part;
    }

    /** Writes the rest and the footer; returns what was written. */
    Written finish() {
        if (!pending.isEmpty() || parts == 0) {
            submit(); // no examples at all: one empty part gives the schema and footer
        }
        while (!inFlight.isEmpty()) {
            append(inFlight.removeFirst());
        }
        try {
            out.end(footer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(rows, hashing.hex(), hashing.bytes);
    }

    /** Waits for a part and appends its row groups (a failed part's error is raised here, in order). */
    private void append(Part p) {
        Path part;
        try {
            part = await(p.done());
        } catch (RuntimeException e) {
            raised = e;
            throw e;
        }
        try {
            // Read whole: parquet-mr's LocalInputFile copies with one read() call per byte.
            InputFile bytes = new BytesInputFile(Files.readAllBytes(part));
            if (out == null) {
                FileMetaData meta;
                try (ParquetFileReader r = ParquetFileReader.open(bytes)) {
                    meta = r.getFooter().getFileMetaData();
                }
                footer = meta.getKeyValueMetaData();
                hashing = new HashingFile(new LocalOutputFile(file));
                out = new ParquetFileWriter(hashing, meta.getSchema(), ParquetFileWriter.Mode.OVERWRITE,
                        ParquetWriter.DEFAULT_BLOCK_SIZE, 0);
                out.start();
            }
            out.appendFile(bytes);
            Files.delete(part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows += p.rows();
    }

    private static Path await(Future<Path> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DsgenException(ExitCode.INTERNAL, "interrupted while writing Parquet");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /**
     * The failure a one-thread build would have raised, given that scanning failed with {@code
     * scanFailure} after the units added so far: the first of their build failures, if any.
     */
    RuntimeException failure(RuntimeException scanFailure) {
        if (scanFailure == raised) {
            return scanFailure; // already the earliest build failure
        }
        for (Part p : inFlight) {
            try {
                await(p.done());
            } catch (RuntimeException e) {
                return e;
            }
        }
        try {
            for (U u : pending) {
                builder.build(u, r -> { });
            }
        } catch (RuntimeException e) {
            return e;
        }
        return scanFailure;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            // Let the workers close their files before the parts (and the staging folder) are deleted.
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < parts; i++) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".part-" + i));
            } catch (IOException ignored) {
                // the staging folder is deleted after a failure anyway
            }
        }
    }

    /** A file in memory. */
    private static final class BytesInputFile implements InputFile {
        private final byte[] bytes;

        BytesInputFile(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public SeekableInputStream newStream() {
            return new Stream(bytes);
        }

        /** A byte array stream that can seek. */
        private static final class Stream extends DelegatingSeekableInputStream {
            private final ByteArrayInputStream in;
            private final int length;

            Stream(byte[] bytes) {
                this(new ByteArrayInputStream(bytes), bytes.length);
            }

            private Stream(ByteArrayInputStream in, int length) {
                super(in);
                this.in = in;
                this.length = length;
            }

            @Override
            public long getPos() {
                return length - in.available();
            }

            @Override
            public void seek(long newPos) {
                in.reset(); // the mark is at 0
                in.skip(newPos);
            }
        }
    }

    /** A local output file whose bytes are hashed (SHA-256) and counted as they are written. */
    private static final class HashingFile implements OutputFile {
        private final OutputFile file;
        private final MessageDigest sha;
        private long bytes;

        HashingFile(OutputFile file) {
            this.file = file;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e); // every JVM has SHA-256
            }
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return wrap(file.create(blockSizeHint));
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return wrap(file.createOrOverwrite(blockSizeHint));
        }

        private PositionOutputStream wrap(PositionOutputStream s) {
            return new PositionOutputStream() {
                @Override
                public long getPos() throws IOException {
                    return s.getPos();
                }

                @Override
                public void write(int b) throws IOException {
                    s.write(b);
                    sha.update((byte) b);
                    bytes++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    s.write(b, off, len);
                    sha.update(b, off, len);
                    bytes += len;
                }

                @Override
                public void flush() throws IOException {
                    s.flush();
                }

                @Override
                public void close() throws IOException {
                    s.close();
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return file.supportsBlockSize();
        }

        @Override
        public long defaultBlockSize() {
            return file.defaultBlockSize();
        }

        @Override
        public String getPath() {
            return file.getPath();
        }
    }
}
