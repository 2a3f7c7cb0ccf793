package dev.dsgen.entities;

import dev.dsgen.core.Seeds;
import dev.dsgen.entities.features.Contact;
import dev.dsgen.entities.features.Normalize;
import dev.dsgen.entities.features.PairFeatures;
import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.codec.language.Soundex;

/**
 * Compact blocking keys of every record (four 64-bit hashes: email local part, Soundex of the
 * last name with the first initial, ZIP with house number, Double Metaphone of the last name),
 * filled while records are written, so pairing needs neither an all-pairs scan nor the records in
 * memory. Records are addressed by a global index: sources in order, then slot.
 */
final class BlockingKeys {
    static final int EMAIL_LOCAL = 0;
    static final int NAME = 1;
    static final int ADDRESS = 2;
    static final int LAST_NAME = 3;
    static final int KINDS = 4;
    /** Global indexes are packed into 24 bits next to a 40-bit key hash when blocks are sorted. */
    static final int MAX_RECORDS = 1 << 24;

    private static final Soundex SOUNDEX = Soundex.US_ENGLISH;

    final long[][] keys;
    final int total;
    private final Map<Source, Integer> offsets = new EnumMap<>(Source.class);
    private final Source[] sourceByOrdinal = Source.values();
    private final int[] starts;

    BlockingKeys(EntityPlan plan) {
        int offset = 0;
        starts = new int[Source.values().length + 1];
        for (Source s : Source.values()) {
            offsets.put(s, offset);
            starts[s.ordinal()] = offset;
            offset += plan.sources.get(s).size();
        }
        starts[Source.values().length] = offset;
        total = offset;
        keys = new long[KINDS][total];
    }

    int global(Source source, int slot) {
        return offsets.get(source) + slot;
    }

    Source sourceOf(int g) {
        for (int i = sourceByOrdinal.length - 1; i >= 0; i--) {
            if (g >= starts[i]) {
                return sourceByOrdinal[i];
            }
        }
        throw new IllegalArgumentException("index " + g);
    }

    int slotOf(int g) {
        return g - starts[sourceOf(g).ordinal()];
    }

    void fill(int g, Contact c) {
        String local = Normalize.emailLocal(c.email());
        keys[EMAIL_LOCAL][g] = local.isEmpty() ? 0 : hash("e|" + local);
        String first = Normalize.name(c.firstName());
        String last = Normalize.name(c.lastName()).replace(" ", "");
        String sx = last.isEmpty() ? "" : soundex(last);
        keys[NAME][g] = sx.isEmpty() || first.isEmpty() ? 0 : hash("n|" + sx + "|" + first.charAt(0));
        String postal = Normalize.postal(c.postal());
        String house = Normalize.houseNumber(c.address());
        keys[ADDRESS][g] = postal.isEmpty() || house.isEmpty() ? 0 : hash("a|" + postal + "|" + house);
        keys[LAST_NAME][g] = last.isEmpty() ? 0 : hash("l|" + PairFeatures.phonetic(last));
    }

    /** Last names repeat (a few thousand distinct), so their codes are computed once each. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> SOUNDEX_CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 200_000;

    private static String soundex(String s) {
        String code = SOUNDEX_CACHE.get(s);
        if (code == null) {
            try {
                code = SOUNDEX.soundex(s);
            } catch (IllegalArgumentException e) {
                code = "";
            }
            if (SOUNDEX_CACHE.size() < CACHE_LIMIT) {
                SOUNDEX_CACHE.put(s, code);
            }
        }
        return code;
    }



    static long hash(String s) {
        long h = Seeds.mix64(Seeds.hash(s));
        return h == 0 ? 1 : h;
    }
}
