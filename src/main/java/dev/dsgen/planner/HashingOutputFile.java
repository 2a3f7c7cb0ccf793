package dev.dsgen.planner;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * An output file whose bytes are hashed (SHA-256) and counted as they are written, so the sidecar's
 * fingerprint does not need the file read back.
 */
final class HashingOutputFile implements OutputFile {
    private final OutputFile file;
    private final MessageDigest sha;
    private long bytes;

    HashingOutputFile(OutputFile file) {
        this.file = file;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    long bytes() {
        return bytes;
    }

    /** The SHA-256 of everything written, in hex (once, at the end). */
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
