package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.core.ReferenceTime;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options generators share, one small mixin each, so that a command offers only those it
 * honours: an option that is accepted does what it says.
 */
final class SharedOptions {
    /** The one meaning of {@code --dry-run}, shown in every help page that offers it. */
    static final String DRY_RUN = "Nothing leaves the machine: no LLM endpoint, network MCP server, database server or "
            + "tracking server is contacted (embedded DuckDB and local stdio tool servers are fine). Outputs are still "
            + "written and validated, but existing ones are replaced only with an explicit --overwrite.";

    private SharedOptions() {
    }

    /** {@code --seed}. */
    static final class Seed {
        @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
                description = "Master seed: same inputs + flags + seed give byte-identical data (default: ${DEFAULT-VALUE}).")
        long seed;
    }

    /** {@code --reference-time}: "now" for dates inside the data. */
    static final class Now {
        @Option(names = "--reference-time", paramLabel = "TIME",
                description = "\"Now\" for timestamps inside data (ISO date or instant); else SOURCE_DATE_EPOCH, else "
                        + "2025-01-01T00:00:00Z.")
        String referenceTime;

        Instant resolve() {
            return ReferenceTime.resolve(referenceTime, System.getenv("SOURCE_DATE_EPOCH"));
        }
    }

    /** {@code --threads}. */
    static final class Threads {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--threads", paramLabel = "N",
                description = "Worker threads, 1 to 256 (default: available processors). Output does not depend on it.")
        Integer threads;

        int resolve() {
            if (threads == null) {
                return Runtime.getRuntime().availableProcessors();
            }
            if (threads < 1 || threads > 256) {
                throw OptionError.of(spec, "--threads", "must be between 1 and 256, got " + threads);
            }
            return threads;
        }
    }

    /** {@code --overwrite} / {@code --no-overwrite}; null when neither was given. */
    static final class Overwrite {
        @Option(names = "--overwrite", negatable = true, fallbackValue = "true",
                description = "Replace existing outputs (the default, except under --dry-run). --no-overwrite refuses "
                        + "with exit 6 before any work.")
        Boolean overwrite;

        /** Whether existing outputs may be replaced: a dry run replaces them only when asked to explicitly. */
        boolean decide(boolean dryRun) {
            return overwrite != null ? overwrite : !dryRun;
        }

        /**
         * An output conflict of a dry run that was not told to overwrite names the real cause (no
         * --no-overwrite was given) and the way out; any other error is returned as it is.
         */
        static DsgenException explain(CommandSpec command, DsgenException e) {
            OptionSpec dry = command.findOption("--dry-run");
            OptionSpec replace = command.findOption("--overwrite");
            if (e.exitCode() != ExitCode.CONFLICT || dry == null || replace == null
                    || !Boolean.TRUE.equals(dry.getValue()) || replace.getValue() != null) {
                return e;
            }
            String message = e.getMessage();
            int where = message.lastIndexOf(" (");
            String what = where < 0 ? message : message.substring(0, where);
            String flag = where < 0 ? "" : message.substring(where + 2).split("[;)]", 2)[0].strip() + "; ";
            return DsgenException.conflict(what + " (" + flag + "a --dry-run replaces existing outputs only with an "
                    + "explicit --overwrite)");
        }
    }

    /** {@code --dry-run}. */
    static final class DryRun {
        @Option(names = "--dry-run", description = DRY_RUN)
        boolean dryRun;
    }

    /** {@code -q} and {@code -v}. */
    static final class Logging {
        @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
        boolean quiet;

        @Option(names = {"-v", "--verbose"}, description = "More detail; stack traces for internal errors.")
        boolean verbose;
    }

    /** {@code --config}: read by {@link ConfigDefaults} before parsing; declared here for help and checks. */
    static final class Config {
        @Option(names = "--config", paramLabel = "FILE",
                description = "JSON file of defaults for any option of this command, keyed by long name without dashes.")
        Path config;
    }
}
