package dev.dsgen.ranking;

import dev.dsgen.core.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Draws sector and random negatives from sorted id lists. */
final class NegativeSampler {
    final DealGraph graph;
    private final List<String> all;
    private final Map<String, List<String>> bySector = new HashMap<>();

    NegativeSampler(DealGraph graph) {
        this.graph = graph;
        this.all = new ArrayList<>(graph.deals().keySet());
        for (Deal d : graph.deals().values()) {
            bySector.computeIfAbsent(d.sector(), k -> new ArrayList<>()).add(d.id());
        }
    }

    String sector(String sector, Set<String> members, Set<String> taken, Rng rng) {
        return draw(bySector.getOrDefault(sector, List.of()), members, taken, rng);
    }

    String random(Set<String> members, Set<String> taken, Rng rng) {
        return draw(all, members, taken, rng);
    }

    /** A uniform draw by rejection; a scan from a random start when most ids are excluded. */
    private static String draw(List<String> ids, Set<String> members, Set<String> taken, Rng rng) {
        if (ids.isEmpty()) {
            return null;
        }
        for (int i = 0; i < 32; i++) {
            String id = ids.get(rng.nextInt(ids.size()));
            if (!members.contains(id) && !taken.contains(id)) {
                return id;
            }
        }
        int start = rng.nextInt(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get((start + i) % ids.size());
            if (!members.contains(id) && !taken.contains(id)) {
                return id;
            }
        }
        return null;
    }
}
