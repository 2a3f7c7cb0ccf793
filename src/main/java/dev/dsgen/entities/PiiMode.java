package dev.dsgen.entities;

/** How direct identifiers are written: as generated, or as {@code sha256(salt + value)}. */
public enum PiiMode {
    PLAIN, HASHED;

    /** As users write it: {@code plain} or {@code hashed}. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
