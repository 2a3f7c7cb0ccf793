package dev.dsgen.entities;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.Seeds;

/**
 * Train/valid/test assignment by entity: an entity's split is a hash of (seed, entity), so all its
 * records, and every pair that touches it, land in one split and no entity leaks across splits.
 */
public record Split(int train, int valid, int test) {
    public static final String[] NAMES = {"train", "valid", "test"};
    private static final long STREAM = Seeds.stream("entities.split");

    public Split {
        if (train <= 0 || valid < 0 || test < 0 || train + valid + test != 100) {
            throw DsgenException.usage("split must be three percentages summing to 100 with train > 0, got "
                    + train + "/" + valid + "/" + test + " (--split)");
        }
    }

    /** 0 train, 1 valid, 2 test. */
    public int of(long seed, int entity) {
        int bucket = (int) Long.remainderUnsigned(Seeds.mix(seed, STREAM, entity), 100);
        return bucket < train ? 0 : bucket < train + valid ? 1 : 2;
    }

    @Override
    public String toString() {
        return train + "/" + valid + "/" + test;
    }
}
