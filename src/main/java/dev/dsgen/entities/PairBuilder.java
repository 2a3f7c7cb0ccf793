package dev.dsgen.entities;

import dev.dsgen.core.Parallel;
import dev.dsgen.core.Rng;
import dev.dsgen.core.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Builds labeled pairs from the ground truth: positives across sources (and some within one),
 * hard negatives from blocks of records that share a key (email local part, sound-alike name,
 * ZIP + house number, last name + state). Labels come from entity ids, never from similarity, so
 * a negative is never two records of one entity. Candidates come from sorted blocks with a small
 * window, never an all-pairs scan; records are re-drawn on demand from (seed, source, slot).
 * {@link PositivePairs} proposes the positives, {@link ConfuserRules} confirms each hard negative;
 * this class draws the negatives and fills the per-split quotas.
 */
final class PairBuilder {
    /**
     * Neighbours within a block each record is paired with: wide for small runs, where confusers
     * are scarce, narrowing to 5 at a million records so candidates stay linear in the input.
     */
    private final int window;
    private static final long KEY_MASK = (1L << 40) - 1;
    private static final PairStrategy[] HARD = {
        PairStrategy.EMAIL_LOCAL_PART, PairStrategy.SIMILAR_NAME, PairStrategy.SAME_ADDRESS_NUMBER, PairStrategy.SAME_LAST_NAME};
    private static final int[] KEY_OF = {
        BlockingKeys.EMAIL_LOCAL, BlockingKeys.NAME, BlockingKeys.ADDRESS, BlockingKeys.LAST_NAME};

    /** One labeled pair; {@code a} and {@code b} are re-drawn records. */
    record Pair(int ga, int gb, GeneratedRecord a, GeneratedRecord b, PairStrategy strategy, int split) {
        long key() {
            return pairKey(ga, gb);
        }
    }

    private final long seed;
    private final EntityPlan plan;
    private final RecordFactory factory;
    private final BlockingKeys keys;
    private final int negRatio;
    /** Re-drawn records, shared by the worker threads (records are pure, so any thread may fill it). */
    private final Map<Integer, GeneratedRecord> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private final LongHashSet taken = new LongHashSet(1 << 12);
    private final int[] entityByGlobal;
    private final LongHashSet[] rejected = new LongHashSet[PairStrategy.values().length];
    final List<String> warnings = new ArrayList<>();

    private final ExecutorService pool;
    private final int threads;

    private final byte[] splitOfEntity;

    PairBuilder(long seed, EntityPlan plan, RecordFactory factory, BlockingKeys keys, byte[] splitOfEntity,
                int negRatio, ExecutorService pool, int threads) {
        this.splitOfEntity = splitOfEntity;
        this.pool = pool;
        this.threads = threads;
        // One flat lookup instead of source and slot arithmetic: candidates ask it tens of millions of times.
        this.entityByGlobal = new int[keys.total];
        for (Source s : Source.values()) {
            int[] e = plan.sources.get(s).entity;
            System.arraycopy(e, 0, entityByGlobal, keys.global(s, 0), e.length);
        }
        for (int i = 0; i < rejected.length; i++) {
            rejected[i] = new LongHashSet(1 << 10);
        }
        this.window = (int) Math.max(5, Math.min(50, 200_000L / Math.max(1, keys.total)));
        this.seed = seed;
        this.plan = plan;
        this.factory = factory;
        this.keys = keys;
        this.negRatio = negRatio;
    }

    List<Pair> build() {
        List<Pair> pairs = new ArrayList<>();
        PositivePairs positives = new PositivePairs(seed, plan, keys);
        List<long[]> cross = positives.crossSource();
        List<long[]> within = positives.withinSource();
        // "A few" within-source matches (seed 001 §4.3): at most half as many as cross-source ones,
        // unless there are no cross-source ones at all.
        int withinCap = cross.isEmpty() ? within.size() : Math.min(within.size(), Math.max(cross.size() / 2, 50));
        int[] positivesPerSplit = new int[3];
        for (long[] p : cross) {
            pairs.add(positive(p, PairStrategy.CROSS_SOURCE, positivesPerSplit));
        }
        for (int i : SeededOrder.spread(seed, within.size(), withinCap, Seeds.stream("entities.pairs.within"))) {
            pairs.add(positive(within.get(i), PairStrategy.WITHIN_SOURCE, positivesPerSplit));
        }
        int[] need = new int[3];
        for (int s = 0; s < 3; s++) {
            need[s] = positivesPerSplit[s] * negRatio;
        }
        pairs.addAll(negatives(need));
        // Pairs hold the records they need; the rest of the re-drawn records can go.
        cache.clear();
        return pairs;
    }

    private Pair positive(long[] p, PairStrategy strategy, int[] perSplit) {
        GeneratedRecord a = record((int) p[0]);
        GeneratedRecord b = record((int) p[1]);
        int s = splitOf(a.entity());
        perSplit[s]++;
        taken.add(pairKey((int) p[0], (int) p[1]));
        return new Pair((int) p[0], (int) p[1], a, b, strategy, s);
    }

    private List<Pair> negatives(int[] need) {
        int totalNeed = need[0] + need[1] + need[2];
        List<Pair> out = new ArrayList<>();
        int[] have = new int[3];
        long[][] candidates = new long[HARD.length][];
        // The four block kinds are independent: sort and scan them in parallel.
        Parallel.forChunks(pool, threads, HARD.length, 1, (from, to) -> {
            for (int k = from; k < to; k++) {
                candidates[k] = candidates(KEY_OF[k], 40L * totalNeed / HARD.length + 2000, HARD[k]);
            }
        });
        // Pass 1: an even share per strategy, so abundant confusers do not crowd out the others.
        int[][] perStrategy = new int[HARD.length][3];
        for (int k = 0; k < HARD.length; k++) {
            int[] share = new int[3];
            for (int s = 0; s < 3; s++) {
                share[s] = (need[s] + HARD.length - 1) / HARD.length;
            }
            accept(candidates[k], HARD[k], share, perStrategy[k], need, have, out);
        }
        // Pass 2: fill what is left from any strategy, hardest first.
        for (int k = 0; k < HARD.length; k++) {
            accept(candidates[k], HARD[k], need, perStrategy[k], need, have, out);
        }
        int hard = have[0] + have[1] + have[2];
        if (hard < totalNeed) {
            int random = randomNegatives(need, have, out);
            warnings.add("only " + hard + " hard negatives found for " + totalNeed + " wanted; topped up with "
                    + random + " random negatives");
            int[] randomPerSplit = new int[3];
            int[] negativesPerSplit = new int[3];
            for (Pair p : out) {
                negativesPerSplit[p.split()]++;
                if (p.strategy() == PairStrategy.RANDOM) {
                    randomPerSplit[p.split()]++;
                }
            }
            for (int s = 0; s < 3; s++) {
                if (negativesPerSplit[s] > 0 && randomPerSplit[s] * 2 > negativesPerSplit[s]) {
                    warnings.add(Split.NAMES[s] + ": " + (100 * randomPerSplit[s] / negativesPerSplit[s])
                            + "% of negatives are random (too few confusers among its people; more records help)");
                }
            }
        }
        return out;
    }

    /** Candidates checked per parallel batch in {@link #accept}. */
    private static final int BATCH = 2048;

    /**
     * Accepts candidates of one strategy in a seeded order until the quotas are met. Candidates
     * are screened in batches: the cheap checks (taken, split, quota) on this thread, then records
     * re-drawn and the strategy verified in parallel, then accepted in order on this thread, so the
     * result is the same for any thread count.
     */
    private void accept(long[] list, PairStrategy strategy, int[] cap, int[] mine, int[] need, int[] have,
                        List<Pair> out) {
        int n = list.length;
        if (n == 0) {
            return;
        }
        long stride = SeededOrder.coprimeStride(n, Seeds.mix(seed, Seeds.stream("entities.pairs.order"), strategy.ordinal()));
        long start = Math.floorMod(Seeds.mix(seed, Seeds.stream("entities.pairs.start"), strategy.ordinal()), n);
        long[] batch = new long[BATCH];
        int[] batchSplit = new int[BATCH];
        for (long i = 0; i < n && !full(need, have); ) {
            // Batches grow with what is still missing, so a nearly met quota wastes little work.
            int missing = 0;
            for (int s = 0; s < 3; s++) {
                missing += Math.max(0, Math.min(need[s] - have[s], cap[s] - mine[s]));
            }
            int size = Math.max(64, Math.min(BATCH, missing * 2));
            int m = 0;
            for (; i < n && m < size; i++) {
                long packed = list[(int) ((start + i * stride) % n)];
                int ga = (int) (packed >>> 32);
                int gb = (int) packed;
                long key = pairKey(ga, gb);
                if (taken.contains(key) || rejected[strategy.ordinal()].contains(key)) {
                    continue;
                }
                // Split and quota are known from the plan: check them before re-drawing any record.
                int ea = entityOf(ga);
                int eb = entityOf(gb);
                int sa = splitOf(ea);
                if (ea == eb || sa != splitOf(eb) || mine[sa] >= cap[sa] || have[sa] >= need[sa]) {
                    continue;
                }
                batch[m] = packed;
                batchSplit[m++] = sa;
            }
            GeneratedRecord[][] drawn = new GeneratedRecord[m][];
            int count = m;
            Parallel.forChunks(pool, threads, count, 256, (from, to) -> {
                for (int k = from; k < to; k++) {
                    GeneratedRecord a = record((int) (batch[k] >>> 32));
                    GeneratedRecord b = record((int) batch[k]);
                    drawn[k] = ConfuserRules.holds(strategy, a.contact(), b.contact()) ? new GeneratedRecord[] {a, b} : null;
                }
            });
            for (int k = 0; k < count; k++) {
                int sa = batchSplit[k];
                long key = pairKey((int) (batch[k] >>> 32), (int) batch[k]);
                if (drawn[k] == null) {
                    // Not this kind of confuser: remembered, so the second pass does not re-check it.
                    rejected[strategy.ordinal()].add(key);
                    continue;
                }
                if (mine[sa] >= cap[sa] || have[sa] >= need[sa] || taken.contains(key)) {
                    continue;
                }
                taken.add(key);
                mine[sa]++;
                have[sa]++;
                out.add(new Pair((int) (batch[k] >>> 32), (int) batch[k], drawn[k][0], drawn[k][1], strategy, sa));
            }
        }
    }

    private int randomNegatives(int[] need, int[] have, List<Pair> out) {
        Rng r = Seeds.rng(seed, Seeds.stream("entities.pairs.random"), 0);
        int added = 0;
        long attempts = 0;
        long maxAttempts = 50L * (need[0] + need[1] + need[2]) + 10_000;
        while (!full(need, have) && attempts++ < maxAttempts && keys.total > 1) {
            int ga = r.nextInt(keys.total);
            int gb = r.nextInt(keys.total);
            if (ga == gb || taken.contains(pairKey(ga, gb))) {
                continue;
            }
            int ea = entityOf(ga);
            int eb = entityOf(gb);
            int s = splitOf(ea);
            if (ea == eb || s != splitOf(eb) || have[s] >= need[s]) {
                continue;
            }
            GeneratedRecord a = record(ga);
            GeneratedRecord b = record(gb);
            taken.add(pairKey(ga, gb));
            have[s]++;
            added++;
            out.add(new Pair(ga, gb, a, b, PairStrategy.RANDOM, s));
        }
        return added;
    }

    /**
     * Candidate pairs of different entities that share block key {@code kind}: each record with its
     * next {@link #window} neighbours in its block, thinned at random to about {@code target}.
     */
    private long[] candidates(int kind, long target, PairStrategy strategy) {
        long[] k = keys.keys[kind];
        long[] packed = new long[keys.total];
        int m = 0;
        for (int g = 0; g < keys.total; g++) {
            if (k[g] != 0) {
                packed[m++] = ((k[g] & KEY_MASK) << 24) | g;
            }
        }
        packed = Arrays.copyOf(packed, m);
        Arrays.sort(packed);
        long count = 0;
        for (int pass = 0; pass < 2; pass++) {
            double keep = pass == 0 ? 1.0 : Math.min(1.0, (double) target / Math.max(1, count));
            long threshold = keep >= 1.0 ? Long.MAX_VALUE : (long) (keep * Long.MAX_VALUE);
            long[] out = pass == 0 ? null : new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.min(count, target * 2 + 16))];
            int n = 0;
            for (int i = 0; i < m; i++) {
                long block = packed[i] >>> 24;
                int gi = (int) (packed[i] & 0xFFFFFF);
                for (int j = i + 1; j < m && j <= i + window && (packed[j] >>> 24) == block; j++) {
                    int gj = (int) (packed[j] & 0xFFFFFF);
                    if (entityOf(gi) == entityOf(gj)) {
                        continue;
                    }
                    if (pass == 0) {
                        count++;
                    } else if (n < out.length && (threshold == Long.MAX_VALUE
                            || (Seeds.mix(seed, strategy.ordinal(), pairKey(gi, gj)) >>> 1) <= threshold)) {
                        out[n++] = pairKey(gi, gj);
                    }
                }
            }
            if (pass == 1) {
                return Arrays.copyOf(out, n);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** The split of an entity: its group's split (see {@link PersonFactory#groupOf}). */
    private int splitOf(int entity) {
        return splitOfEntity[entity];
    }

    private int entityOf(int g) {
        return entityByGlobal[g];
    }

    private GeneratedRecord record(int g) {
        return cache.computeIfAbsent(g, this::draw);
    }

    /** Re-draws record {@code g}; pure, so safe on any thread. */
    private GeneratedRecord draw(int g) {
        return factory.record(keys.sourceOf(g), keys.slotOf(g));
    }

    private static boolean full(int[] need, int[] have) {
        return have[0] >= need[0] && have[1] >= need[1] && have[2] >= need[2];
    }

    static long pairKey(int ga, int gb) {
        int lo = Math.min(ga, gb);
        int hi = Math.max(ga, gb);
        return ((long) lo << 32) | (hi & 0xFFFFFFFFL);
    }
}
