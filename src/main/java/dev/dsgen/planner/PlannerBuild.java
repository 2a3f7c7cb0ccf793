package dev.dsgen.planner;

import dev.dsgen.core.Progress;
import dev.dsgen.core.RunMetadata;
import dev.dsgen.io.OutputSet;
import dev.dsgen.io.ParquetOutputFile;
import dev.dsgen.io.StdStreams;
import dev.dsgen.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code planner-dataset build}: five ordered scans (events, households, constraints, pantry
 * snapshots, plan edits), a merge per household that does the point-in-time join in dsgen (so the
 * result does not depend on the database), nested Parquet, then validation of what was written,
 * _schema.json, _dataset_summary.md and _metadata.json, swapped into {@code out/date=<date>/} as a unit.
 *
 * <p>This class runs the steps and writes the folder's files: {@link SourceScans} (the scans over
 * one snapshot), {@link HouseholdMergeJoin} (the join), {@link ExampleAssembler} with
 * {@link JsonColumns} (the nested records), {@link BackgroundParquetSink} (the writer thread).
 */
public final class PlannerBuild {
    static final String PARQUET = "training.parquet";
    // Everything in the folder that is not Parquet starts with "_": Spark, DuckDB and pandas read
    // the folder as one dataset and skip these.
    static final String SCHEMA = "_schema.json";
    static final String SUMMARY = "_dataset_summary.md";
    static final String METADATA = "_metadata.json";
    /** Threads doing the work, reported in the sidecar: scanning and joining, and Parquet encoding. */
    static final int THREADS = 2;

    /** What a run produced. */
    public record Result(ValidationReport report, Path folder, long rows, Map<String, Object> summary) {
    }

    private final BuildConfig cfg;
    private final PrintWriter log;
    private final Progress progress;
    /** See {@link SourceScans#SourceScans}: does nothing outside a test. */
    private final Runnable afterSnapshotExported;

    public PlannerBuild(BuildConfig cfg, PrintWriter log, Progress progress) {
        this(cfg, log, progress, () -> { });
    }

    /**
     * @param afterSnapshotExported a test's step at the one moment where scans without a shared
     *     snapshot would see rows committed meanwhile (PostgreSQL only)
     */
    PlannerBuild(BuildConfig cfg, PrintWriter log, Progress progress, Runnable afterSnapshotExported) {
        this.cfg = cfg;
        this.log = log;
        this.progress = progress;
        this.afterSnapshotExported = afterSnapshotExported;
    }

    public Result run() {
        PlannerDb db = PlannerDb.of(cfg.dbUrl(), true);
        RunMetadata meta = new RunMetadata("planner-dataset build", cfg.seed());
        Map<String, Scan.Fingerprint> fingerprints = new LinkedHashMap<>();
        Path folder = cfg.folder();
        try (OutputSet out = OutputSet.declare(cfg.overwrite(), StdStreams.system()).folder(folder, "--out")
                .input(db.duckdbPath(), "--db").begin()) {
            progress.start("scan, join and write", 1);
            long rows = extract(db, out.parquet(folder.resolve(PARQUET)), fingerprints);
            progress.finish();
            progress.start("validation", 1);
            Path parquet = out.written(folder.resolve(PARQUET));
            PlannerValidation.Outcome v = PlannerValidation.check(parquet, cfg);
            progress.finish();
            String schemaJson = SchemaJson.build(parquet, cfg);
            Map<String, Object> facts = PlannerSummary.facts(cfg, db, fingerprints, v);
            out.text(folder.resolve(SCHEMA), schemaJson);
            out.text(folder.resolve(SUMMARY), PlannerSummary.markdown(facts, v.report(), cfg));
            meta.flags(cfg.flags());
            meta.extra("inputs_tables", facts.get("inputs"));
            meta.extra("point_in_time_contract", SchemaJson.contract(cfg));
            meta.validation(v.report().toMap());
            // The build runs two threads whatever --threads says: scan and join, and the Parquet writer.
            out.sidecar(folder.resolve(METADATA), meta, THREADS);
            out.commit();
            if (cfg.mlflowUri() != null) {
                new MlflowLogger(cfg, log).log(rows, schemaJson);
            }
            return new Result(v.report(), folder, rows, facts);
        }
    }

    /** Checks an {@code --mlflow-uri} value's form (exit 2). */
    public static void checkMlflowUri(String uri) {
        MlflowLogger.checkUri(uri);
    }


    /** The scans, the join and the Parquet file; returns the rows written (the file hashes itself as written). */
    private long extract(PlannerDb db, ParquetOutputFile parquet, Map<String, Scan.Fingerprint> fingerprints) {
        HouseholdMergeJoin merge = new HouseholdMergeJoin(cfg, db);
        return new SourceScans(cfg, db, afterSnapshotExported).read(tables -> {
            try (BackgroundParquetSink writer = new BackgroundParquetSink(parquet)) {
                long written = merge.join(tables, writer::write);
                writer.finish();
                return written;
            }
        }, fingerprints);
    }
}
