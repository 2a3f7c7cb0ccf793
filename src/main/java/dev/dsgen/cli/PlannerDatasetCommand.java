package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.planner.BuildConfig;
import dev.dsgen.planner.PlannerBuild;
import dev.dsgen.planner.PlannerSimulator;
import dev.dsgen.planner.SimulateConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dsgen planner-dataset}: {@code simulate} an event database, {@code build} a day's dataset from one. */
@Command(name = "planner-dataset", mixinStandardHelpOptions = true, versionProvider = Dsgen.VersionProvider.class,
        description = "Point-in-time-correct meal-planner training examples from event logs in DuckDB or PostgreSQL.",
        subcommands = {PlannerDatasetCommand.Simulate.class, PlannerDatasetCommand.Build.class})
final class PlannerDatasetCommand implements Runnable {
    static final String DEFAULT_DB = "jdbc:duckdb:data/planner.duckdb";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw DsgenException.usage("planner-dataset needs a subcommand: simulate or build (see 'dsgen planner-dataset --help')");
    }

    /** {@code planner-dataset simulate}. */
    @Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Dsgen.VersionProvider.class,
            sortOptions = false, description = "Create the source tables and fill them with seeded, realistic activity "
            + "(households, constraints, pantry snapshots, plan events, plan edits), loaded in bulk.")
    static final class Simulate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--households", defaultValue = "2000", paramLabel = "N",
                description = "Households to simulate (default: ${DEFAULT-VALUE}).")
        int households;

        @Option(names = "--start", defaultValue = "2025-01-01", paramLabel = "DATE",
                description = "First simulated day, UTC (default: ${DEFAULT-VALUE}).")
        String start;

        @Option(names = "--days", defaultValue = "14", paramLabel = "D",
                description = "Simulated days (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--db", defaultValue = DEFAULT_DB, paramLabel = "JDBC_URL",
                description = "Target database; its tables are dropped and re-created (default: ${DEFAULT-VALUE}). "
                        + "PostgreSQL credentials from the URL or PGUSER/PGPASSWORD.")
        String db;

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
            if (households < 1 || households > 10_000_000) {
                throw DsgenException.usage("--households must be between 1 and 10000000, got " + households + " (--households)");
            }
            if (days < 1 || days > 3660) {
                throw DsgenException.usage("--days must be between 1 and 3660, got " + days + " (--days)");
            }
            checkEmbeddedUnderDryRun(dryRun.dryRun, db);
            SimulateConfig cfg = new SimulateConfig(households, date(start, "--start"), days, db, seed.seed,
                    overwrite.decide(dryRun.dryRun));
            PlannerSimulator.Result r = new PlannerSimulator(cfg).run();
            if (!logging.quiet) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("simulated " + households + " households over " + days + " days from " + cfg.start()
                        + " into " + r.where());
                r.rows().forEach((t, n) -> out.printf("  %-22s %,12d rows%n", t, n));
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }

    /** {@code planner-dataset build}. */
    @Command(name = "build", mixinStandardHelpOptions = true, versionProvider = Dsgen.VersionProvider.class,
            sortOptions = false, description = "Build datasets/planner/<date>/: training.parquet, schema.json, "
            + "dataset_summary.md and metadata.json, from ordered scans and a point-in-time merge join done by dsgen.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--date", required = true, paramLabel = "DATE",
                description = "Dataset version (UTC date): the folder name and the window's last day.")
        String date;

        @Option(names = "--lookback-days", defaultValue = "7", paramLabel = "N",
                description = "Days before --date in the window (default: ${DEFAULT-VALUE}): [date-N, date] inclusive.")
        int lookbackDays;

        @Option(names = "--start", paramLabel = "DATE", description = "First day of the window (overrides --lookback-days).")
        String start;

        @Option(names = "--end", paramLabel = "DATE", description = "Last day of the window, inclusive (default: --date).")
        String end;

        @Option(names = "--db", defaultValue = DEFAULT_DB, paramLabel = "JDBC_URL",
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
        String staleness;

        @Option(names = "--min-rows", defaultValue = "1000", paramLabel = "N",
                description = "Validation: fewest examples accepted (default: ${DEFAULT-VALUE}, spec §5).")
        long minRows;

        @Option(names = "--mlflow-uri", paramLabel = "URL",
                description = "Log the run to this MLflow tracking server (REST API); unreachable = exit 5.")
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
            PrintWriter out = spec.commandLine().getOut();
            if (!logging.quiet) {
                out.println("planner-dataset " + cfg.date() + ": " + r.rows() + " examples in " + r.folder());
                r.report().print(out);
            }
            return ValidationExit.of(r.report(), r.folder().resolve("dataset_summary.md"), err);
        }

        BuildConfig toConfig() {
            LocalDate d = date(date, "--date");
            if (lookbackDays < 0 || lookbackDays > 3660) {
                throw DsgenException.usage("--lookback-days must be between 0 and 3660, got " + lookbackDays
                        + " (--lookback-days)");
            }
            LocalDate e = end == null ? d : date(end, "--end");
            if (e.isAfter(d)) {
                // The folder is named by --date: data after it would land in an earlier dated version.
                throw DsgenException.usage("--end " + e + " is after --date " + d + " (--end)");
            }
            LocalDate s = start == null ? e.minusDays(lookbackDays) : date(start, "--start");
            if (s.isAfter(e)) {
                throw DsgenException.usage("--start " + s + " is after --end " + e + " (--start/--end)");
            }
            if (minRows < 1) {
                throw DsgenException.usage("--min-rows must be at least 1, got " + minRows + " (--min-rows)");
            }
            Long stale = staleness == null ? null : duration(staleness);
            checkEmbeddedUnderDryRun(dryRun.dryRun, db);
            String mlflow = dryRun.dryRun ? null : mlflowUri; // --dry-run: no tracking server either
            if (mlflow != null) {
                dev.dsgen.planner.PlannerBuild.checkMlflowUri(mlflow);
            }
            return BuildConfig.builder().date(d).start(s).end(e).dbUrl(db).out(out).asKnownAt(asKnownAt)
                    .maxStalenessMicros(stale).stalenessText(staleness).minRows(minRows).mlflowUri(mlflow)
                    .mlflowExperiment(mlflowExperiment).mlflowOptional(mlflowOptional).seed(seed.seed)
                    .overwrite(overwrite.decide(dryRun.dryRun)).dryRun(dryRun.dryRun).build();
        }
    }

    /** Exit 2 when a dry run is pointed at a database server: only embedded DuckDB stays on the machine. */
    static void checkEmbeddedUnderDryRun(boolean dryRun, String jdbcUrl) {
        String url = jdbcUrl.strip().toLowerCase(Locale.ROOT);
        if (dryRun && url.startsWith("jdbc:") && !url.startsWith("jdbc:duckdb:")) {
            int colon = url.indexOf(':', 5);
            String kind = colon > 0 ? url.substring(0, colon) : "JDBC";
            throw DsgenException.usage("--dry-run contacts no database server, but --db is a " + kind
                    + " URL (--db; use a jdbc:duckdb: file, or drop --dry-run)");
        }
    }

    static LocalDate date(String text, String flag) {
        LocalDate d;
        try {
            d = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw DsgenException.usage(flag + " must be a date YYYY-MM-DD, got '" + text + "' (" + flag + ")");
        }
        // A window's end is the day after its last: year 10000 has no SQL timestamp literal.
        if (d.getYear() < 1 || d.getYear() > 9998) {
            throw DsgenException.usage(flag + " must be a date from 0001-01-01 to 9998-12-31, got '" + text + "' (" + flag + ")");
        }
        return d;
    }

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(s|m|h|d|w)");

    /** 90s, 30m, 72h, 7d, 2w or an ISO-8601 duration; returns microseconds. */
    static long duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        Duration d;
        if (m.matches()) {
            // At most 6 digits, so the number itself cannot overflow; the bound below caps the duration.
            long n = m.group(1).length() > 6 ? Long.MAX_VALUE : Long.parseLong(m.group(1));
            if (n > 999_999) {
                throw DsgenException.usage("--pantry-max-staleness is too large: '" + text + "' (--pantry-max-staleness)");
            }
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        } else {
            try {
                d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw DsgenException.usage("--pantry-max-staleness must be a duration such as 72h, 7d or PT12H, got '"
                        + text + "' (--pantry-max-staleness)");
            }
        }
        if (d.isNegative()) {
            throw DsgenException.usage("--pantry-max-staleness must not be negative (--pantry-max-staleness)");
        }
        if (d.compareTo(Duration.ofDays(100_000)) > 0) { // toNanos() overflows past ~106,751 days
            throw DsgenException.usage("--pantry-max-staleness is too large: '" + text + "' (--pantry-max-staleness)");
        }
        return d.toNanos() / 1000;
    }
}
