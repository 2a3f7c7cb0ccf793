package dev.dsgen.entities;

import dev.dsgen.io.ParquetRows;
import dev.dsgen.validate.RowCheck;
import dev.dsgen.validate.RuleResult;
import dev.dsgen.validate.ValidationReport;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of the written pair files: labels against the ground truth, ids that exist, no
 * entity across splits, minimum positives and hard negatives, and the class balance.
 */
final class PairFileChecks {
    static final int MIN_POSITIVES = 100;
    static final int MIN_HARD_NEGATIVES = 500;

    private PairFileChecks() {
    }

    /**
     * Checks the pair files as written (split name to file, the run's temp files) against what the
     * record and truth checks indexed, adding the results to {@code report}.
     */
    static void check(Map<String, Path> pairFiles, WrittenIndex index, ValidationReport report) {
        RowCheck yBinary = new RowCheck("pairs.y_binary", "y in {0,1}");
        RowCheck keysPresent = new RowCheck("pairs.key_fields_present", "src_a, id_a, src_b, id_b, y not empty");
        RowCheck idsExist = new RowCheck("pairs.ids_exist", "every pair names records that were written");
        RowCheck positiveSame = new RowCheck("pairs.positive_same_entity", "y=1 pairs are one entity (truth)");
        RowCheck negativeDistinct = new RowCheck("pairs.negative_distinct_entities", "y=0 pairs are two entities (truth)");
        RowCheck identity = new RowCheck("pairs.positive_has_identity",
                "no positive whose record lacks email, phone and name");
        long[] counts = new long[3]; // positives, negatives, hard negatives
        Map<Integer, Integer> entitySplit = new HashMap<>();
        Set<Integer> leaked = new java.util.TreeSet<>();
        for (int s = 0; s < 3; s++) {
            int split = s;
            ParquetRows.read(pairFiles.get(Split.NAMES[s]), r -> {
                String srcA = str(r.get("src_a"));
                String idA = str(r.get("id_a"));
                String srcB = str(r.get("src_b"));
                String idB = str(r.get("id_b"));
                Integer y = (Integer) r.get("y");
                String strategy = str(r.get("strategy"));
                String label = idA + "/" + idB;
                yBinary.check(y != null && (y == 0 || y == 1), () -> label + " y=" + y);
                keysPresent.check(!srcA.isEmpty() && !idA.isEmpty() && !srcB.isEmpty() && !idB.isEmpty() && y != null,
                        () -> label);
                int ga = index.globalIndex(srcA, idA);
                int gb = index.globalIndex(srcB, idB);
                boolean exist = ga >= 0 && gb >= 0 && index.seen(ga) && index.seen(gb)
                        && index.entity[ga] >= 0 && index.entity[gb] >= 0;
                idsExist.check(exist, () -> srcA + ":" + idA + " / " + srcB + ":" + idB);
                if (y != null && y == 1) {
                    counts[0]++;
                    if (exist) {
                        positiveSame.check(index.entity[ga] == index.entity[gb], () -> label);
                        identity.check(index.identity(ga) && index.identity(gb), () -> label);
                    }
                } else if (y != null) {
                    counts[1]++;
                    PairStrategy st = parseStrategy(strategy);
                    if (st != null && st.hardNegative()) {
                        counts[2]++;
                    }
                    if (exist) {
                        negativeDistinct.check(index.entity[ga] != index.entity[gb],
                                () -> label + " both " + SynthEntities.entityId(index.entity[ga]));
                    }
                }
                if (exist) {
                    for (int e : new int[] {index.entity[ga], index.entity[gb]}) {
                        Integer prev = entitySplit.putIfAbsent(e, split);
                        if (prev != null && prev != split) {
                            leaked.add(e);
                        }
                    }
                }
            });
        }
        long positives = counts[0];
        long negatives = counts[1];
        report.add(yBinary).add(keysPresent).add(idsExist).add(positiveSame).add(negativeDistinct).add(identity);
        report.add(new RuleResult("pairs.no_entity_across_splits", leaked.isEmpty(), entitySplit.size(), leaked.size(),
                "entities in more than one of train/valid/test",
                leaked.stream().limit(3).map(SynthEntities::entityId).toList()));
        report.add(RuleResult.atLeast("pairs.positives_min", positives, MIN_POSITIVES));
        report.add(RuleResult.atLeast("pairs.hard_negatives_min", counts[2], MIN_HARD_NEGATIVES));
        double ratio = positives == 0 ? 0 : (double) negatives / positives;
        boolean balanced = ratio >= 2.95 && ratio <= 5.05;
        report.add(new RuleResult("pairs.class_balance", balanced, positives + negatives, balanced ? 0 : 1,
                String.format(java.util.Locale.ROOT, "negatives per positive %.2f in [3, 5]", ratio), List.of()));
    }

    private static PairStrategy parseStrategy(String key) {
        try {
            return PairStrategy.valueOf(key.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
