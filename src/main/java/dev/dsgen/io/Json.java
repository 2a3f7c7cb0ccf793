package dev.dsgen.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JSON and JSON Lines output: indent 2, {@code \n} line ends whatever the platform, map keys in
 * sorted order, a final newline. One mapper for the whole tool.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // FastDoubleParser: the same correctly rounded doubles, parsed in about a third of the time
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    private static final ObjectWriter COMPACT = MAPPER.writer();

    private Json() {
    }

    /** Pretty JSON text with a trailing newline. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }

    /** Writes pretty JSON to {@code file} atomically (temp + rename). */
    public static void writeAtomically(Path file, Object value) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = OutputFiles.createTemp(file.toAbsolutePath());
        try {
            Files.writeString(temp, pretty(value), StandardCharsets.UTF_8);
            OutputFiles.move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes pretty JSON to {@code file} (a temp of {@link OutputFiles}). */
    public static void write(Path file, Object value) throws IOException {
        Files.writeString(file, pretty(value), StandardCharsets.UTF_8);
    }

    /**
     * The writer {@link #writeList} uses, for a caller that produces the items as it goes, on a
     * stream the caller owns (left open): close the writer, then write the final {@code \n}.
     */
    public static SequenceWriter listWriter(OutputStream out) throws IOException {
        return PRETTY.without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValuesAsArray(out);
    }

    /**
     * Writes {@code items} as the pretty JSON list {@link #write} would, byte for byte, but streamed
     * (UTF-8, one item at a time): a large list never becomes one string in memory.
     */
    public static void writeList(Path file, Iterable<?> items) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            try (SequenceWriter seq = listWriter(out)) {
                for (Object item : items) {
                    seq.write(item);
                }
            }
            out.write('\n');
        }
    }

    private static final java.util.regex.Pattern SOURCE_LOCATION = java.util.regex.Pattern.compile(
            "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    /**
     * Jackson's reason for a parse failure, fit for a one-line error: its first line, without the
     * location (callers name the file, line and column), and with a location embedded in the text
     * ("start marker at [Source: REDACTED (...); line: 1, column: 11]") shortened to "line 1, column 11".
     */
    public static String reason(com.fasterxml.jackson.core.JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg == null) {
            msg = e.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        msg = nl < 0 ? msg : msg.substring(0, nl);
        return SOURCE_LOCATION.matcher(msg).replaceAll("line $1, column $2").trim();
    }

    /**
     * A JSON Lines writer: one compact object per line, {@code \n}-terminated. On an output of an
     * {@link OutputSet} ({@link OutputSet#jsonLines}) each line counts as a row.
     */
    public static final class LinesWriter implements AutoCloseable {
        private final Writer out;
        private final CountingHashingStream counted;

        public LinesWriter(OutputStream stream) {
            this.out = new BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            this.counted = stream instanceof CountingHashingStream c ? c : null;
        }

        public void write(Object value) throws IOException {
            out.write(COMPACT.writeValueAsString(value));
            out.write('\n');
            if (counted != null) {
                counted.addRows(1);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
