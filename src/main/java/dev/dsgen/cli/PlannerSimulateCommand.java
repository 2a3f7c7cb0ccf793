package dev.dsgen.cli;

import dev.dsgen.core.ExitCode;
import dev.dsgen.planner.PlannerSimulator;
import dev.dsgen.planner.SimulateConfig;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dsgen planner-dataset simulate}: flags to {@link SimulateConfig}, then the simulator. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Dsgen.VersionProvider.class,
        sortOptions = false, description = "Create the source tables and fill them with seeded, realistic activity "
        + "(households, constraints, pantry snapshots, plan events, plan edits), loaded in bulk.")
final class PlannerSimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--households", defaultValue = "2000", paramLabel = "N",
            description = "Households to simulate, 1 to 10000000 (default: ${DEFAULT-VALUE}).")
    int households;

    @Option(names = "--start", defaultValue = "2025-01-01", paramLabel = "DATE",
            description = "First simulated day, UTC (default: ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(names = "--days", defaultValue = "14", paramLabel = "D",
            description = "Simulated days, 1 to 3660 (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--db", defaultValue = PlannerDatasetCommand.DEFAULT_DB, paramLabel = "JDBC_URL",
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
        SimulateConfig cfg = toConfig();
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

    SimulateConfig toConfig() {
        if (households < 1 || households > 10_000_000) {
            throw OptionError.of(spec, "--households", "must be between 1 and 10000000, got " + households);
        }
        if (days < 1 || days > 3660) {
            throw OptionError.of(spec, "--days", "must be between 1 and 3660, got " + days);
        }
        PlannerDatasetCommand.checkEmbeddedUnderDryRun(dryRun.dryRun, db);
        return new SimulateConfig(households, start, days, db, seed.seed, overwrite.decide(dryRun.dryRun));
    }
}
