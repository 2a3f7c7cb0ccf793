package dev.dsgen.core;

import java.util.List;

/**
 * A small SplitMix64 generator. Its sequence is fixed by this code, not by the JDK, so data stays
 * byte-identical across Java versions. Not thread-safe: one instance per record.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** Starts over as {@code new Rng(seed)} would: lets a hot loop reuse one instance. */
    public Rng reseed(long seed) {
        this.state = seed;
        return this;
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return Seeds.mix64(state);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        // Lemire's multiply-shift; the tiny bias is irrelevant for synthetic data.
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [min, max] inclusive. */
    public int nextInt(int min, int max) {
        return min + nextInt(max - min + 1);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public boolean chance(double p) {
        return nextDouble() < p;
    }

    public <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }

    public <T> T pick(T[] items) {
        return items[nextInt(items.length)];
    }
}
