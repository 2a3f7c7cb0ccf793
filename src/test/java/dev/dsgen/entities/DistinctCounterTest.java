package dev.dsgen.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.Seeds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DistinctCounterTest {

    private static long hash(long i) {
        return Seeds.mix(99, 1, i);
    }

    @Property(tries = 200)
    void exactBelowTheLimit(@ForAll @Size(max = 300) List<@LongRange(min = -50, max = 50) Long> values) {
        DistinctCounter c = new DistinctCounter();
        values.forEach(c::add);
        assertTrue(c.isExact());
        assertEquals(new HashSet<>(values).size(), c.count());
    }

    @Test
    void exactUpToTheLimitThenAnEstimate() {
        DistinctCounter c = new DistinctCounter();
        for (int i = 0; i < DistinctCounter.EXACT_LIMIT; i++) {
            c.add(hash(i));
            c.add(hash(i)); // duplicates never count
        }
        c.add(0L);
        assertFalse(c.isExact(), "one past the limit switches to the sketch");
        long n = DistinctCounter.EXACT_LIMIT + 1;
        assertEquals(n, c.count(), n * 0.04);

        DistinctCounter atLimit = new DistinctCounter();
        for (int i = 0; i < DistinctCounter.EXACT_LIMIT; i++) {
            atLimit.add(hash(i));
        }
        assertTrue(atLimit.isExact());
        assertEquals(DistinctCounter.EXACT_LIMIT, atLimit.count());
    }

    @Test
    void estimateIsWithinAFewPercentAtScale() {
        for (int n : new int[] {10_000, 100_000, 1_000_000}) {
            DistinctCounter c = new DistinctCounter();
            for (int i = 0; i < n; i++) {
                c.add(hash(i));
                if (i % 3 == 0) {
                    c.add(hash(i / 2)); // repeats of values already seen
                }
            }
            // about 1% standard error: 4% is four sigma
            assertEquals(n, c.count(), n * 0.04, "n = " + n);
        }
    }

    @Test
    void sequentialRawValuesAreMixedBeforeSketching() {
        DistinctCounter c = new DistinctCounter();
        for (long i = 0; i < 200_000; i++) {
            c.add(i); // not pre-hashed
        }
        assertEquals(200_000, c.count(), 200_000 * 0.04);
    }

    @Property(tries = 60)
    void mergingPartsEqualsCountingTheWhole(@ForAll @IntRange(min = 0, max = 12_000) int sizeA,
                                            @ForAll @IntRange(min = 0, max = 12_000) int sizeB,
                                            @ForAll @IntRange(min = 0, max = 12_000) int offsetB) {
        DistinctCounter a = new DistinctCounter();
        DistinctCounter b = new DistinctCounter();
        DistinctCounter whole = new DistinctCounter();
        Set<Long> model = new HashSet<>();
        for (int i = 0; i < sizeA; i++) {
            a.add(hash(i));
            whole.add(hash(i));
            model.add(hash(i));
        }
        for (int i = offsetB; i < offsetB + sizeB; i++) {
            b.add(hash(i));
            whole.add(hash(i));
            model.add(hash(i));
        }
        a.merge(b);
        assertEquals(whole.isExact(), a.isExact());
        assertEquals(whole.count(), a.count(), "merge must not depend on how the data was split");
        if (whole.isExact()) {
            assertEquals(model.size(), a.count());
        }
    }
}
