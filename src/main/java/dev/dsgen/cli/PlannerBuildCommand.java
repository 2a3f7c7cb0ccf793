package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import dev.dsgen.planner.BuildConfig;
import dev.dsgen.planner.PlannerBuild;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dsgen planner-dataset build}: flags to {@link BuildConfig}, then the build. */
@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = Dsgen.VersionProvider.class,
        sortOptions = false, description = "Build datasets/planner/<date>/: training.parquet, schema.json, "
        + "dataset_summary.md and metadata.json, from ordered scans and a point-in-time merge join done by dsgen.")
final class PlannerBuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--date", required = true, paramLabel = "DATE",
            description = "Dataset version (UTC date): the folder name and the window's last day.")
    LocalDate date;

    @Option(names = "--lookback-days", defaultValue = "7", paramLabel = "N",
            description = "Days before --date in the window, 0 to 3660 (default: ${DEFAULT-VALUE}): [date-N, date] inclusive.")
    int lookbackDays;

    @Option(names = "--start", paramLabel = "DATE", description = "First day of the window (overrides --lookback-days).")
    LocalDate start;

    @Option(names = "--end", paramLabel = "DATE", description = "Last day of the window, inclusive (default: --date).")
    LocalDate end;

    @Option(names = "--db", defaultValue = PlannerDatasetCommand.DEFAULT_DB, paramLabel = "JDBC_URL",
            description = "Event database, read only (default: ${DEFAULT-VALUE}). PostgreSQL credentials from the "
                    + "URL or PGUSER/PGPASSWORD; never printed.")
    String db;

    @Option(names = "--out", defaultValue = "datasets/planner", paramLabel = "DIR",
            description = "Dataset root; writes DIR/<date>/, replacing that folder as a unit (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--as-known-at", description = "Use only pantry snapshots already recorded at event time "
            + "(created_at <= event time).")
    boolean asKnownAt;

    @Option(names = "--pantry-max-staleness", paramLabel = "DURATION",
            description = "Do not use a pantry snapshot older than this at event time (e.g. 72h, 7d, 30m, PT12H).")
    Converters.TextDuration staleness;

    @Option(names = "--min-rows", defaultValue = "1000", paramLabel = "N",
            description = "Validation: fewest examples accepted (default: ${DEFAULT-VALUE}, spec §5).")
    long minRows;

    @Option(names = "--mlflow-uri", paramLabel = "URL",
            description = "Log the run to this MLflow tracking server (REST API); unreachable = exit 5. "
                    + "Skipped under --dry-run.")
    String mlflowUri;

    @Option(names = "--mlflow-experiment", defaultValue = "planner-dataset", paramLabel = "NAME",
            description = "MLflow experiment, created if missing (default: ${DEFAULT-VALUE}).")
    String mlflowExperiment;

    @Option(names = "--mlflow-optional", description = "An MLflow failure is a warning, not exit 5.")
    boolean mlflowOptional;

    @Mixin
    SharedOptions.Seed seed;

    @Mixin
    SharedOptions.Overwrite overwrite;

    @Mixin
    SharedOptions.DryRun dryRun;

    @Mixin
    SharedOptions.Logging logging;

    @Mixin
    SharedOptions.Config config;

    @Override
    public Integer call() {
        BuildConfig cfg = toConfig();
        PrintWriter err = spec.commandLine().getErr();
        PlannerBuild.Result r = new PlannerBuild(cfg, err,
                TerminalProgress.forTerminal(err, logging.quiet, logging.verbose)).run();
        PrintWriter printed = spec.commandLine().getOut();
        if (!logging.quiet) {
            printed.println("planner-dataset " + cfg.date() + ": " + r.rows() + " examples in " + r.folder());
            r.report().print(printed);
        }
        return ValidationExit.of(r.report(), r.folder().resolve("dataset_summary.md"), err);
    }

    BuildConfig toConfig() {
        if (lookbackDays < 0 || lookbackDays > 3660) {
            throw OptionError.of(spec, "--lookback-days", "must be between 0 and 3660, got " + lookbackDays);
        }
        LocalDate last = end == null ? date : end;
        if (last.isAfter(date)) {
            // The folder is named by --date: data after it would land in an earlier dated version.
            throw DsgenException.usage("--end " + last + " is after --date " + date + " (--end)");
        }
        LocalDate first = start == null ? last.minusDays(lookbackDays) : start;
        if (first.isAfter(last)) {
            throw DsgenException.usage("--start " + first + " is after --end " + last + " (--start/--end)");
        }
        if (minRows < 1) {
            throw OptionError.of(spec, "--min-rows", "must be at least 1, got " + minRows);
        }
        PlannerDatasetCommand.checkEmbeddedUnderDryRun(dryRun.dryRun, db);
        String mlflow = dryRun.dryRun ? null : mlflowUri; // --dry-run: no tracking server either
        if (mlflow != null) {
            PlannerBuild.checkMlflowUri(mlflow);
        }
        boolean replace = overwrite.decide(dryRun.dryRun);
        var flags = EffectiveFlags.of(spec).resolved("--start", first).resolved("--end", last)
                .resolved("--db", BuildConfig.shownDb(db))
                .resolved("--mlflow-uri", mlflow == null ? null : BuildConfig.shownMlflowUri(mlflow))
                .resolved("--overwrite", replace).toMap();
        return BuildConfig.builder().date(date).start(first).end(last).dbUrl(db).out(out).asKnownAt(asKnownAt)
                .maxStalenessMicros(staleness == null ? null : staleness.micros())
                .stalenessText(staleness == null ? null : staleness.text()).minRows(minRows).mlflowUri(mlflow)
                .mlflowExperiment(mlflowExperiment).mlflowOptional(mlflowOptional).seed(seed.seed)
                .overwrite(replace).flags(flags).build();
    }
}
