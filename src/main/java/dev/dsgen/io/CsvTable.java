package dev.dsgen.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.dsgen.core.DsgenException;
import java.io.ByteArrayOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * RFC 4180 CSV through Jackson: header row, {@code \n} line ends, quotes only where needed.
 * Rows are {@code String[]}; null is written as an empty field. Chunks can be encoded on worker
 * threads ({@link #encode}) and appended in order, which keeps output identical for any thread count.
 */
public final class CsvTable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .build();

    private final List<String> header;
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("\n").withoutHeader();
    private final ObjectWriter quotedWriter;

    public CsvTable(List<String> header) {
        this.header = List.copyOf(header);
        this.quotedWriter = MAPPER.writerFor(String[].class).with(SCHEMA)
                .with(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS).with(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS);
    }

    public List<String> header() {
        return header;
    }

    /** Encodes rows (no header) as CSV bytes. Thread-safe. */
    public byte[] encode(List<String[]> rows) {
        // Almost no chunk holds a carriage return: encode it plainly, then look for the byte 0x0D
        // (UTF-8 has it only for '\r') in the result, once, instead of in every value first.
        byte[] plain = encode(rows, false);
        for (byte b : plain) {
            if (b == '\r') {
                return encode(rows, true);
            }
        }
        return plain;
    }

    /**
     * @param quoteCarriageReturnRows quote every field of a row holding a '\r': Jackson's strict
     *        quoting misses a bare one
     */
    private byte[] encode(List<String[]> rows, boolean quoteCarriageReturnRows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 128);
        // The streaming generator directly: databind's per-row serializer lookup costs ~20% here.
        try (CsvGenerator gen = (CsvGenerator) MAPPER.getFactory().createGenerator(out)) {
            gen.setSchema(SCHEMA);
            for (String[] row : rows) {
                if (quoteCarriageReturnRows && hasCarriageReturn(row)) {
                    gen.flush();
                    String[] values = row.clone();
                    for (int i = 0; i < values.length; i++) {
                        values[i] = values[i] == null ? "" : values[i];
                    }
                    out.write(quotedWriter.writeValueAsBytes(values));
                    continue;
                }
                gen.writeStartArray();
                for (String v : row) {
                    // Jackson would drop a null element and shift the columns: write it as empty.
                    gen.writeString(v == null ? "" : v);
                }
                gen.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean hasCarriageReturn(String[] row) {
        for (String v : row) {
            if (v != null && v.indexOf('\r') >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The header row as CSV bytes. */
    public byte[] headerBytes() {
        return encode(List.<String[]>of(header.toArray(String[]::new)));
    }

    /** Opens {@code file} for writing with the header already written ({@link #headerBytes()} long). */
    public OutputStream open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write(headerBytes());
        return out;
    }

    /** Writes a whole table to {@code file} (tests and small files outside an {@link OutputSet}). */
    public void write(Path file, List<String[]> rows) throws IOException {
        try (OutputStream out = open(file)) {
            out.write(encode(rows));
        }
    }

    /**
     * A CSV output of an {@link OutputSet} ({@link OutputSet#csv}): the header, then rows, counted.
     * Chunks may be encoded on other threads ({@link #encode}) and written here in order. A failed
     * write is exit 2 naming the output and its flag.
     */
    public static final class Writer implements AutoCloseable {
        private final CsvTable table;
        private final CountingHashingStream out;

        Writer(CsvTable table, CountingHashingStream out) {
            this.table = table;
            this.out = out;
            writeBytes(table.headerBytes());
        }

        /** Writes rows encoded by {@link CsvTable#encode} ({@code rows} of them). */
        public void writeEncoded(byte[] chunk, int rows) {
            writeBytes(chunk);
            out.addRows(rows);
        }

        public void write(List<String[]> rows) {
            writeEncoded(table.encode(rows), rows.size());
        }

        private void writeBytes(byte[] b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw out.failed(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw out.failed(e);
            }
        }
    }

    /**
     * Streams the data rows of a CSV file with a header: calls {@code onHeader} once, then
     * {@code onRow} per row. Malformed CSV is an input error naming the file and line.
     */
    public static void read(Path file, Consumer<String[]> onHeader, Consumer<String[]> onRow) {
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class)
                .with(CsvSchema.emptySchema()).readValues(file.toFile())) {
            boolean first = true;
            while (true) {
                String[] row;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    row = it.nextValue();
                } catch (IOException | RuntimeException e) {
                    long line = it.getCurrentLocation() == null ? -1 : it.getCurrentLocation().getLineNr();
                    throw DsgenException.input("malformed CSV in " + file + " at line " + line + ": "
                            + firstLine(e.getMessage()), e);
                }
                if (first) {
                    onHeader.accept(row);
                    first = false;
                } else {
                    onRow.accept(row);
                }
            }
        } catch (IOException e) {
            throw DsgenException.input("cannot read " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Streams the rows in bytes [start, end) of a CSV file, where both ends lie on row boundaries
     * (as recorded by the writer): lets validation read a large file back on several threads.
     */
    public static void readRange(Path file, long start, long end, Consumer<String[]> onRow) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            ch.position(start);
            java.io.InputStream in = new java.io.BufferedInputStream(
                    new BoundedInputStream(java.nio.channels.Channels.newInputStream(ch), end - start), 1 << 16);
            try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema())
                    .readValues(in)) {
                while (it.hasNextValue()) {
                    onRow.accept(it.nextValue());
                }
            }
        } catch (IOException e) {
            // Only the parser's failures are malformed input; the consumer's exceptions pass through.
            throw DsgenException.input("malformed CSV in " + file + " after byte " + start + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** An input stream that ends after {@code limit} bytes. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(java.io.InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the channel is closed by its owner
        }
    }

    /** Reads a whole small CSV file: the header row first, then the data rows. */
    public static List<String[]> readAll(Path file) {
        List<String[]> rows = new java.util.ArrayList<>();
        read(file, rows::add, rows::add);
        return rows;
    }

    /** Iterates a classpath CSV resource (header skipped). */
    public static Iterator<String[]> resource(String name) {
        try {
            var in = CsvTable.class.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            MappingIterator<String[]> it = MAPPER.readerFor(String[].class)
                    .with(CsvSchema.emptySchema()).readValues(in);
            if (it.hasNext()) {
                it.next();
            }
            return it;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
