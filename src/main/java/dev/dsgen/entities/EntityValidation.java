package dev.dsgen.entities;

import dev.dsgen.core.DistinctCounter;
import dev.dsgen.core.LongHashSet;
import dev.dsgen.core.Parallel;
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
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

/**
 * The gates of seed 001 §6-§7 and the issue, run on the files as written (read back, never on
 * in-memory state): columns, formats, unique ids, counts, class balance, label certainty against
 * the ground truth, and no entity across splits. Also gathers per-column null and distinct counts.
 */
final class EntityValidation {
    private static final Pattern US_ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
    private static final Pattern CA_POSTAL = Pattern.compile("[A-Za-z]\\d[A-Za-z] ?\\d[A-Za-z]\\d");
    static final int MIN_POSITIVES = 100;
    static final int MIN_HARD_NEGATIVES = 500;

    private final SynthConfig cfg;
    private final Map<Source, List<FieldSpec>> fields;
    private final WrittenFiles written;
    private final ExecutorService pool;
    private final int threads;
    /** Per source, per column: {nulls, distinct, 1 if distinct is exact}. */
    final Map<Source, Map<String, long[]>> columnStats = new EnumMap<>(Source.class);

    /** Row-aligned byte offsets of each written CSV: [end of header, end of chunk 1, ...]. */
    record WrittenFiles(Map<Source, long[]> recordOffsets, long[] truthOffsets) {
    }

    EntityValidation(SynthConfig cfg, Map<Source, List<FieldSpec>> fields, WrittenFiles written,
                     ExecutorService pool, int threads) {
        this.cfg = cfg;
        this.fields = fields;
        this.written = written;
        this.pool = pool;
        this.threads = threads;
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
        final class TruthPart {
            final RowCheck complete = new RowCheck("truth.entity_present", "every truth row names source, id and entity");
            long rows;
        }
        TruthPart truth = readParts(truthFile, written.truthOffsets(), TruthPart::new, (part, row) -> {
            part.rows++;
            boolean ok = row.length == 4 && !row[0].isEmpty() && !row[1].isEmpty() && !row[2].isEmpty();
            part.complete.check(ok, () -> String.join(",", row));
            if (ok) {
                Named n = named.get(row[0] + "|" + row[1]);
                if (n != null) {
                    n.entity = row[2];
                }
            }
        }, (whole, part) -> {
            whole.rows += part.rows;
            whole.complete.merge(part.complete);
        });
        long[] truthRows = {truth.rows};
        RowCheck truthComplete = truth.complete;
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

    /** Checks and profile of one row-aligned byte range of a source file; merged in file order. */
    private final class SourcePart {
        final RowCheck email;
        final RowCheck phone;
        final RowCheck zip;
        final RowCheck names;
        final RowCheck hashedIds;
        final RowCheck width;
        final DistinctCounter[] distinct;
        final long[] nulls;
        long[] idHashes = new long[1024];
        long rows;

        SourcePart(Source s, int columns) {
            email = new RowCheck(s.key() + ".email_plausible", "user@domain.tld when present");
            phone = new RowCheck(s.key() + ".phone_plausible", "10 digits (or 1 + 10) after stripping");
            zip = new RowCheck(s.key() + ".zip_plausible", "US 12345[-6789], CA A1A 1A1");
            names = new RowCheck(s.key() + ".names_present", "first and last name not empty");
            hashedIds = new RowCheck(s.key() + ".pii_hashed", "direct identifiers are sha256 hex");
            width = new RowCheck(s.key() + ".row_width", "every row has one value per column");
            distinct = new DistinctCounter[columns];
            for (int i = 0; i < columns; i++) {
                distinct[i] = new DistinctCounter();
            }
            nulls = new long[columns];
        }

        void merge(SourcePart later) {
            email.merge(later.email);
            phone.merge(later.phone);
            zip.merge(later.zip);
            names.merge(later.names);
            hashedIds.merge(later.hashedIds);
            width.merge(later.width);
            for (int i = 0; i < distinct.length; i++) {
                distinct[i].merge(later.distinct[i]);
                nulls[i] += later.nulls[i];
            }
            rows += later.rows;
        }
    }

    private long validateSource(Source s, ValidationReport report, Map<String, Named> named) {
        Path file = cfg.outdir().resolve(s.key() + ".csv");
        long[] offsets = written.recordOffsets().get(s);
        List<String> expected = fields.get(s).stream().map(FieldSpec::name).toList();
        List<String[]> headerRows = new ArrayList<>();
        CsvTable.readRange(file, 0, offsets[0], headerRows::add);
        String[] header = headerRows.isEmpty() ? new String[0] : headerRows.get(0);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.put(header[i], i);
        }
        boolean hashed = cfg.pii() == PiiMode.HASHED;
        List<FieldSpec> fs = fields.get(s);
        int[] hashedCols = fs.stream().filter(f -> PiiHasher.hashed(f.type()) && col.containsKey(f.name()))
                .mapToInt(f -> col.get(f.name())).toArray();
        int iId = col.getOrDefault("id", -1);
        int iEmail = col.getOrDefault("email", -1);
        int iPhone = col.getOrDefault("phone", -1);
        int iFirst = col.getOrDefault("first_name", -1);
        int iLast = col.getOrDefault("last_name", -1);
        int iCountry = col.getOrDefault("country", -1);
        int iZip = col.getOrDefault("zip", -1);
        String prefix = s.key() + "|";

        SourcePart total = readParts(file, offsets, () -> new SourcePart(s, header.length), (part, row) -> {
            part.rows++;
            part.width.check(row.length == header.length, () -> Arrays.toString(row));
            if (row.length != header.length) {
                return;
            }
            for (int i = 0; i < row.length; i++) {
                if (row[i].isEmpty()) {
                    part.nulls[i]++;
                } else {
                    part.distinct[i].add(EmailRegistry.hash(row[i]));
                }
            }
            String id = at(row, iId);
            if (part.rows > part.idHashes.length) {
                part.idHashes = Arrays.copyOf(part.idHashes, part.idHashes.length * 2);
            }
            part.idHashes[(int) part.rows - 1] = EmailRegistry.hash(id);
            String em = at(row, iEmail);
            String ph = at(row, iPhone);
            String first = at(row, iFirst);
            String last = at(row, iLast);
            String country = at(row, iCountry);
            String postal = at(row, iZip);
            part.names.check(!first.isBlank() && !last.isBlank(), () -> id);
            if (hashed) {
                for (int c : hashedCols) {
                    String v = row[c];
                    part.hashedIds.check(v.isEmpty() || isSha256Hex(v), () -> id + " " + header[c]);
                }
            } else {
                if (!em.isEmpty()) {
                    part.email.check(plausibleEmail(em), () -> id + " " + em);
                }
                if (!ph.isEmpty()) {
                    part.phone.check(plausiblePhone(ph), () -> id + " " + ph);
                }
            }
            if (!postal.isEmpty()) {
                boolean ok = "CA".equals(country) ? CA_POSTAL.matcher(postal).matches() : US_ZIP.matcher(postal).matches();
                part.zip.check(ok, () -> id + " " + country + " " + postal);
            }
            Named n = named.get(prefix + id);
            if (n != null) {
                n.seen = true;
                n.hasIdentity = !em.isEmpty() || !ph.isEmpty() || !(first.isBlank() && last.isBlank());
            }
        }, (whole, part) -> whole.merge(part));

        // Unique ids: exact, over hashes collected by every part.
        LongHashSet ids = new LongHashSet((int) Math.min(Integer.MAX_VALUE / 4, total.rows));
        long duplicateIds = 0;
        for (long[] hashes : idHashParts) {
            for (long h : hashes) {
                if (!ids.add(h)) {
                    duplicateIds++;
                }
            }
        }
        idHashParts.clear();
        List<String> missing = new ArrayList<>();
        for (String c : s.requiredFields().keySet()) {
            if (!col.containsKey(c)) {
                missing.add(c);
            }
        }
        report.add(new RuleResult(s.key() + ".required_columns", missing.isEmpty() && Arrays.asList(header).equals(expected),
                s.requiredFields().size(), missing.size(), missing.isEmpty() ? "all " + s.requiredFields().size()
                + " required columns present" : "missing " + missing, missing));
        report.add(RuleResult.atLeast(s.key() + ".min_records", total.rows, cfg.minRecordsPerEntity()));
        report.add(new RuleResult(s.key() + ".unique_ids", duplicateIds == 0, total.rows, duplicateIds,
                "ids unique within the source", List.of()));
        report.add(total.width).add(total.names).add(total.zip);
        if (hashed) {
            report.add(total.hashedIds);
        } else {
            report.add(total.email).add(total.phone);
        }
        Map<String, long[]> stats = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            stats.put(header[i], new long[] {total.nulls[i], total.distinct[i].count(), total.distinct[i].isExact() ? 1 : 0});
        }
        columnStats.put(s, stats);
        return total.rows;
    }

    private final List<long[]> idHashParts = new ArrayList<>();

    /**
     * Reads a file's data rows in row-aligned ranges on the pool, each into its own part, and
     * merges the parts in file order, so results do not depend on thread timing.
     */
    private <P> P readParts(Path file, long[] offsets, java.util.function.Supplier<P> newPart,
                            java.util.function.BiConsumer<P, String[]> onRow, java.util.function.BiConsumer<P, P> merge) {
        int chunks = offsets.length - 1;
        int ranges = Math.max(1, Math.min(chunks, threads * 4));
        List<long[]> bounds = new ArrayList<>();
        for (int r = 0; r < ranges; r++) {
            int from = (int) ((long) chunks * r / ranges);
            int to = (int) ((long) chunks * (r + 1) / ranges);
            if (to > from) {
                bounds.add(new long[] {offsets[from], offsets[to]});
            }
        }
        P whole = newPart.get();
        Parallel.mapOrdered(pool, threads, bounds.size(), i -> {
            P part = newPart.get();
            CsvTable.readRange(file, bounds.get(i)[0], bounds.get(i)[1], row -> onRow.accept(part, row));
            return part;
        }, part -> {
            if (part instanceof SourcePart sp) {
                idHashParts.add(Arrays.copyOf(sp.idHashes, (int) sp.rows));
            }
            merge.accept(whole, part);
        });
        return whole;
    }

    /** One {@code @}, a non-empty local part, a dotted domain ending in 2+ letters, no spaces. */
    static boolean plausibleEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@')) {
            return false;
        }
        int dot = email.lastIndexOf('.');
        if (dot < at + 2 || email.length() - dot - 1 < 2) {
            return false;
        }
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (Character.isWhitespace(c)) {
                return false;
            }
            if (i > dot && !Character.isLetter(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSha256Hex(String v) {
        if (v.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = v.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String at(String[] row, int i) {
        return i < 0 || i >= row.length ? "" : row[i];
    }

    /** 10 digits, or 11 starting with 1, ignoring punctuation and spaces. */
    static boolean plausiblePhone(String phone) {
        int digits = 0;
        char first = 0;
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 0) {
                    first = c;
                }
                digits++;
            }
        }
        return digits == 10 || (digits == 11 && first == '1');
    }


    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
