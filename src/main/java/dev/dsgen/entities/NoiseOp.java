package dev.dsgen.entities;

import java.util.Locale;

/**
 * The ways a duplicate record differs from its original, as real data-entry does. Each applied
 * operation is recorded by name in {@code truth.csv}.
 */
public enum NoiseOp {
    CASE(15), NICKNAME(12), WHITESPACE(7), PUNCTUATION(7), PHONE_FORMAT(14), STREET_ABBREV(10),
    UNIT_ABBREV(5), EMAIL_PLUS_TAG(5), GMAIL_DOMAIN(4), TYPO(12), MISSING(7), POSTAL_FORMAT(5);

    private final int weight;

    NoiseOp(int weight) {
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }

    /** The name written to the ground truth, e.g. {@code phone_format}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
