package dev.dsgen.io;

import java.io.IOException;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet output of an {@link OutputSet} ({@link OutputSet#parquet(java.nio.file.Path)}) for
 * parquet-mr writers: bytes go through the set's {@link CountingHashingStream}, so they are counted
 * and hashed as written. The writer reports its rows with {@link #addRows} ({@link NestedParquetWriter}
 * and {@link OutputSet#parquet(java.nio.file.Path, org.apache.avro.Schema, Iterable)} do).
 */
public final class ParquetOutputFile implements OutputFile {
    private final CountingHashingStream out;
    private final String path;
    private boolean created;

    ParquetOutputFile(CountingHashingStream out, String path) {
        this.out = out;
        this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        if (created) {
            throw new IOException("a Parquet output is written once: " + path);
        }
        created = true;
        return new DelegatingPositionOutputStream(out) {
            @Override
            public long getPos() {
                return out.bytes();
            }
        };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
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

    @Override
    public String getPath() {
        return path;
    }

    /** Adds rows written to this file to its count in the sidecar. */
    public void addRows(long n) {
        out.addRows(n);
    }

    /** The exit-2 error for a write to this file that failed. */
    public dev.dsgen.core.DsgenException failed(IOException e) {
        return out.failed(e);
    }
}
