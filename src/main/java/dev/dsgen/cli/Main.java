package dev.dsgen.cli;

/** Entry point: the only place that calls {@code System.exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        JitTuning.ownProcess();
        if (args.length > 1 && args[0].equals("planner-dataset") && args[1].equals("build")) {
            // DuckDB's native library (72 MB unpacked from the JAR, ~0.55 s) loads on a spare core
            // while the command line is parsed and checked, instead of after. Only for build, which
            // always needs it (validation reads the Parquet with DuckDB, whatever --db is).
            PlannerDatasetCommand.preloadDatabaseDriver();
        }
        System.exit(Dsgen.execute(args, null, null));
    }
}
