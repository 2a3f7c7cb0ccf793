package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dsgen planner-dataset}: {@code simulate} an event database, {@code build} a day's dataset from one. */
@Command(name = "planner-dataset", mixinStandardHelpOptions = true, versionProvider = Dsgen.VersionProvider.class,
        description = "Point-in-time-correct meal-planner training examples from event logs in DuckDB or PostgreSQL.",
        subcommands = {PlannerSimulateCommand.class, PlannerBuildCommand.class})
final class PlannerDatasetCommand implements Runnable {
    static final String DEFAULT_DB = "jdbc:duckdb:data/planner.duckdb";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw DsgenException.usage("planner-dataset needs a subcommand: simulate or build (see 'dsgen planner-dataset --help')");
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
}
