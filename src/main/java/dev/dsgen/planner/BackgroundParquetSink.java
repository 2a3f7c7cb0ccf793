package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.Parallel;
import dev.dsgen.io.NestedParquetWriter;
import dev.dsgen.io.ParquetOutputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Parquet encoding on a thread of its own, fed in order through a bounded queue: the file is the
 * same as a single-threaded write, while scanning, parsing and joining go on beside it.
 */
final class BackgroundParquetSink implements AutoCloseable {
    private static final List<GenericRecord> END = new ArrayList<>();
    private final java.util.concurrent.ArrayBlockingQueue<List<GenericRecord>> queue =
            new java.util.concurrent.ArrayBlockingQueue<>(4);
    private final java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    private final Thread thread;
    private List<GenericRecord> batch = new ArrayList<>(BATCH);
    private static final int BATCH = 512;
    private volatile boolean failed;

    BackgroundParquetSink(ParquetOutputFile file) {
        thread = new Thread(() -> {
            try (NestedParquetWriter w = NestedParquetWriter.open(file, ExampleSchema.EXAMPLE, ExampleSchema::tuning)) {
                while (true) {
                    List<GenericRecord> b = queue.take();
                    if (b == END) {
                        break;
                    }
                    for (GenericRecord r : b) {
                        w.write(r);
                    }
                }
            } catch (Throwable t) {
                failed = true;
                queue.clear();
                // A full disk or a vanished folder is the environment (exit 2), not a bug.
                Throwable cause = t instanceof UncheckedIOException u ? u.getCause() : t;
                done.completeExceptionally(cause instanceof IOException io ? file.failed(io) : t);
                return;
            }
            done.complete(null); // only once the footer is written
        }, "dsgen-parquet-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void write(GenericRecord r) {
        batch.add(r);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    private void put(List<GenericRecord> b) {
        try {
            while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (failed) {
                    finish();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DsgenException(dev.dsgen.core.ExitCode.INTERNAL, "interrupted while writing Parquet");
        }
    }

    /** Flushes, waits for the writer and rethrows its failure. */
    void finish() {
        if (!failed) {
            if (!batch.isEmpty()) {
                put(batch);
                batch = new ArrayList<>();
            }
            put(END);
        }
        Parallel.join(done);
    }

    @Override
    public void close() {
        if (!done.isDone()) {
            thread.interrupt();
            try {
                // Let the writer close its file before the staging folder is deleted.
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
