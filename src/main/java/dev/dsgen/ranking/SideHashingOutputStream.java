package dev.dsgen.ranking;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Writes through to a stream and feeds the same bytes, in order, to a SHA-256 on a thread of its
 * own, so the sidecar's fingerprint of a large output costs the writing thread only a copy. (The
 * JDK's SHA-256 is a plain Java loop unless C2 compiles it, about as slow as serialising the
 * records themselves; on the side it overlaps the writing.) Put a buffer in front: each write is
 * handed over as one chunk, and at most {@value #MAX_PENDING} chunks wait to be hashed.
 */
final class SideHashingOutputStream extends FilterOutputStream {
    static final int MAX_PENDING = 64;
    private final MessageDigest sha = DigestUtils.getSha256Digest();
    private final ExecutorService hasher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dsgen-sha256");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private long bytes;
    private String hex;

    SideHashingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len <= 0) {
            return;
        }
        byte[] copy = Arrays.copyOfRange(b, off, off + len);
        try {
            pending.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing output");
        }
        hasher.execute(() -> {
            sha.update(copy);
            pending.release();
        });
        out.write(b, off, len);
        bytes += len;
    }

    /** Closes the stream, then waits for the hash of everything written. */
    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            hasher.shutdown();
            try {
                if (!hasher.awaitTermination(10, TimeUnit.MINUTES)) {
                    throw new IOException("hashing the output did not finish");
                }
            } catch (InterruptedException e) {
                hasher.shutdownNow();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing output");
            }
        }
        if (hex == null) {
            hex = Hex.encodeHexString(sha.digest());
        }
    }

    /** Hex SHA-256 of every byte written; only after {@link #close}. */
    String sha256Hex() {
        if (hex == null) {
            throw new IllegalStateException("not closed yet");
        }
        return hex;
    }

    long bytes() {
        return bytes;
    }
}
