package dev.dsgen.entities;

import dev.dsgen.entities.EntityPlan.SourcePlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Positive candidates from the plan, as pairs of global record indexes: records of one entity
 * across sources (a few per entity), and each within-source duplicate with the record it copies.
 */
final class PositivePairs {
    private static final int MAX_POSITIVES_PER_ENTITY = 4;

    private final long seed;
    private final EntityPlan plan;
    private final BlockingKeys keys;

    PositivePairs(long seed, EntityPlan plan, BlockingKeys keys) {
        this.seed = seed;
        this.plan = plan;
        this.keys = keys;
    }

    /** Every record of an entity that appears in two or more sources, paired across sources. */
    List<long[]> crossSource() {
        BitSet later = new BitSet();
        BitSet leads = new BitSet();
        for (int e : plan.sources.get(Source.LEADS).entity) {
            leads.set(e);
        }
        BitSet multi = new BitSet();
        for (Source s : new Source[] {Source.SALES, Source.FINANCIAL}) {
            for (int e : plan.sources.get(s).entity) {
                if (leads.get(e) || later.get(e)) {
                    multi.set(e);
                }
            }
            BitSet here = new BitSet();
            for (int e : plan.sources.get(s).entity) {
                here.set(e);
            }
            later.or(here);
        }
        // Sales and financial may share an entity that leads lacks: handled by "later" above.
        long[] members = new long[0];
        int n = 0;
        for (Source s : Source.values()) {
            SourcePlan sp = plan.sources.get(s);
            for (int slot = 0; slot < sp.size(); slot++) {
                if (multi.get(sp.entity[slot])) {
                    if (n == members.length) {
                        members = Arrays.copyOf(members, Math.max(1024, n * 2));
                    }
                    members[n++] = ((long) sp.entity[slot] << 32) | keys.global(s, slot);
                }
            }
        }
        members = Arrays.copyOf(members, n);
        Arrays.sort(members);
        List<long[]> out = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && (members[j] >>> 32) == (members[i] >>> 32)) {
                j++;
            }
            List<long[]> group = new ArrayList<>();
            for (int x = i; x < j; x++) {
                for (int y = x + 1; y < j; y++) {
                    int gx = (int) members[x];
                    int gy = (int) members[y];
                    if (keys.sourceOf(gx) != keys.sourceOf(gy)) {
                        group.add(new long[] {gx, gy});
                    }
                }
            }
            for (int k : SeededOrder.spread(seed, group.size(), MAX_POSITIVES_PER_ENTITY, members[i] >>> 32)) {
                out.add(group.get(k));
            }
            i = j;
        }
        return out;
    }

    /** Each duplicate with the record it copies. */
    List<long[]> withinSource() {
        List<long[]> out = new ArrayList<>();
        for (Source s : Source.values()) {
            SourcePlan sp = plan.sources.get(s);
            for (int slot = 0; slot < sp.size(); slot++) {
                if (sp.dupOf[slot] >= 0) {
                    out.add(new long[] {keys.global(s, sp.dupOf[slot]), keys.global(s, slot)});
                }
            }
        }
        return out;
    }
}
