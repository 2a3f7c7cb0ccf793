package dev.dsgen.entities;

import dev.dsgen.core.DistinctCounter;
import dev.dsgen.core.LongHashSet;
import dev.dsgen.core.Parallel;
import dev.dsgen.core.Seeds;
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
 * Record and truth files are checked while pairs are still being built ({@link #checkRecords}),
 * the pair files once written ({@link #checkPairs}).
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

    /** First global index of each source, then the total. */
    private final long[] sourceStarts;

    EntityValidation(SynthConfig cfg, Map<Source, List<FieldSpec>> fields, WrittenFiles written,
                     ExecutorService pool, int threads) {
        this.cfg = cfg;
        this.fields = fields;
        this.written = written;
        this.pool = pool;
        this.threads = threads;
        this.sourceStarts = new long[Source.values().length + 1];
        for (Source s : Source.values()) {
            sourceStarts[s.ordinal() + 1] = sourceStarts[s.ordinal()] + cfg.counts().of(s);
        }
    }

    /**
     * What the read-back learned about each written record, by global index (sources in order,
     * then slot, parsed from the id): written, has an identity (email, phone or name), and its
     * entity in truth.csv (-1 if none). Pair checks look records up here.
     */
    private static final class WrittenIndex {
        static final byte SEEN = 1;
        static final byte IDENTITY = 2;
        /** One byte per record: parts on different threads write different bytes, safely. */
        final byte[] flags;
        final int[] entity;

        WrittenIndex(int total) {
            flags = new byte[total];
            entity = new int[total];
            Arrays.fill(entity, -1);
        }

        boolean seen(int g) {
            return (flags[g] & SEEN) != 0;
        }

        boolean identity(int g) {
            return (flags[g] & IDENTITY) != 0;
        }
    }

    /** Global index of a record from its source key and id, or -1 when the id is not one we write. */
    private int globalIndex(String source, String id) {
        Source s = Source.byKey(source);
        if (s == null || !id.startsWith(s.idPrefix())) {
            return -1;
        }
        // Exactly the ids we write: prefix, then the 1-based slot zero-padded to 7 digits.
        int from = s.idPrefix().length();
        int digits = id.length() - from;
        if (digits < 7 || digits > 9 || (digits > 7 && id.charAt(from) == '0')) {
            return -1;
        }
        int number = 0;
        for (int i = from; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        int slot = number - 1;
        long[] offsets = sourceStarts;
        int size = (int) (offsets[s.ordinal() + 1] - offsets[s.ordinal()]);
        if (slot < 0 || slot >= size) {
            return -1;
        }
        return (int) offsets[s.ordinal()] + slot;
    }

    /** Results of the record and truth checks, computed while pairs are still being built. */
    final class RecordChecks {
        private final ValidationReport report = new ValidationReport();
        private final WrittenIndex index;

        private RecordChecks(WrittenIndex index) {
            this.index = index;
        }
    }

    /**
     * Checks the record files and the truth file as written (the given paths: the run's temp files,
     * before they are moved into place), and indexes what pair checks need.
     */
    RecordChecks checkRecords(Map<Source, Path> recordFiles, Path truthFile) {
        WrittenIndex index = new WrittenIndex((int) sourceStarts[Source.values().length]);
        RecordChecks checks = new RecordChecks(index);
        long totalRecords = 0;
        for (Source s : Source.values()) {
            totalRecords += validateSource(s, recordFiles.get(s), checks.report, index);
        }
        final class TruthPart {
            final RowCheck complete = new RowCheck("truth.entity_present", "every truth row names source, id and entity");
            long rows;
        }
        TruthPart truth = readParts(truthFile, written.truthOffsets(), TruthPart::new, (part, row) -> {
            part.rows++;
            boolean ok = row.length == 4 && !row[0].isEmpty() && !row[1].isEmpty() && isEntityId(row[2]);
            part.complete.check(ok, () -> String.join(",", row));
            if (ok) {
                int g = globalIndex(row[0], row[1]);
                if (g >= 0) {
                    index.entity[g] = Integer.parseInt(row[2].substring(1));
                }
            }
        }, (whole, part) -> {
            whole.rows += part.rows;
            whole.complete.merge(part.complete);
        });
        checks.report.add(truth.complete);
        checks.report.add(new RuleResult("truth.covers_records", truth.rows == totalRecords, truth.rows,
                truth.rows == totalRecords ? 0 : 1, truth.rows + " truth rows for " + totalRecords + " records", List.of()));
        return checks;
    }

    /**
     * Checks the pair files as written (split name to file, the run's temp files), against what
     * {@link #checkRecords} indexed; returns the full report.
     */
    ValidationReport checkPairs(RecordChecks records, Map<String, Path> pairFiles) {
        ValidationReport report = new ValidationReport();
        records.report.results().forEach(report::add);
        WrittenIndex index = records.index;
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
                int ga = globalIndex(srcA, idA);
                int gb = globalIndex(srcB, idB);
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
        return report;
    }

    /** {@code E} and 1-9 digits, as {@link SynthEntities#entityId} writes them. */
    private static boolean isEntityId(String s) {
        if (s.length() < 2 || s.length() > 10 || s.charAt(0) != 'E') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static PairStrategy parseStrategy(String key) {
        try {
            return PairStrategy.valueOf(key.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
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
            // Ids of every part, in file order, for the exact uniqueness check over the source.
            if (rows + later.rows > idHashes.length) {
                idHashes = Arrays.copyOf(idHashes, (int) Math.max(rows + later.rows, idHashes.length * 2L));
            }
            System.arraycopy(later.idHashes, 0, idHashes, (int) rows, (int) later.rows);
            rows += later.rows;
        }
    }

    private long validateSource(Source s, Path file, ValidationReport report, WrittenIndex index) {
        long[] offsets = written.recordOffsets().get(s);
        List<String> expected = fields.get(s).stream().map(FieldSpec::name).toList();
        List<String[]> headerRows = new ArrayList<>();
        CsvTable.readRange(file, 0, offsets[0], headerRows::add);
        String[] header = headerRows.isEmpty() ? new String[0] : headerRows.get(0);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.put(header[i], i);
        }
        boolean hashed = cfg.pii().hashed();
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
        String sourceKey = s.key();

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
                    part.distinct[i].add(Seeds.hash(row[i]));
                }
            }
            String id = at(row, iId);
            if (part.rows > part.idHashes.length) {
                part.idHashes = Arrays.copyOf(part.idHashes, part.idHashes.length * 2);
            }
            part.idHashes[(int) part.rows - 1] = Seeds.hash(id);
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
                boolean ok = switch (country) {
                    case "CA" -> CA_POSTAL.matcher(postal).matches();
                    case "US" -> US_ZIP.matcher(postal).matches();
                    // Country unknown (e.g. a null_rate on it): either format is plausible.
                    default -> CA_POSTAL.matcher(postal).matches() || US_ZIP.matcher(postal).matches();
                };
                part.zip.check(ok, () -> id + " " + country + " " + postal);
            }
            int g = globalIndex(sourceKey, id);
            if (g >= 0) {
                boolean hasIdentity = !em.isEmpty() || !ph.isEmpty() || !(first.isBlank() && last.isBlank());
                index.flags[g] = (byte) (WrittenIndex.SEEN | (hasIdentity ? WrittenIndex.IDENTITY : 0));
            }
        }, (whole, part) -> whole.merge(part));

        // Unique ids: exact, over hashes collected by every part.
        LongHashSet ids = new LongHashSet((int) Math.min(Integer.MAX_VALUE / 4, total.rows));
        long duplicateIds = 0;
        for (int i = 0; i < total.rows; i++) {
            if (!ids.add(total.idHashes[i])) {
                duplicateIds++;
            }
        }
        List<String> missing = new ArrayList<>();
        for (String c : s.requiredFields().keySet()) {
            if (!col.containsKey(c)) {
                missing.add(c);
            }
        }
        report.add(new RuleResult(s.key() + ".required_columns", missing.isEmpty() && Arrays.asList(header).equals(expected),
                s.requiredFields().size(), missing.size(), missing.isEmpty() ? "all " + s.requiredFields().size()
                + " required columns present" : "missing " + missing, missing));
        report.add(RuleResult.atLeast(s.key() + ".min_records", total.rows, cfg.counts().minRecords()));
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
        }, part -> merge.accept(whole, part));
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
