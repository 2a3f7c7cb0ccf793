package dev.dsgen.entities;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of records by kind and of noise operations, per source; merged from chunks in order. */
final class NoiseStats {
    final Map<Source, long[]> kinds = new EnumMap<>(Source.class);
    /** Noise operation counts on duplicates, and on records shared with an earlier source. */
    final Map<String, Long> onDuplicates = new TreeMap<>();
    final Map<String, Long> onShared = new TreeMap<>();

    void count(Source s, byte kind, List<String> noise) {
        kinds.computeIfAbsent(s, k -> new long[3])[kind]++;
        Map<String, Long> target = kind == EntityPlan.DUPLICATE ? onDuplicates : onShared;
        for (String op : noise) {
            target.merge(op, 1L, Long::sum);
        }
    }

    void add(NoiseStats other) {
        other.kinds.forEach((s, k) -> {
            long[] mine = kinds.computeIfAbsent(s, x -> new long[3]);
            for (int i = 0; i < 3; i++) {
                mine[i] += k[i];
            }
        });
        other.onDuplicates.forEach((k, v) -> onDuplicates.merge(k, v, Long::sum));
        other.onShared.forEach((k, v) -> onShared.merge(k, v, Long::sum));
    }
}
