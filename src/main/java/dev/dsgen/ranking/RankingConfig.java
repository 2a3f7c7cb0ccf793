package dev.dsgen.ranking;

import dev.dsgen.llm.LlmSettings;
import java.nio.file.Path;

/**
 * Everything a {@code ranking-queries} run depends on, parsed and checked by the command.
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
}
