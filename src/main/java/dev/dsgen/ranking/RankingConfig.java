package dev.dsgen.ranking;

import dev.dsgen.llm.LlmSettings;
import java.nio.file.Path;

/**
 * Everything a {@code ranking-queries} run depends on, parsed and checked by the command. Built
 * by name through {@link #builder()}, never by position.
 *
 * @param clusters how many clusters to sample; more than the graph has means all of them (warned)
 * @param resume append to an existing output, skipping clusters it already holds
 * @param llm where to ask for queries; not contacted with {@code dryRun}
 */
public record RankingConfig(Path input, Path output, Path summary, int clusters, int queriesPerCluster,
                            int negativesPerQuery, NegativeStrategy negativeStrategy, boolean resume, long seed,
                            int threads, boolean overwrite, boolean dryRun, LlmSettings llm) {

    /** {@code x.json} gets {@code x.metadata.json}; other names get {@code .metadata.json} appended. */
    public Path sidecar() {
        String name = output.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return output.resolveSibling(stem + ".metadata.json");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sets each component by name; unset numbers are 0, unset booleans false, unset objects null. */
    public static final class Builder {
        private Path input;
        private Path output;
        private Path summary;
        private int clusters;
        private int queriesPerCluster;
        private int negativesPerQuery;
        private NegativeStrategy negativeStrategy;
        private boolean resume;
        private long seed;
        private int threads;
        private boolean overwrite;
        private boolean dryRun;
        private LlmSettings llm;

        private Builder() {
        }

        public Builder input(Path input) {
            this.input = input;
            return this;
        }

        public Builder output(Path output) {
            this.output = output;
            return this;
        }

        public Builder summary(Path summary) {
            this.summary = summary;
            return this;
        }

        public Builder clusters(int clusters) {
            this.clusters = clusters;
            return this;
        }

        public Builder queriesPerCluster(int queriesPerCluster) {
            this.queriesPerCluster = queriesPerCluster;
            return this;
        }

        public Builder negativesPerQuery(int negativesPerQuery) {
            this.negativesPerQuery = negativesPerQuery;
            return this;
        }

        public Builder negativeStrategy(NegativeStrategy negativeStrategy) {
            this.negativeStrategy = negativeStrategy;
            return this;
        }

        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public Builder llm(LlmSettings llm) {
            this.llm = llm;
            return this;
        }

        public RankingConfig build() {
            return new RankingConfig(input, output, summary, clusters, queriesPerCluster, negativesPerQuery,
                    negativeStrategy, resume, seed, threads, overwrite, dryRun, llm);
        }
    }
}
