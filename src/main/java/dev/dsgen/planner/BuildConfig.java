package dev.dsgen.planner;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * {@code planner-dataset build}: the events of [start 00:00, end + 1 day 00:00) UTC become the
 * examples of {@code out/<date>/}.
 *
 * @param maxStalenessMicros null when no bound was given
 * @param mlflowUri null when not logging to MLflow (always with {@code dryRun}: the CLI drops it)
 * @param dryRun recorded in the sidecar's flags
 */
public record BuildConfig(LocalDate date, LocalDate start, LocalDate end, String dbUrl, Path out, boolean asKnownAt,
                          Long maxStalenessMicros, String stalenessText, long minRows, String mlflowUri,
                          String mlflowExperiment, boolean mlflowOptional, long seed, boolean overwrite,
                          boolean dryRun) {
    public Path folder() {
        return out.resolve(date.toString());
    }

    long startMicros() {
        return start.toEpochDay() * PlannerSimulator.DAY;
    }

    long endMicros() {
        return (end.toEpochDay() + 1) * PlannerSimulator.DAY;
    }
}
