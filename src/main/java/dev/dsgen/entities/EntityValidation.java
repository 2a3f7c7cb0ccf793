package dev.dsgen.entities;

import dev.dsgen.core.LongHashSet;
import dev.dsgen.io.CsvTable;
import dev.dsgen.io.ParquetRows;
import dev.dsgen.validate.RowCheck;
import dev.dsgen.validate.RuleResult;
import dev.dsgen.validate.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gates of seed 001 §6-§7 and the issue, run on the files as written (read back, never on
 * in-memory state): columns, formats, unique ids, counts, class balance, label certainty against
 * the ground truth, and no entity across splits. Also gathers per-column null and distinct counts.
 */
final class EntityValidation {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
    private static final Pattern US_ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
    private static final Pattern CA_POSTAL = Pattern.compile("[A-Za-z]\\d[A-Za-z] ?\\d[A-Za-z]\\d");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final int MIN_POSITIVES = 100;
    static final int MIN_HARD_NEGATIVES = 500;

    private final SynthConfig cfg;
    private final Map<Source, List<FieldSpec>> fields;
    /** Per source, per column: {nulls, distinct}. */
    final Map<Source, Map<String, long[]>> columnStats = new EnumMap<>(Source.class);

    EntityValidation(SynthConfig cfg, Map<Source, List<FieldSpec>> fields) {
        this.cfg = cfg;
        this.fields = fields;
    }

    /** What validation needs to know about one record named in a pair. */
    private static final class Named {
        String entity;
        boolean hasIdentity;
        boolean seen;
    }

    ValidationReport run() {
        ValidationReport report = new ValidationReport();
        // 1. Pairs first (small): remember which records they name.
        record PairRow(String srcA, String idA, String srcB, String idB, Integer y, String strategy, int split) {
        }
        List<PairRow> pairs = new ArrayList<>();
        RowCheck yBinary = new RowCheck("pairs.y_binary", "y in {0,1}");
        RowCheck keysPresent = new RowCheck("pairs.key_fields_present", "src_a, id_a, src_b, id_b, y not empty");
        for (int s = 0; s < 3; s++) {
            int split = s;
            Path file = cfg.pairsOut().resolve(Split.NAMES[s] + ".parquet");
            ParquetRows.read(file, r -> {
                PairRow p = new PairRow(str(r.get("src_a")), str(r.get("id_a")), str(r.get("src_b")), str(r.get("id_b")),
                        (Integer) r.get("y"), str(r.get("strategy")), split);
                yBinary.check(p.y() != null && (p.y() == 0 || p.y() == 1), p.idA() + "/" + p.idB() + " y=" + p.y());
                keysPresent.check(!p.srcA().isEmpty() && !p.idA().isEmpty() && !p.srcB().isEmpty()
                        && !p.idB().isEmpty() && p.y() != null, p.idA() + "/" + p.idB());
                pairs.add(p);
            });
        }
        report.add(yBinary).add(keysPresent);
        Map<String, Named> named = new HashMap<>();
        for (PairRow p : pairs) {
            named.putIfAbsent(p.srcA() + "|" + p.idA(), new Named());
            named.putIfAbsent(p.srcB() + "|" + p.idB(), new Named());
        }

        // 2. Records, source by source.
        long totalRecords = 0;
        for (Source s : Source.values()) {
            totalRecords += validateSource(s, report, named);
        }

        // 3. Ground truth: complete, and the entity of every record a pair names.
        Path truthFile = cfg.outdir().resolve("truth.csv");
        long[] truthRows = {0};
        RowCheck truthComplete = new RowCheck("truth.entity_present", "every truth row names source, id and entity");
        CsvTable.read(truthFile, h -> { }, row -> {
            truthRows[0]++;
            boolean ok = row.length == 4 && !row[0].isEmpty() && !row[1].isEmpty() && !row[2].isEmpty();
            truthComplete.check(ok, String.join(",", row));
            if (ok) {
                Named n = named.get(row[0] + "|" + row[1]);
                if (n != null) {
                    n.entity = row[2];
                }
            }
        });
        report.add(truthComplete);
        report.add(new RuleResult("truth.covers_records", truthRows[0] == totalRecords, truthRows[0],
                truthRows[0] == totalRecords ? 0 : 1, truthRows[0] + " truth rows for " + totalRecords + " records", List.of()));

        // 4. Pair gates.
        long positives = 0;
        long hardNegatives = 0;
        long negatives = 0;
        RowCheck idsExist = new RowCheck("pairs.ids_exist", "every pair names records that were written");
        RowCheck positiveSame = new RowCheck("pairs.positive_same_entity", "y=1 pairs are one entity (truth)");
        RowCheck negativeDistinct = new RowCheck("pairs.negative_distinct_entities", "y=0 pairs are two entities (truth)");
        RowCheck identity = new RowCheck("pairs.positive_has_identity",
                "no positive whose record lacks email, phone and name");
        Map<String, Integer> entitySplit = new HashMap<>();
        Set<String> leaked = new HashSet<>();
        for (PairRow p : pairs) {
            Named a = named.get(p.srcA() + "|" + p.idA());
            Named b = named.get(p.srcB() + "|" + p.idB());
            boolean exist = a.seen && b.seen && a.entity != null && b.entity != null;
            idsExist.check(exist, p.srcA() + ":" + p.idA() + " / " + p.srcB() + ":" + p.idB());
            if (p.y() != null && p.y() == 1) {
                positives++;
                if (exist) {
                    positiveSame.check(a.entity.equals(b.entity), p.idA() + "/" + p.idB());
                    identity.check(a.hasIdentity && b.hasIdentity, p.idA() + "/" + p.idB());
                }
            } else if (p.y() != null) {
                negatives++;
                if (PairStrategy.valueOf(p.strategy().toUpperCase(java.util.Locale.ROOT)).hardNegative()) {
                    hardNegatives++;
                }
                if (exist) {
                    negativeDistinct.check(!a.entity.equals(b.entity), p.idA() + "/" + p.idB() + " both " + a.entity);
                }
            }
            if (exist) {
                for (String e : new String[] {a.entity, b.entity}) {
                    Integer prev = entitySplit.putIfAbsent(e, p.split());
                    if (prev != null && prev != p.split()) {
                        leaked.add(e);
                    }
                }
            }
        }
        report.add(idsExist).add(positiveSame).add(negativeDistinct).add(identity);
        report.add(new RuleResult("pairs.no_entity_across_splits", leaked.isEmpty(), entitySplit.size(), leaked.size(),
                "entities in more than one of train/valid/test", leaked.stream().sorted().limit(3).toList()));
        report.add(RuleResult.atLeast("pairs.positives_min", positives, MIN_POSITIVES));
        report.add(RuleResult.atLeast("pairs.hard_negatives_min", hardNegatives, MIN_HARD_NEGATIVES));
        double ratio = positives == 0 ? 0 : (double) negatives / positives;
        boolean balanced = ratio >= 2.95 && ratio <= 5.05;
        report.add(new RuleResult("pairs.class_balance", balanced, positives + negatives, balanced ? 0 : 1,
                String.format(java.util.Locale.ROOT, "negatives per positive %.2f in [3, 5]", ratio), List.of()));
        return report;
    }

    private long validateSource(Source s, ValidationReport report, Map<String, Named> named) {
        Path file = cfg.outdir().resolve(s.key() + ".csv");
        List<String> expected = fields.get(s).stream().map(FieldSpec::name).toList();
        String[][] header = new String[1][];
        boolean hashed = cfg.pii() == PiiMode.HASHED;
        RowCheck email = new RowCheck(s.key() + ".email_plausible", "user@domain.tld when present");
        RowCheck phone = new RowCheck(s.key() + ".phone_plausible", "10 digits (or 1 + 10) after stripping");
        RowCheck zip = new RowCheck(s.key() + ".zip_plausible", "US 12345[-6789], CA A1A 1A1");
        RowCheck names = new RowCheck(s.key() + ".names_present", "first and last name not empty");
        RowCheck hashedIds = new RowCheck(s.key() + ".pii_hashed", "direct identifiers are sha256 hex");
        RowCheck width = new RowCheck(s.key() + ".row_width", "every row has one value per column");
        LongHashSet ids = new LongHashSet(1 << 16);
        long[] duplicateIds = {0};
        List<String> dupExamples = new ArrayList<>();
        long[] rows = {0};
        Map<String, Integer> col = new HashMap<>();
        List<LongHashSet> distinct = new ArrayList<>();
        long[][] nulls = new long[1][];
        List<FieldSpec> fs = fields.get(s);
        CsvTable.read(file, h -> {
            header[0] = h;
            for (int i = 0; i < h.length; i++) {
                col.put(h[i], i);
                distinct.add(new LongHashSet(1024));
            }
            nulls[0] = new long[h.length];
        }, row -> {
            rows[0]++;
            width.check(row.length == header[0].length, Arrays.toString(row));
            if (row.length != header[0].length) {
                return;
            }
            for (int i = 0; i < row.length; i++) {
                if (row[i].isEmpty()) {
                    nulls[0][i]++;
                } else {
                    distinct.get(i).add(EmailRegistry.hash(row[i]));
                }
            }
            String id = get(row, col, "id");
            if (!ids.add(EmailRegistry.hash(id))) {
                duplicateIds[0]++;
                if (dupExamples.size() < 3) {
                    dupExamples.add(id);
                }
            }
            String em = get(row, col, "email");
            String ph = get(row, col, "phone");
            String first = get(row, col, "first_name");
            String last = get(row, col, "last_name");
            String country = get(row, col, "country");
            String postal = get(row, col, "zip");
            names.check(!first.isBlank() && !last.isBlank(), id);
            if (hashed) {
                for (FieldSpec f : fs) {
                    if (PiiHasher.hashed(f.type())) {
                        String v = get(row, col, f.name());
                        hashedIds.check(v.isEmpty() || SHA256.matcher(v).matches(), id + " " + f.name());
                    }
                }
            } else {
                if (!em.isEmpty()) {
                    email.check(EMAIL.matcher(em).matches(), id + " " + em);
                }
                if (!ph.isEmpty()) {
                    String d = ph.replaceAll("\\D", "");
                    phone.check(d.length() == 10 || (d.length() == 11 && d.charAt(0) == '1'), id + " " + ph);
                }
            }
            if (!postal.isEmpty()) {
                boolean ok = "CA".equals(country) ? CA_POSTAL.matcher(postal).matches() : US_ZIP.matcher(postal).matches();
                zip.check(ok, id + " " + country + " " + postal);
            }
            Named n = named.get(s.key() + "|" + id);
            if (n != null) {
                n.seen = true;
                n.hasIdentity = !em.isEmpty() || !ph.isEmpty() || !(first.isBlank() && last.isBlank());
            }
        });
        List<String> missing = new ArrayList<>();
        for (String c : s.requiredFields().keySet()) {
            if (!col.containsKey(c)) {
                missing.add(c);
            }
        }
        report.add(new RuleResult(s.key() + ".required_columns", missing.isEmpty() && Arrays.asList(header[0]).equals(expected),
                s.requiredFields().size(), missing.size(), missing.isEmpty() ? "all " + s.requiredFields().size()
                + " required columns present" : "missing " + missing, missing));
        report.add(RuleResult.atLeast(s.key() + ".min_records", rows[0], cfg.minRecordsPerEntity()));
        report.add(new RuleResult(s.key() + ".unique_ids", duplicateIds[0] == 0, rows[0], duplicateIds[0],
                "ids unique within the source", dupExamples));
        report.add(width).add(names).add(zip);
        if (hashed) {
            report.add(hashedIds);
        } else {
            report.add(email).add(phone);
        }
        Map<String, long[]> stats = new LinkedHashMap<>();
        for (int i = 0; i < header[0].length; i++) {
            stats.put(header[0][i], new long[] {nulls[0][i], distinct.get(i).size()});
        }
        columnStats.put(s, stats);
        return rows[0];
    }

    private static String get(String[] row, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null || i >= row.length ? "" : row[i];
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
