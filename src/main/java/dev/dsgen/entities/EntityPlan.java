package dev.dsgen.entities;

import dev.dsgen.core.Rng;
import dev.dsgen.core.Seeds;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which entity each record slot of each source holds, and which slots are duplicates of which
 * earlier slot. A cheap sequential pass over ints; the records themselves are drawn later, in
 * parallel, from (seed, source, slot).
 *
 * <p>Duplicates are spread through a source (a person who fills the lead form again weeks later),
 * never appended at the end, so neither file order nor ids reveal them. Cross-source overlap
 * follows a sales funnel: sales customers come from leads, invoices from customers or leads.
 */
final class EntityPlan {
    static final byte BASE_NEW = 0;
    static final byte BASE_SHARED = 1;
    static final byte DUPLICATE = 2;

    /** One source's slots. */
    static final class SourcePlan {
        final Source source;
        final int[] entity;
        /** For a duplicate slot, the slot it copies; -1 for a base record. */
        final int[] dupOf;
        final byte[] kind;

        SourcePlan(Source source, int n) {
            this.source = source;
            this.entity = new int[n];
            this.dupOf = new int[n];
            this.kind = new byte[n];
        }

        int size() {
            return entity.length;
        }
    }

    final Map<Source, SourcePlan> sources = new EnumMap<>(Source.class);
    /** For leads and sales: each entity's first slot there, or -1 (the funnel's earlier steps). */
    final Map<Source, int[]> firstSlot = new EnumMap<>(Source.class);
    int entityCount;
    /** Requested shared records that could not be placed (too few earlier entities). */
    int overlapShortfall;

    static EntityPlan build(long seed, Map<Source, Integer> counts, double dupRate, double overlap) {
        EntityPlan plan = new EntityPlan();
        int nextEntity = 0;
        int[] leadsEntities = new int[0];
        int[] salesEntities = new int[0];
        for (Source source : Source.values()) {
            int n = counts.get(source);
            SourcePlan sp = new SourcePlan(source, n);
            Rng r = Seeds.rng(seed, Seeds.stream("entities.plan." + source.key()), 0);
            int dups = n <= 1 ? 0 : (int) Math.min(n - 1, Math.round(n * dupRate));
            boolean[] isDup = chooseDuplicateSlots(n, dups, r);
            int bases = n - dups;
            // Which bases are shared with an earlier source, and with which entity.
            int[] sharedEntity = new int[bases];
            java.util.Arrays.fill(sharedEntity, -1);
            if (source != Source.LEADS) {
                int wanted = (int) Math.round(bases * overlap);
                int[] pool = source == Source.SALES ? leadsEntities : concatDistinct(salesEntities, leadsEntities);
                int take = Math.min(wanted, pool.length);
                plan.overlapShortfall += wanted - take;
                int[] chosenBases = sample(bases, take, r);
                int[] chosenEntities;
                if (source == Source.FINANCIAL) {
                    // Invoices mostly follow sales: prefer customers, then fall back to leads.
                    chosenEntities = sampleFront(pool, salesEntities.length, take, 0.7, r);
                } else {
                    chosenEntities = sampleValues(pool, take, r);
                }
                for (int i = 0; i < take; i++) {
                    sharedEntity[chosenBases[i]] = chosenEntities[i];
                }
            }
            int[] baseSlots = new int[bases];
            int seenBases = 0;
            for (int slot = 0; slot < n; slot++) {
                if (isDup[slot]) {
                    int original = baseSlots[r.nextInt(seenBases)];
                    sp.dupOf[slot] = original;
                    sp.entity[slot] = sp.entity[original];
                    sp.kind[slot] = DUPLICATE;
                } else {
                    int b = seenBases++;
                    baseSlots[b] = slot;
                    sp.dupOf[slot] = -1;
                    if (sharedEntity[b] >= 0) {
                        sp.entity[slot] = sharedEntity[b];
                        sp.kind[slot] = BASE_SHARED;
                    } else {
                        sp.entity[slot] = nextEntity++;
                        sp.kind[slot] = BASE_NEW;
                    }
                }
            }
            int[] baseEntities = new int[bases];
            for (int b = 0; b < bases; b++) {
                baseEntities[b] = sp.entity[baseSlots[b]];
            }
            if (source == Source.LEADS) {
                leadsEntities = baseEntities;
            } else if (source == Source.SALES) {
                salesEntities = baseEntities;
            }
            plan.sources.put(source, sp);
        }
        plan.entityCount = nextEntity;
        for (Source s : new Source[] {Source.LEADS, Source.SALES}) {
            int[] first = new int[nextEntity];
            java.util.Arrays.fill(first, -1);
            int[] entities = plan.sources.get(s).entity;
            for (int slot = entities.length - 1; slot >= 0; slot--) {
                first[entities[slot]] = slot;
            }
            plan.firstSlot.put(s, first);
        }
        return plan;
    }

    /** Exactly {@code dups} duplicate slots among 1..n-1 (slot 0 is always an original). */
    private static boolean[] chooseDuplicateSlots(int n, int dups, Rng r) {
        boolean[] isDup = new boolean[n];
        int[] chosen = sample(n - 1, dups, r);
        for (int c : chosen) {
            isDup[c + 1] = true;
        }
        return isDup;
    }

    /** {@code k} distinct values of [0, n), by a partial Fisher-Yates shuffle. */
    static int[] sample(int n, int k, Rng r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(n - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, k);
    }

    private static int[] sampleValues(int[] pool, int k, Rng r) {
        int[] idx = sample(pool.length, k, r);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = pool[idx[i]];
        }
        return out;
    }

    /** Takes about {@code share} of {@code k} from pool[0, front) and the rest from pool[front, end). */
    private static int[] sampleFront(int[] pool, int front, int k, double share, Rng r) {
        int fromFront = Math.min(front, (int) Math.round(k * share));
        int fromBack = Math.min(pool.length - front, k - fromFront);
        fromFront = Math.min(front, k - fromBack);
        int[] a = sample(front, fromFront, r);
        int[] b = sample(pool.length - front, fromBack, r);
        int[] out = new int[fromFront + fromBack];
        for (int i = 0; i < fromFront; i++) {
            out[i] = pool[a[i]];
        }
        for (int i = 0; i < fromBack; i++) {
            out[fromFront + i] = pool[front + b[i]];
        }
        return out;
    }

    /** Sales entities first, then leads entities not among them. */
    private static int[] concatDistinct(int[] first, int[] second) {
        java.util.BitSet seen = new java.util.BitSet();
        int[] out = new int[first.length + second.length];
        int n = 0;
        for (int e : first) {
            if (!seen.get(e)) {
                seen.set(e);
                out[n++] = e;
            }
        }
        for (int e : second) {
            if (!seen.get(e)) {
                seen.set(e);
                out[n++] = e;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
