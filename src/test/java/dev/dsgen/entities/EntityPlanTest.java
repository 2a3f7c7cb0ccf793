package dev.dsgen.entities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.entities.EntityPlan.SourcePlan;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The slot plan: exact duplicate counts, duplicates of earlier originals, funnel overlap, contiguous ids. */
class EntityPlanTest {

    @Property(tries = 60)
    void planInvariants(@ForAll long seed,
                        @ForAll @IntRange(min = 1, max = 3000) int leads,
                        @ForAll @IntRange(min = 1, max = 1500) int sales,
                        @ForAll @IntRange(min = 1, max = 1500) int financial,
                        @ForAll @DoubleRange(min = 0, max = 0.5) double dupRate,
                        @ForAll @DoubleRange(min = 0, max = 1) double overlap) {
        Map<Source, Integer> counts = counts(leads, sales, financial);
        EntityPlan plan = EntityPlan.build(seed, counts, dupRate, overlap);
        BitSet allEntities = new BitSet();
        BitSet leadBases = new BitSet();
        BitSet salesBases = new BitSet();
        int nextNew = 0;
        int expectedShortfall = 0;
        for (Source s : Source.values()) {
            SourcePlan sp = plan.sources.get(s);
            int n = counts.get(s);
            assertEquals(n, sp.size());
            long expectedDups = n <= 1 ? 0 : Math.min(n - 1, Math.round(n * dupRate));
            int dups = 0;
            int shared = 0;
            Set<Integer> baseEntities = new HashSet<>();
            assertEquals(-1, sp.dupOf[0], "slot 0 of " + s + " is an original");
            assertNotEquals(EntityPlan.DUPLICATE, sp.kind[0]);
            for (int slot = 0; slot < n; slot++) {
                allEntities.set(sp.entity[slot]);
                if (sp.kind[slot] == EntityPlan.DUPLICATE) {
                    dups++;
                    int of = sp.dupOf[slot];
                    assertTrue(of >= 0 && of < slot, s + " slot " + slot + " copies later slot " + of);
                    assertTrue(sp.dupOf[of] == -1 && sp.kind[of] != EntityPlan.DUPLICATE, "copies an original");
                    assertEquals(sp.entity[of], sp.entity[slot]);
                } else {
                    assertEquals(-1, sp.dupOf[slot]);
                    assertTrue(baseEntities.add(sp.entity[slot]), "two originals of one entity in " + s);
                    if (sp.kind[slot] == EntityPlan.BASE_NEW) {
                        // New entities are numbered in order of appearance.
                        assertEquals(nextNew++, sp.entity[slot], s + " slot " + slot);
                    } else {
                        shared++;
                        int e = sp.entity[slot];
                        if (s == Source.SALES) {
                            assertTrue(leadBases.get(e), "sales customer " + e + " comes from leads");
                        } else {
                            assertTrue(leadBases.get(e) || salesBases.get(e), "invoice entity " + e + " seen before");
                        }
                    }
                }
            }
            assertEquals(expectedDups, dups, s + " duplicates");
            int bases = n - dups;
            if (s == Source.LEADS) {
                assertEquals(0, shared);
            } else {
                int pool = s == Source.SALES ? leadBases.cardinality() : orCardinality(leadBases, salesBases);
                int wanted = (int) Math.round(bases * overlap);
                assertEquals(Math.min(wanted, pool), shared, s + " shared originals");
                expectedShortfall += wanted - Math.min(wanted, pool);
            }
            for (int slot = 0; slot < n; slot++) {
                if (sp.kind[slot] != EntityPlan.DUPLICATE && s != Source.FINANCIAL) {
                    (s == Source.LEADS ? leadBases : salesBases).set(sp.entity[slot]);
                }
            }
        }
        assertEquals(expectedShortfall, plan.overlapShortfall);
        assertEquals(nextNew, plan.entityCount);
        // Entity ids are contiguous: exactly 0..entityCount-1 are used.
        assertEquals(plan.entityCount, allEntities.cardinality());
        assertEquals(plan.entityCount, allEntities.length());
    }

    @Property(tries = 30)
    void planIsAPureFunctionOfItsInputs(@ForAll long seed, @ForAll @IntRange(min = 1, max = 800) int n) {
        Map<Source, Integer> counts = counts(n, n / 2 + 1, n / 3 + 1);
        EntityPlan a = EntityPlan.build(seed, counts, 0.12, 0.4);
        EntityPlan b = EntityPlan.build(seed, counts, 0.12, 0.4);
        for (Source s : Source.values()) {
            assertArrayEquals(a.sources.get(s).entity, b.sources.get(s).entity);
            assertArrayEquals(a.sources.get(s).dupOf, b.sources.get(s).dupOf);
            assertArrayEquals(a.sources.get(s).kind, b.sources.get(s).kind);
        }
    }

    @Example
    void duplicatesAreSpreadThroughTheSourceNotAppended() {
        EntityPlan plan = EntityPlan.build(42, counts(10_000, 3000, 2100), 0.1, 0.4);
        SourcePlan leads = plan.sources.get(Source.LEADS);
        int firstHalf = 0;
        int total = 0;
        for (int slot = 0; slot < leads.size(); slot++) {
            if (leads.kind[slot] == EntityPlan.DUPLICATE) {
                total++;
                if (slot < leads.size() / 2) {
                    firstHalf++;
                }
            }
        }
        assertEquals(1000, total);
        // Duplicate slots are spread uniformly over the file, not appended at the end.
        assertTrue(firstHalf > 430 && firstHalf < 570, firstHalf + " of 1000 duplicates in the first half");
    }

    @Example
    void invoicesMostlyFollowSalesCustomers() {
        EntityPlan plan = EntityPlan.build(7, counts(30_000, 3000, 2100), 0.1, 0.4);
        BitSet sales = new BitSet();
        for (int e : plan.sources.get(Source.SALES).entity) {
            sales.set(e);
        }
        SourcePlan fin = plan.sources.get(Source.FINANCIAL);
        int shared = 0;
        int fromSales = 0;
        for (int slot = 0; slot < fin.size(); slot++) {
            if (fin.kind[slot] == EntityPlan.BASE_SHARED) {
                shared++;
                if (sales.get(fin.entity[slot])) {
                    fromSales++;
                }
            }
        }
        assertEquals(Math.round((2100 - 210) * 0.4), shared);
        double share = fromSales / (double) shared;
        assertTrue(share > 0.65 && share < 0.75, "share of shared invoices from sales customers " + share);
        assertEquals(0, plan.overlapShortfall);
    }

    @Example
    void tooFewEarlierEntitiesIsAShortfallNotAnError() {
        EntityPlan plan = EntityPlan.build(1, counts(10, 500, 500), 0.0, 1.0);
        // Sales wants 500 shared customers but leads hold only 10 people.
        assertEquals(10, countKind(plan.sources.get(Source.SALES), EntityPlan.BASE_SHARED));
        // Financial can draw on all 500 earlier people (10 leads + 490 new sales customers).
        assertEquals(500, countKind(plan.sources.get(Source.FINANCIAL), EntityPlan.BASE_SHARED));
        assertEquals(490, plan.overlapShortfall);
    }

    @Example
    void singleRecordSourcesHaveNoDuplicates() {
        EntityPlan plan = EntityPlan.build(3, counts(1, 1, 1), 1.0, 0.0);
        for (Source s : Source.values()) {
            assertEquals(EntityPlan.BASE_NEW, plan.sources.get(s).kind[0]);
        }
        assertEquals(3, plan.entityCount);
        EntityPlan allDup = EntityPlan.build(3, counts(50, 1, 1), 1.0, 0.0);
        assertEquals(49, countKind(allDup.sources.get(Source.LEADS), EntityPlan.DUPLICATE));
    }

    private static int countKind(SourcePlan sp, byte kind) {
        int n = 0;
        for (byte k : sp.kind) {
            if (k == kind) {
                n++;
            }
        }
        return n;
    }

    private static int orCardinality(BitSet a, BitSet b) {
        BitSet c = (BitSet) a.clone();
        c.or(b);
        return c.cardinality();
    }

    static Map<Source, Integer> counts(int leads, int sales, int financial) {
        Map<Source, Integer> m = new EnumMap<>(Source.class);
        m.put(Source.LEADS, leads);
        m.put(Source.SALES, sales);
        m.put(Source.FINANCIAL, financial);
        return m;
    }
}
