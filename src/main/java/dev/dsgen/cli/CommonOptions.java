package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ReferenceTime;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/** Options every generator shares (seed, time, threads, overwrite, dry-run, verbosity, config). */
public final class CommonOptions {
    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Master seed: same inputs + flags + seed give byte-identical data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--reference-time", paramLabel = "TIME",
            description = "\"Now\" for timestamps inside data (ISO date or instant); else SOURCE_DATE_EPOCH, else 2025-01-01T00:00:00Z.")
    String referenceTime;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: available processors). Output does not depend on it.")
    Integer threads;

    @Option(names = "--overwrite", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Replace existing outputs (default). --no-overwrite refuses with exit 6 before any work.")
    boolean overwrite;

    @Option(names = "--dry-run", description = "Nothing leaves the machine; outputs are still written and validated.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "More detail; stack traces for internal errors.")
    boolean verbose;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON file of defaults for any option of this command, keyed by long name without dashes.")
    Path config;

    public long seed() {
        return seed;
    }

    public Instant referenceTime() {
        return ReferenceTime.resolve(referenceTime, System.getenv("SOURCE_DATE_EPOCH"));
    }

    public int threads() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1 || threads > 256) {
            throw DsgenException.usage("--threads must be between 1 and 256, got " + threads + " (--threads)");
        }
        return threads;
    }

    public boolean overwrite() {
        return overwrite;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }
}
