package dev.dsgen.entities;

import java.util.Arrays;

/**
 * What the read-back learned about each written record, by global index (sources in order,
 * then slot, parsed from the id): written, has an identity (email, phone or name), and its
 * entity in truth.csv (-1 if none). Pair checks look records up here.
 */
final class WrittenIndex {
    static final byte SEEN = 1;
    static final byte IDENTITY = 2;
    /** One byte per record: parts on different threads write different bytes, safely. */
    final byte[] flags;
    final int[] entity;
    /** First global index of each source, then the total. */
    private final long[] sourceStarts;

    WrittenIndex(SynthConfig cfg) {
        sourceStarts = new long[Source.values().length + 1];
        for (Source s : Source.values()) {
            sourceStarts[s.ordinal() + 1] = sourceStarts[s.ordinal()] + cfg.counts().of(s);
        }
        int total = (int) sourceStarts[Source.values().length];
        flags = new byte[total];
        entity = new int[total];
        Arrays.fill(entity, -1);
    }

    boolean seen(int g) {
        return (flags[g] & SEEN) != 0;
    }

    boolean identity(int g) {
        return (flags[g] & IDENTITY) != 0;
    }

    /** Global index of a record from its source key and id, or -1 when the id is not one we write. */
    int globalIndex(String source, String id) {
        Source s = Source.byKey(source);
        if (s == null || !id.startsWith(s.idPrefix())) {
            return -1;
        }
        // Exactly the ids we write: prefix, then the 1-based slot zero-padded to 7 digits.
        int from = s.idPrefix().length();
        int digits = id.length() - from;
        if (digits < 7 || digits > 9 || (digits > 7 && id.charAt(from) == '0')) {
            return -1;
        }
        int number = 0;
        for (int i = from; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        int slot = number - 1;
        long[] offsets = sourceStarts;
        int size = (int) (offsets[s.ordinal() + 1] - offsets[s.ordinal()]);
        if (slot < 0 || slot >= size) {
            return -1;
        }
        return (int) offsets[s.ordinal()] + slot;
    }
}
