package dev.dsgen.io;

import dev.dsgen.core.DsgenException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The one stream every output of an {@link OutputSet} is written through: it counts the bytes,
 * hashes them (SHA-256) on their way to the file, and holds the row count its writer reports, so
 * the metadata sidecar describes each output without reading it back.
 *
 * <p>Writers built on it ({@link CsvTable.Writer}, {@link JsonListWriter}, {@link Json.LinesWriter},
 * {@link ParquetOutputFile}) report their rows through {@link #addRows}; a single JSON document
 * reports none ({@link #rows()} is null then).
 */
public final class CountingHashingStream extends FilterOutputStream {
    private final MessageDigest sha = DigestUtils.getSha256Digest();
    private final Runnable onClose;
    private final String shown;
    private final String flag;
    private long bytes;
    private Long rows;
    private String sha256;

    /**
     * @param shown the output as the user named it ({@code -} for stdout), for error messages
     * @param flag the flag that chose it
     * @param onClose called once, after the last byte reached {@code out} and it was closed
     */
    CountingHashingStream(OutputStream out, String shown, String flag, Runnable onClose) {
        super(out);
        this.shown = shown;
        this.flag = flag;
        this.onClose = onClose;
    }

    /** The exit-2 error for a write to this output that failed ({@link OutputErrors}). */
    public DsgenException failed(IOException e) {
        return OutputErrors.cannotWrite(e, java.nio.file.Path.of(shown), flag);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha.update((byte) b);
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha.update(b, off, len);
        bytes += len;
    }

    /** Adds {@code n} rows (records, lines, list items) to this output's row count. */
    public void addRows(long n) {
        rows = rows == null ? n : rows + n;
    }

    /** Bytes written so far: also the position in the file, as Parquet's writer needs it. */
    public long bytes() {
        return bytes;
    }

    /** Rows reported by the writer, or null for an output that is one document. */
    public Long rows() {
        return rows;
    }

    /** Hex SHA-256 of everything written; only after {@link #close()}. */
    public String sha256() {
        if (sha256 == null) {
            throw new IllegalStateException("the output is still open: close it before asking for its SHA-256");
        }
        return sha256;
    }

    boolean closed() {
        return sha256 != null;
    }

    @Override
    public void close() throws IOException {
        if (sha256 != null) {
            return;
        }
        out.close();
        sha256 = Hex.encodeHexString(sha.digest());
        onClose.run();
    }
}
