package dev.dsgen.planner;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code planner-dataset build}: the events of [start 00:00, end + 1 day 00:00) UTC become the
 * examples of {@code out/date=<date>/} (a Hive-style partition folder). Built by name through {@link #builder()}, never by position.
 *
 * @param maxStalenessMicros null when no bound was given
 * @param mlflowUri null when not logging to MLflow (always under --dry-run: the CLI drops it)
 * @param flags the effective value of every option, for the metadata sidecar (no secrets)
 */
public record BuildConfig(LocalDate date, LocalDate start, LocalDate end, String dbUrl, Path out, boolean asKnownAt,
                          Long maxStalenessMicros, String stalenessText, long minRows, String mlflowUri,
                          String mlflowExperiment, boolean mlflowOptional, long seed, boolean overwrite,
                          Map<String, Object> flags) {
    public BuildConfig {
        flags = Collections.unmodifiableMap(new TreeMap<>(flags));
    }

    /** {@code out/date=YYYY-MM-DD}: Spark, DuckDB and pandas read {@code date} as a partition column. */
    public Path folder() {
        return out.resolve("date=" + date);
    }

    long startMicros() {
        return start.toEpochDay() * PlannerSimulator.DAY;
    }

    long endMicros() {
        return (end.toEpochDay() + 1) * PlannerSimulator.DAY;
    }

    /** How a {@code --db} URL is shown in the sidecar: where the data lives, never credentials or options. */
    public static String shownDb(String jdbcUrl) {
        return PlannerDb.of(jdbcUrl, true).where();
    }

    /** How an {@code --mlflow-uri} is shown in the sidecar: scheme, host, port and path only. */
    public static String shownMlflowUri(String uri) {
        return MlflowLogger.safe(uri);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sets each component by name; unset numbers are 0, unset booleans false, unset objects null. */
    public static final class Builder {
        private LocalDate date;
        private LocalDate start;
        private LocalDate end;
        private String dbUrl;
        private Path out;
        private boolean asKnownAt;
        private Long maxStalenessMicros;
        private String stalenessText;
        private long minRows;
        private String mlflowUri;
        private String mlflowExperiment;
        private boolean mlflowOptional;
        private long seed;
        private boolean overwrite;

        private Map<String, Object> flags = Map.of();

        private Builder() {
        }

        public Builder date(LocalDate date) {
            this.date = date;
            return this;
        }

        public Builder start(LocalDate start) {
            this.start = start;
            return this;
        }

        public Builder end(LocalDate end) {
            this.end = end;
            return this;
        }

        public Builder dbUrl(String dbUrl) {
            this.dbUrl = dbUrl;
            return this;
        }

        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        public Builder asKnownAt(boolean asKnownAt) {
            this.asKnownAt = asKnownAt;
            return this;
        }

        public Builder maxStalenessMicros(Long maxStalenessMicros) {
            this.maxStalenessMicros = maxStalenessMicros;
            return this;
        }

        public Builder stalenessText(String stalenessText) {
            this.stalenessText = stalenessText;
            return this;
        }

        public Builder minRows(long minRows) {
            this.minRows = minRows;
            return this;
        }

        public Builder mlflowUri(String mlflowUri) {
            this.mlflowUri = mlflowUri;
            return this;
        }

        public Builder mlflowExperiment(String mlflowExperiment) {
            this.mlflowExperiment = mlflowExperiment;
            return this;
        }

        public Builder mlflowOptional(boolean mlflowOptional) {
            this.mlflowOptional = mlflowOptional;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** The effective value of every option, for the metadata sidecar; never a secret. */
        public Builder flags(Map<String, Object> flags) {
            this.flags = flags;
            return this;
        }

        public BuildConfig build() {
            return new BuildConfig(date, start, end, dbUrl, out, asKnownAt, maxStalenessMicros, stalenessText,
                    minRows, mlflowUri, mlflowExperiment, mlflowOptional, seed, overwrite, flags);
        }
    }
}
