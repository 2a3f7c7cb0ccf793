package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import dev.dsgen.llm.LlmSettings;
import dev.dsgen.ranking.NegativeStrategy;
import dev.dsgen.ranking.RankingConfig;
import dev.dsgen.ranking.RankingQueries;
import dev.dsgen.ranking.RankingSummary;
import dev.dsgen.io.StdStreams;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dsgen ranking-queries}: flags to {@link RankingConfig}, then the generator. */
@Command(name = "ranking-queries", mixinStandardHelpOptions = true, versionProvider = Dsgen.VersionProvider.class, sortOptions = false,
        description = "Ranking training data from a deal graph: for sampled clusters (a platform, its add-ons and events) an LLM "
                + "(or, offline, a deterministic writer) invents the queries analysts would type; the cluster's deals are "
                + "labeled 1 and sampled other deals (random, same sector, BM25 hard negatives) 0.")
final class RankingQueriesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", defaultValue = "data/raw", paramLabel = "DIR",
            description = "Directory of *.json deal files (docs/deal-graph.md); samples/deals has a sample (default: ${DEFAULT-VALUE}).")
    Path input;

    @Option(names = "--output", defaultValue = "data/processed/ranking_training_data.json", paramLabel = "FILE",
            description = "JSON list of {query, candidate_id, label, cluster_id, metadata}; the sidecar goes beside it as "
                    + "<stem>.metadata.json; - for stdout, with no sidecar (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--summary", defaultValue = "reports/ranking_summary.json", paramLabel = "FILE",
            description = "Quality report and validation result; - for stdout (default: ${DEFAULT-VALUE}).")
    Path summary;

    @Option(names = "--clusters", defaultValue = "50", paramLabel = "N",
            description = "Clusters to sample; more than the graph has uses all of them, with a warning (default: ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--queries-per-cluster", defaultValue = "3", paramLabel = "N",
            description = "Queries per cluster, 3 to 5 (default: ${DEFAULT-VALUE}).")
    int queriesPerCluster;

    @Option(names = "--negatives-per-query", defaultValue = "3", paramLabel = "N",
            description = "Negatives per query, 1 to 50 (default: ${DEFAULT-VALUE}).")
    int negativesPerQuery;

    @Option(names = "--negative-strategy", defaultValue = "mix", paramLabel = "S",
            description = "How negatives are drawn, one of ${COMPLETION-CANDIDATES}: bm25 gives Lucene hard negatives, "
                    + "mix cycles bm25, sector and random (default: ${DEFAULT-VALUE}).")
    NegativeStrategy negativeStrategy;

    @Option(names = "--resume",
            description = "Append to an existing --output made with the same seed, counts and inputs, skipping clusters it holds; "
                    + "the result equals one uninterrupted run.")
    boolean resume;

    @Mixin
    LlmOptions llm;

    @Mixin
    SharedOptions.Seed seed;

    @Mixin
    SharedOptions.Threads threads;

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
        RankingConfig cfg = toConfig();
        PrintWriter err = spec.commandLine().getErr();
        var result = new RankingQueries(cfg, TerminalProgress.forTerminal(err, logging.quiet, logging.verbose),
                logging.verbose ? line -> {
                    err.println("dsgen: " + line);
                    err.flush();
                } : null, new StdStreams(spec.commandLine().getOut(), System.in)).run();
        if (!logging.quiet) {
            for (String w : result.warnings()) {
                err.println("dsgen: warning: " + w);
            }
            err.flush();
            // With an output on stdout (-), stdout carries only that JSON: the report goes to stderr.
            boolean stdout = StdStreams.isDash(cfg.output()) || StdStreams.isDash(cfg.summary());
            RankingSummary.print(result.summary(), result.llmUsage(), result.report(), cfg, stdout ? err : spec.commandLine().getOut());
        }
        return ValidationExit.of(result.report(), cfg.summary(), err);
    }

    RankingConfig toConfig() {
        if (clusters < 1) {
            throw OptionError.of(spec, "--clusters", "must be at least 1, got " + clusters);
        }
        if (queriesPerCluster < 3 || queriesPerCluster > 5) {
            throw OptionError.of(spec, "--queries-per-cluster", "must be 3, 4 or 5, got " + queriesPerCluster);
        }
        if (negativesPerQuery < 1 || negativesPerQuery > 50) {
            throw OptionError.of(spec, "--negatives-per-query", "must be between 1 and 50, got " + negativesPerQuery);
        }
        if (resume && StdStreams.isDash(output)) {
            throw DsgenException.usage("--resume extends an output file, not stdout (--resume; give --output a file)");
        }
        // --resume asks to extend the output, so it counts as an explicit --overwrite.
        boolean replace = (resume && overwrite.overwrite == null) || overwrite.decide(dryRun.dryRun);
        if (resume && !replace) {
            throw DsgenException.usage("--resume rewrites the output with the new clusters appended, so it cannot be combined "
                    + "with --no-overwrite (--resume)");
        }
        int workers = threads.resolve();
        LlmSettings settings = llm.toSettings(dryRun.dryRun, seed.seed, System::getenv);
        var flags = EffectiveFlags.of(spec).resolved("--threads", workers).resolved("--overwrite", replace)
                .resolved("--llm-base-url", settings.safeBaseUrl()).resolved("--llm-model", settings.model()).toMap();
        return RankingConfig.builder().input(input).output(output).summary(summary).clusters(clusters)
                .queriesPerCluster(queriesPerCluster).negativesPerQuery(negativesPerQuery).negativeStrategy(negativeStrategy)
                .resume(resume).seed(seed.seed).threads(workers).overwrite(replace).dryRun(dryRun.dryRun).llm(settings)
                .flags(flags).build();
    }
}
