package dev.dsgen.io;

import java.io.IOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} whose bytes also go to a SHA-256 as they are written (through a
 * {@link DigestOutputStream}, as {@link CsvTable#open(java.nio.file.Path, MessageDigest)} does for
 * CSV): the sidecar's fingerprint of a large file without reading it back.
 */
public final class HashingOutputFile implements OutputFile {
    private final OutputFile file;
    private final MessageDigest sha = DigestUtils.getSha256Digest();

    public HashingOutputFile(OutputFile file) {
        this.file = file;
    }

    /** Hex SHA-256 of everything written; call once, after the writer is closed. */
    public String sha256Hex() {
        return Hex.encodeHexString(sha.digest());
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return hashing(file.create(blockSizeHint));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return hashing(file.createOrOverwrite(blockSizeHint));
    }

    private PositionOutputStream hashing(PositionOutputStream out) {
        return new DelegatingPositionOutputStream(new DigestOutputStream(out, sha)) {
            @Override
            public long getPos() throws IOException {
                return out.getPos();
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
