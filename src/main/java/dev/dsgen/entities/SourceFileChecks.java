package dev.dsgen.entities;

import dev.dsgen.core.Seeds;
import dev.dsgen.io.CsvTable;
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

/**
 * The checks of one written record file (columns, formats, unique ids, counts), read back in
 * parallel ranges, and its per-column null and distinct counts.
 */
final class SourceFileChecks {
    private final SynthConfig cfg;
    private final Map<Source, List<FieldSpec>> fields;
    private final CsvRanges ranges;
    /** Per source, per column: {nulls, distinct, 1 if distinct is exact}. */
    final Map<Source, Map<String, long[]>> columnStats = new EnumMap<>(Source.class);

    SourceFileChecks(SynthConfig cfg, Map<Source, List<FieldSpec>> fields, CsvRanges ranges) {
        this.cfg = cfg;
        this.fields = fields;
        this.ranges = ranges;
    }

    /** Checks and profile of one row-aligned byte range of a source file; merged in file order. */
    private static final class SourcePart {
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

    /**
     * Checks one source's record file (its header, formats, unique ids, minimum count), adds the
     * results to {@code report}, marks its records in {@code index}; returns its row count.
     */
    long check(Source s, Path file, long[] offsets, ValidationReport report, WrittenIndex index) {
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

        SourcePart total = ranges.read(file, offsets, () -> new SourcePart(s, header.length), (part, row) -> {
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
                    part.hashedIds.check(v.isEmpty() || FieldFormats.isSha256Hex(v), () -> id + " " + header[c]);
                }
            } else {
                if (!em.isEmpty()) {
                    part.email.check(FieldFormats.plausibleEmail(em), () -> id + " " + em);
                }
                if (!ph.isEmpty()) {
                    part.phone.check(FieldFormats.plausiblePhone(ph), () -> id + " " + ph);
                }
            }
            if (!postal.isEmpty()) {
                part.zip.check(FieldFormats.plausiblePostal(country, postal), () -> id + " " + country + " " + postal);
            }
            int g = index.globalIndex(sourceKey, id);
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

    private static String at(String[] row, int i) {
        return i < 0 || i >= row.length ? "" : row[i];
    }
}
