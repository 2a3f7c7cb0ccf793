package dev.dsgen.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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

    /**
     * The reader for every JSON input file (schemas, deal files, configs): junk after the value and
     * a key repeated in one object are errors, where the default reader would take the first value
     * and ignore the rest, or keep the last of two keys and silently drop the other.
     */
    public static final ObjectReader INPUT = MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

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
    public static String reason(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg == null) {
            msg = e.getClass().getSimpleName();
        }
        if (msg.startsWith("Trailing token")) {
            return "more text after the end of the JSON value (one value per file)";
        }
        int nl = msg.indexOf('\n');
        msg = nl < 0 ? msg : msg.substring(0, nl);
        return SOURCE_LOCATION.matcher(msg).replaceAll("line $1, column $2").trim();
    }

    /**
     * For a key repeated in one object ({@link #INPUT}'s duplicate detection): which key, and the
     * lines and columns of both, found by reading {@code text} again; null for any other failure.
     */
    public static String duplicateKey(JsonProcessingException e, String text) {
        String msg = e.getOriginalMessage();
        if (msg == null || !msg.startsWith("Duplicate field '") || !(e.getProcessor() instanceof JsonParser failed)) {
            return null;
        }
        String key = msg.substring("Duplicate field '".length(), msg.lastIndexOf('\''));
        JsonStreamContext object = failed.getParsingContext();
        String path = object.getParent() == null ? "" : object.getParent().pathAsPointer().toString();
        String first = "an earlier line";
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                JsonStreamContext c = p.getParsingContext();
                if (t == JsonToken.FIELD_NAME && key.equals(p.currentName()) && c.getParent() != null
                        && c.getParent().pathAsPointer().toString().equals(path)) {
                    first = at(p.currentTokenLocation());
                    break;
                }
            }
        } catch (IOException again) {
            // the text failed before the first one: keep the vaguer wording
        }
        return "'" + key + "' is defined twice in one object (" + first + " and " + at(e.getLocation()) + ")";
    }

    /** The line only: Jackson reports the second key's column after it, the first one's before it. */
    private static String at(JsonLocation loc) {
        return loc == null ? "?" : "line " + loc.getLineNr();
    }

    /**
     * The UTF-8 text of an input file's bytes. A byte sequence that is not UTF-8 (say, a file saved
     * as UTF-16) is an {@link IOException} that says so, with the byte offset and line where it is,
     * instead of the JDK's "Input length = 1".
     */
    public static String utf8(byte[] bytes) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            boolean utf16 = bytes.length >= 2 && ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff
                    || (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe);
            String bom = utf16 ? " (it starts with a UTF-16 byte-order mark; save it as UTF-8)" : "";
            throw new NotUtf8Exception("not UTF-8 text" + bom + ": byte 0x" + String.format("%02X", bytes[offset] & 0xff)
                    + " at byte offset " + offset + " (line " + line + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Bytes that are not UTF-8 text; the message says where. */
    public static final class NotUtf8Exception extends CharacterCodingException {
        private final String message;

        NotUtf8Exception(String message) {
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
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
