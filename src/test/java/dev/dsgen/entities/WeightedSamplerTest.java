package dev.dsgen.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.Rng;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WeightedSamplerTest {

    @Test
    void frequenciesFollowWeights() {
        List<String> items = List.of("a", "b", "c", "zero", "d");
        double[] weights = {1, 2, 3, 0, 4};
        WeightedSampler<String> s = new WeightedSampler<>(items, weights);
        int n = 200_000;
        int[] counts = new int[items.size()];
        Rng r = new Rng(2024);
        for (int i = 0; i < n; i++) {
            counts[items.indexOf(s.sample(r))]++;
        }
        double total = 10;
        for (int i = 0; i < items.size(); i++) {
            double p = weights[i] / total;
            double sigma = Math.sqrt(n * p * (1 - p));
            assertEquals(n * p, counts[i], 5 * sigma + 1e-9, "item " + items.get(i));
        }
        assertEquals(0, counts[3], "a zero-weight item must never be drawn");
    }

    @Property(tries = 40)
    void frequenciesFollowArbitraryWeights(@ForAll @Size(min = 1, max = 8)
                                           List<@DoubleRange(min = 0, max = 100) Double> weights,
                                           @ForAll long seed) {
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return;
        }
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            items.add(i);
        }
        WeightedSampler<Integer> s = WeightedSampler.of(items, weights);
        int n = 40_000;
        int[] counts = new int[weights.size()];
        Rng r = new Rng(seed);
        for (int i = 0; i < n; i++) {
            counts[s.sample(r)]++;
        }
        for (int i = 0; i < weights.size(); i++) {
            double p = weights.get(i) / total;
            if (weights.get(i) == 0.0) {
                assertEquals(0, counts[i], "zero weight drawn: " + weights);
            } else {
                assertEquals(p, (double) counts[i] / n, 0.015, "item " + i + " of " + weights);
            }
        }
    }

    @Test
    void zeroWeightsAmongManyItemsAreNeverDrawn() {
        // Many uneven weights stress the alias table's floating-point leftovers.
        int n = 997;
        List<Integer> items = new ArrayList<>();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            items.add(i);
            w[i] = i % 3 == 0 ? 0.0 : 1.0 / (i + 1) + 0.1 * (i % 7);
        }
        WeightedSampler<Integer> s = new WeightedSampler<>(items, w);
        Rng r = new Rng(1);
        for (int i = 0; i < 300_000; i++) {
            int v = s.sample(r);
            assertTrue(v % 3 != 0, "zero-weight item " + v + " drawn");
        }
    }

    @Test
    void singleItemIsAlwaysDrawn() {
        WeightedSampler<String> s = new WeightedSampler<>(List.of("only"), new double[] {0.5});
        Rng r = new Rng(1);
        for (int i = 0; i < 100; i++) {
            assertEquals("only", s.sample(r));
        }
        assertEquals(1, s.size());
    }

    @Test
    void sameRngSeedGivesSameDraws() {
        WeightedSampler<Integer> s = WeightedSampler.of(List.of(1, 2, 3), List.of(5, 1, 1));
        Rng a = new Rng(77);
        Rng b = new Rng(77);
        for (int i = 0; i < 1000; i++) {
            assertEquals(s.sample(a), s.sample(b));
        }
    }

    @Test
    void laterChangesToTheItemListDoNotLeakIn() {
        List<String> items = new ArrayList<>(List.of("a", "b"));
        WeightedSampler<String> s = new WeightedSampler<>(items, new double[] {1, 0});
        items.set(0, "changed");
        assertEquals("a", s.sample(new Rng(1)));
    }

    @Test
    void rejectsBadWeights() {
        assertThrows(IllegalArgumentException.class, () -> new WeightedSampler<>(List.of(), new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedSampler<>(List.of("a", "b"), new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedSampler<>(List.of("a", "b"), new double[] {1, -0.5}));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedSampler<>(List.of("a", "b"), new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedSampler<>(List.of("a", "b"), new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedSampler<>(List.of("a", "b"), new double[] {1, Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> WeightedSampler.of(List.of("a"), List.of()));
    }
}
