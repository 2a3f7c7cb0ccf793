package dev.dsgen.entities;

import dev.dsgen.core.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples items in proportion to their weights in O(1) per draw (Walker/Vose alias method), so
 * realistic frequency tables (surnames, cities by population) cost nothing on the hot path.
 */
public final class WeightedSampler<T> {
    private final List<T> items;
    private final double[] probability;
    private final int[] alias;

    public WeightedSampler(List<T> items, double[] weights) {
        if (items.isEmpty() || items.size() != weights.length) {
            throw new IllegalArgumentException("need one weight per item and at least one item");
        }
        int n = weights.length;
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0");
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        this.items = List.copyOf(items);
        this.probability = new double[n];
        this.alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1.0) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            if (scaled[l] < 1.0) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        while (nl > 0) {
            probability[large[--nl]] = 1.0;
        }
        while (ns > 0) {
            probability[small[--ns]] = 1.0;
        }
    }

    public static <T> WeightedSampler<T> of(List<T> items, List<? extends Number> weights) {
        double[] w = new double[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i).doubleValue();
        }
        return new WeightedSampler<>(new ArrayList<>(items), w);
    }

    public T sample(Rng rng) {
        int column = rng.nextInt(probability.length);
        return rng.nextDouble() < probability[column] ? items.get(column) : items.get(alias[column]);
    }

    public int size() {
        return items.size();
    }
}
