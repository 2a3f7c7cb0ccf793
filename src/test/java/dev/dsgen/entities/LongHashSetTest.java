package dev.dsgen.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LongHashSetTest {

    @Property(tries = 300)
    void behavesLikeHashSet(@ForAll("values") List<Long> values, @ForAll @IntRange(min = 0, max = 64) int expected) {
        LongHashSet set = new LongHashSet(expected);
        Set<Long> model = new HashSet<>();
        for (long v : values) {
            assertEquals(model.add(v), set.add(v), "add(" + v + ")");
            assertEquals(model.size(), set.size());
        }
        // Everything present stays present after growth.
        for (long v : values) {
            assertFalse(set.add(v), "lost " + v);
        }
        assertEquals(model.size(), set.size());
    }

    @Provide
    Arbitrary<List<Long>> values() {
        // Small ranges force duplicates; edge values include 0 (the empty-slot marker) and extremes.
        Arbitrary<Long> small = Arbitraries.longs().between(-20, 20);
        Arbitrary<Long> any = Arbitraries.longs();
        Arbitrary<Long> edges = Arbitraries.of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, small), net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(1, edges))
                .list().ofMaxSize(400);
    }

    @Test
    void zeroIsAnOrdinaryMember() {
        LongHashSet set = new LongHashSet(4);
        assertEquals(0, set.size());
        assertTrue(set.add(0));
        assertFalse(set.add(0));
        assertEquals(1, set.size());
        assertTrue(set.add(-1));
        assertTrue(set.add(Long.MIN_VALUE));
        assertFalse(set.add(Long.MIN_VALUE));
        assertEquals(3, set.size());
    }

    @Test
    void growsFarBeyondExpectedSize() {
        LongHashSet set = new LongHashSet(1);
        int n = 200_000;
        for (long i = 0; i < n; i++) {
            assertTrue(set.add(i * 0x10000L)); // many values with equal low bits
        }
        assertEquals(n, set.size());
        for (long i = 0; i < n; i++) {
            assertFalse(set.add(i * 0x10000L));
        }
        assertEquals(n, set.size());
    }
}
