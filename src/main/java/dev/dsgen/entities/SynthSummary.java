package dev.dsgen.entities;

import dev.dsgen.core.Version;
import dev.dsgen.entities.EntityPlan.SourcePlan;
import dev.dsgen.validate.ValidationReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code reports/synth_summary.json}: counts, duplicate rates by noise type, cross-source overlap,
 * nulls and uniqueness per column, pairs by label, strategy and split, warnings, seed, validation.
 */
final class SynthSummary {
    private SynthSummary() {
    }

    static Map<String, Object> build(SynthConfig cfg, EntityPlan plan, NoiseStats noise, List<PairBuilder.Pair> pairs,
                                     EntityValidation validation, List<String> warnings, ValidationReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "dsgen " + Version.get());
        m.put("seed", cfg.run().seed());
        m.put("reference_time", cfg.run().referenceTime().toString());
        m.put("locale", cfg.population().locale().label());
        m.put("pii", cfg.pii().mode().name().toLowerCase(Locale.ROOT));

        Map<String, Object> records = new LinkedHashMap<>();
        long dups = 0;
        for (Source s : Source.values()) {
            long[] k = noise.kinds.getOrDefault(s, new long[3]);
            long n = k[0] + k[1] + k[2];
            dups += k[2];
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rows", n);
            r.put("originals", k[0] + k[1]);
            r.put("duplicates", k[2]);
            r.put("duplicate_rate", ratio(k[2], n));
            r.put("originals_shared_with_earlier_source", k[1]);
            records.put(s.key(), r);
        }
        m.put("records", records);
        m.put("entities", overlap(plan));

        Map<String, Object> noiseMap = new LinkedHashMap<>();
        noiseMap.put("duplicates", opShares(noise.onDuplicates, dups));
        long shared = noise.kinds.values().stream().mapToLong(k -> k[1]).sum();
        noiseMap.put("shared_originals", opShares(noise.onShared, shared));
        m.put("noise", noiseMap);

        Map<String, Object> columns = new LinkedHashMap<>();
        validation.columnStats.forEach((s, stats) -> {
            long rows = noise.kinds.getOrDefault(s, new long[3])[0] + noise.kinds.getOrDefault(s, new long[3])[1]
                    + noise.kinds.getOrDefault(s, new long[3])[2];
            Map<String, Object> cols = new LinkedHashMap<>();
            stats.forEach((c, v) -> {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("nulls", v[0]);
                cm.put("null_rate", ratio(v[0], rows));
                cm.put("distinct", v[1]);
                cm.put("distinct_exact", v[2] == 1);
                cm.put("unique_rate", ratio(v[1], rows - v[0]));
                cols.put(c, cm);
            });
            columns.put(s.key(), cols);
        });
        m.put("columns", columns);
        m.put("pairs", pairCounts(pairs));
        m.put("warnings", warnings);
        m.put("validation", report.toMap());
        return m;
    }

    private static Map<String, Object> overlap(EntityPlan plan) {
        int[] sourcesPerEntity = new int[plan.entityCount];
        for (Source s : Source.values()) {
            SourcePlan sp = plan.sources.get(s);
            java.util.BitSet seen = new java.util.BitSet(plan.entityCount);
            for (int e : sp.entity) {
                if (!seen.get(e)) {
                    seen.set(e);
                    sourcesPerEntity[e]++;
                }
            }
        }
        long[] byCount = new long[4];
        for (int c : sourcesPerEntity) {
            byCount[Math.min(3, c)]++;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", plan.entityCount);
        m.put("in_1_source", byCount[1]);
        m.put("in_2_sources", byCount[2]);
        m.put("in_3_sources", byCount[3]);
        m.put("share_in_2plus_sources", ratio(byCount[2] + byCount[3], plan.entityCount));
        Map<String, Object> secondary = new LinkedHashMap<>();
        for (Source s : new Source[] {Source.SALES, Source.FINANCIAL}) {
            SourcePlan sp = plan.sources.get(s);
            java.util.BitSet mine = new java.util.BitSet();
            java.util.BitSet shared = new java.util.BitSet();
            for (int slot = 0; slot < sp.size(); slot++) {
                mine.set(sp.entity[slot]);
                if (sourcesPerEntity[sp.entity[slot]] >= 2) {
                    shared.set(sp.entity[slot]);
                }
            }
            secondary.put(s.key(), ratio(shared.cardinality(), mine.cardinality()));
        }
        m.put("share_of_entities_also_in_another_source", secondary);
        return m;
    }

    private static Map<String, Object> opShares(Map<String, Long> ops, long base) {
        Map<String, Object> m = new TreeMap<>();
        ops.forEach((op, n) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("records", n);
            v.put("share", ratio(n, base));
            m.put(op, v);
        });
        return m;
    }

    private static Map<String, Object> pairCounts(List<PairBuilder.Pair> pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", pairs.size());
        Map<String, Long> byLabel = new TreeMap<>();
        Map<String, Long> byStrategy = new TreeMap<>();
        Map<String, Map<String, Long>> bySplit = new LinkedHashMap<>();
        for (String name : Split.NAMES) {
            bySplit.put(name, new TreeMap<>());
        }
        for (PairBuilder.Pair p : pairs) {
            byLabel.merge(Integer.toString(p.strategy().label()), 1L, Long::sum);
            byStrategy.merge(p.strategy().key(), 1L, Long::sum);
            Map<String, Long> s = bySplit.get(Split.NAMES[p.split()]);
            s.merge("pairs", 1L, Long::sum);
            s.merge(p.strategy().label() == 1 ? "positives" : "negatives", 1L, Long::sum);
            s.merge("strategy." + p.strategy().key(), 1L, Long::sum);
        }
        m.put("by_label", byLabel);
        m.put("by_strategy", byStrategy);
        m.put("hard_negatives", pairs.stream().filter(p -> p.strategy().hardNegative()).count());
        m.put("by_split", bySplit);
        return m;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0.0 : Math.round(1e4 * a / (double) b) / 1e4;
    }

    /** The printed table: records, pairs per split, then the validation report. */
    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> summary, ValidationReport report, PrintWriter out) {
        out.printf("%-10s %9s %9s %10s %8s%n", "source", "rows", "dups", "dup_rate", "shared");
        Map<String, Object> records = (Map<String, Object>) summary.get("records");
        records.forEach((s, v) -> {
            Map<String, Object> r = (Map<String, Object>) v;
            out.printf(Locale.ROOT, "%-10s %9d %9d %10.4f %8d%n", s, r.get("rows"), r.get("duplicates"),
                    r.get("duplicate_rate"), r.get("originals_shared_with_earlier_source"));
        });
        Map<String, Object> entities = (Map<String, Object>) summary.get("entities");
        out.printf(Locale.ROOT, "entities %d, in 2+ sources %.4f%n", entities.get("total"), entities.get("share_in_2plus_sources"));
        Map<String, Object> pairs = (Map<String, Object>) summary.get("pairs");
        Map<String, Map<String, Long>> bySplit = (Map<String, Map<String, Long>>) pairs.get("by_split");
        out.printf("%-10s %9s %9s %9s%n", "split", "pairs", "positive", "negative");
        bySplit.forEach((s, c) -> out.printf("%-10s %9d %9d %9d%n", s, c.getOrDefault("pairs", 0L),
                c.getOrDefault("positives", 0L), c.getOrDefault("negatives", 0L)));
        out.printf("pairs by strategy: %s%n", pairs.get("by_strategy"));
        List<String> warnings = (List<String>) summary.get("warnings");
        for (String w : warnings) {
            out.println("warning: " + w);
        }
        report.print(out);
    }
}
