package dev.dsgen.io;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;

/**
 * A JSON list output of an {@link OutputSet} ({@link OutputSet#jsonList}), streamed one item at a
 * time and byte for byte what {@link Json#writeList} writes: pretty, a final {@code \n}. Each item
 * counts as a row. A failed write is exit 2 naming the output and its flag.
 */
public final class JsonListWriter implements AutoCloseable {
    private final CountingHashingStream out;
    private final SequenceWriter seq;

    JsonListWriter(CountingHashingStream out) {
        this.out = out;
        try {
            this.seq = Json.listWriter(out);
        } catch (IOException e) {
            throw out.failed(e);
        }
    }

    public void write(Object item) {
        try {
            seq.write(item);
        } catch (IOException e) {
            throw out.failed(e);
        }
        out.addRows(1);
    }

    public void writeAll(Iterable<?> items) {
        for (Object item : items) {
            write(item);
        }
    }

    @Override
    public void close() {
        try {
            seq.close();
            out.write('\n');
            out.close();
        } catch (IOException e) {
            throw out.failed(e);
        }
    }
}
