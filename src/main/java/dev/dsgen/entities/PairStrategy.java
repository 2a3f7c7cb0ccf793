package dev.dsgen.entities;

import java.util.Locale;

/** How a labeled pair was chosen; written to the {@code strategy} column. */
public enum PairStrategy {
    /** Same entity, records in two sources. */
    CROSS_SOURCE(1),
    /** Same entity, a duplicate and its original in one source. */
    WITHIN_SOURCE(1),
    /** Different entities, same email local part, different domain (seed 001 §4.3). */
    EMAIL_LOCAL_PART(0),
    /** Different entities, full-name Jaro-Winkler > 0.9, different email and phone (seed 001 §4.3). */
    SIMILAR_NAME(0),
    /** Different entities, same ZIP and house number, different names (seed 001 §4.3). */
    SAME_ADDRESS_NUMBER(0),
    /** Different entities whose last names sound alike (Double Metaphone): softer hard negatives. */
    SAME_LAST_NAME(0),
    /** Different entities drawn at random, only to top up the class balance when confusers run out. */
    RANDOM(0);

    private final int label;

    PairStrategy(int label) {
        this.label = label;
    }

    public int label() {
        return label;
    }

    public boolean hardNegative() {
        return label == 0 && this != RANDOM;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
