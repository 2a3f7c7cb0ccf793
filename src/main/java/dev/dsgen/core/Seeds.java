package dev.dsgen.core;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent seeds per (seed, stream, index), so record {@code i} of stream {@code s}
 * gets the same randomness whatever order, thread or shard generates it (DESIGN.md, determinism).
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** SplitMix64 finaliser: a bijective, well-mixing 64-bit hash. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed for item {@code index} of {@code stream} under the run's master {@code seed}. */
    public static long mix(long seed, long stream, long index) {
        long h = mix64(seed + GOLDEN);
        h = mix64(h ^ (stream + GOLDEN * 2));
        return mix64(h ^ (index + GOLDEN * 3));
    }

    /** A stable 64-bit id for a stream name (FNV-1a then mixed); never changes across versions. */
    public static long stream(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return mix64(h);
    }

    /** A well-mixed 64-bit hash of a string's characters (FNV-1a, then mixed): for sets of values. */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix64(h);
    }

    /** A generator for item {@code index} of the named stream. */
    public static Rng rng(long seed, long stream, long index) {
        return new Rng(mix(seed, stream, index));
    }
}
