package dev.dsgen.io;

import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;

/**
 * A string value that carries its UTF-8 bytes, for text repeated across many rows (one instance per
 * distinct text): {@link NestedParquetWriter} writes the bytes as they are instead of encoding the
 * text again for every row. Equal to another EncodedText of the same text, like Avro's Utf8; Avro
 * compares it with any CharSequence by content.
 */
public final class EncodedText implements CharSequence, Comparable<EncodedText> {
    private final String text;
    private final Binary utf8;

    public EncodedText(String text) {
        this.text = text;
        this.utf8 = Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
    }

    public Binary utf8() {
        return utf8;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedText t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public int compareTo(EncodedText o) {
        return text.compareTo(o.text);
    }
}
