package dev.dsgen.entities;

import dev.dsgen.validate.RowCheck;
import dev.dsgen.validate.RuleResult;
import dev.dsgen.validate.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The gates of seed 001 §6-§7 and the issue, run on the files as written (read back, never on
 * in-memory state): columns, formats, unique ids, counts, class balance, label certainty against
 * the ground truth, and no entity across splits. Also gathers per-column null and distinct counts.
 * Record and truth files are checked while pairs are still being built ({@link #checkRecords}),
 * the pair files once written ({@link #checkPairs}). The record files' checks are in
 * {@link SourceFileChecks}, the pair files' in {@link PairFileChecks}; {@link WrittenIndex} carries
 * what the first learned to the second.
 */
final class EntityValidation {
    private final SynthConfig cfg;
    private final WrittenFiles written;
    private final CsvRanges ranges;
    private final SourceFileChecks sources;
    /** Per source, per column: {nulls, distinct, 1 if distinct is exact}. */
    final Map<Source, Map<String, long[]>> columnStats;

    /** Row-aligned byte offsets of each written CSV: [end of header, end of chunk 1, ...]. */
    record WrittenFiles(Map<Source, long[]> recordOffsets, long[] truthOffsets) {
    }

    EntityValidation(SynthConfig cfg, Map<Source, List<FieldSpec>> fields, WrittenFiles written,
                     ExecutorService pool, int threads) {
        this.cfg = cfg;
        this.written = written;
        this.ranges = new CsvRanges(pool, threads);
        this.sources = new SourceFileChecks(cfg, fields, ranges);
        this.columnStats = sources.columnStats;
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
        WrittenIndex index = new WrittenIndex(cfg);
        RecordChecks checks = new RecordChecks(index);
        long totalRecords = 0;
        for (Source s : Source.values()) {
            totalRecords += sources.check(s, recordFiles.get(s), written.recordOffsets().get(s), checks.report, index);
        }
        final class TruthPart {
            final RowCheck complete = new RowCheck("truth.entity_present", "every truth row names source, id and entity");
            long rows;
        }
        TruthPart truth = ranges.read(truthFile, written.truthOffsets(), TruthPart::new, (part, row) -> {
            part.rows++;
            boolean ok = row.length == 4 && !row[0].isEmpty() && !row[1].isEmpty() && FieldFormats.isEntityId(row[2]);
            part.complete.check(ok, () -> String.join(",", row));
            if (ok) {
                int g = index.globalIndex(row[0], row[1]);
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
        PairFileChecks.check(pairFiles, records.index, report);
        return report;
    }
}
