package dev.dsgen.planner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.dsgen.core.DsgenException;
import dev.dsgen.io.Json;
import dev.dsgen.planner.SourceScans.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON columns of the source tables with the streaming parser; malformed or
 * ill-shaped JSON is an input error naming the column and the row.
 */
final class JsonColumns {
    private final PlannerDb db;

    JsonColumns(PlannerDb db) {
        this.db = db;
    }

    /** A JSON array's strings; SQL NULL and non-arrays give an empty list. */
    List<CharSequence> strings(byte[] json, String column, String row) {
        return json == null ? new ArrayList<>() : read(json, column, row, PayloadReader::strings);
    }

    /**
     * Reads {@code json} with the streaming parser. Malformed JSON is reported with the line and
     * column the tree parser gives for the decoded text, as before the byte parser (which counts
     * columns in bytes).
     */
    <T> T read(byte[] json, String column, String row, JsonRead<T> reader) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            return reader.read(p, p.nextToken());
        } catch (JsonProcessingException ex) {
            checkTree(json, column, row);
            throw malformed(ex, column, row);
        } catch (PayloadReader.WrongType ex) {
            checkTree(json, column, row); // malformed text is reported as such, wherever it is
            throw DsgenException.input("wrong type in " + column + " of " + row + ": " + ex.getMessage() + " (--db "
                    + db.where() + ")");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // an in-memory source: not expected
        }
    }

    /** Parses {@code json} as a tree only for its error, if any (non-object roots, malformed text). */
    void checkTree(byte[] json, String column, String row) {
        try {
            Json.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw malformed(e, column, row);
        }
    }

    DsgenException malformed(JsonProcessingException e, String column, String row) {
        return DsgenException.input("malformed JSON in " + column + " of " + row + " (--db " + db.where()
                + "; line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }

    /** An event's payload: null for SQL NULL. */
    PayloadReader.Payload payload(Event e) {
        return object(e.payload(), "exp.events.payload", e, PayloadReader::payload);
    }

    /** An event's context: null for SQL NULL. */
    PayloadReader.Context context(Event e) {
        return object(e.context(), "exp.events.context", e, PayloadReader::context);
    }

    /**
     * A JSON object column of an event: null for SQL NULL; other valid JSON is an input error
     * wherever the column is read (an earlier accepted plan's payload too, not only the event's own).
     */
    <T> T object(byte[] json, String column, Event e, ObjectRead<T> reader) {
        if (json == null) {
            return null;
        }
        return read(json, column, "event " + e.id(), (p, first) -> {
            if (first == JsonToken.START_OBJECT) {
                return reader.read(p);
            }
            checkTree(json, column, "event " + e.id()); // the tree parser's error, if malformed
            throw DsgenException.input("malformed JSON in " + column + " of event " + e.id() + " (--db "
                    + db.where() + "; expected an object)");
        });
    }

    /** Reads an object's fields, the parser on its START_OBJECT. */
    interface ObjectRead<T> {
        T read(JsonParser p) throws IOException;
    }

    /** A streaming read of one JSON value, given its first token (null for an empty text). */
    interface JsonRead<T> {
        T read(JsonParser p, JsonToken first) throws IOException;
    }
}
