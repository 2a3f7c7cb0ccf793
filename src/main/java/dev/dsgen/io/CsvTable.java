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
    private final ObjectWriter rowWriter;

    public CsvTable(List<String> header) {
        this.header = List.copyOf(header);
        CsvSchema schema = CsvSchema.emptySchema().withLineSeparator("\n").withoutHeader();
        this.rowWriter = MAPPER.writerFor(String[].class).with(schema);
    }

    public List<String> header() {
        return header;
    }

    /** Encodes rows (no header) as CSV bytes. Thread-safe. */
    public byte[] encode(List<String[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 128);
        try (var seq = rowWriter.writeValues(out)) {
            for (String[] row : rows) {
                seq.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Opens {@code file} for writing with the header already written. */
    public OutputStream open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write(encode(List.<String[]>of(header.toArray(String[]::new))));
        return out;
    }

    /** Writes a whole table to {@code file}. */
    public void write(Path file, List<String[]> rows) throws IOException {
        try (OutputStream out = open(file)) {
            out.write(encode(rows));
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
