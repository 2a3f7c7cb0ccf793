package dev.dsgen.entities;

/** How direct identifiers are written: as generated, or as {@code sha256(salt + value)}. */
public enum PiiMode {
    PLAIN, HASHED
}
