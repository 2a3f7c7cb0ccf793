package dev.dsgen.ranking;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.core.Parallel;
import dev.dsgen.core.Progress;
import dev.dsgen.core.Seeds;
import dev.dsgen.io.OutputErrors;
import dev.dsgen.io.OutputSet;
import dev.dsgen.io.StdStreams;
import dev.dsgen.llm.LlmClient;
import dev.dsgen.llm.LlmUsage;
import dev.dsgen.ranking.QueryDedup.Query;
import dev.dsgen.validate.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code ranking-queries}: samples clusters (a platform, its add-ons and events) from the deal
 * graph, writes 3 to 5 queries per cluster (asked of the LLM, or the deterministic fallback), and
 * labels the cluster's deals 1 and sampled other deals 0 for each query. Data depends only on the
 * config, the inputs and (in LLM mode) the answers, which the response cache replays exactly.
 *
 * <p>This class only runs the stages in order: {@link ResumedOutput} (the earlier file a
 * {@code --resume} run extends), {@link QueryCandidates} (LLM or fallback queries per cluster),
 * {@link QueryDedup} (no query text twice), {@link ClusterLabeler} with {@link NegativeSampler}
 * (positives and negatives), and {@link RankingOutput} (data file, summary, sidecar); it decides
 * what an endpoint failure keeps.
 */
public final class RankingQueries {
    private static final long ORDER = Seeds.stream("ranking.clusters.order");

    /**
     * What a run produced; the report decides exit 4. {@code llmUsage}: requests, cache hits,
     * retries, tokens of this run (differs between a run and its replay).
     */
    public record Result(ValidationReport report, Map<String, Object> summary, Map<String, Object> llmUsage, List<String> warnings) {
    }

    private record ClusterOut(List<RankingExample> records, List<double[]> metrics, int clusters) {
    }

    private final RankingConfig cfg;
    private final Progress progress;
    private final Consumer<String> log;
    private final StdStreams std;

    /** @param log verbose notes (LLM retries); may be null */
    public RankingQueries(RankingConfig cfg, Progress progress, Consumer<String> log) {
        this(cfg, progress, log, StdStreams.system());
    }

    /** @param std stdout for {@code --output -} and {@code --summary -} */
    public RankingQueries(RankingConfig cfg, Progress progress, Consumer<String> log, StdStreams std) {
        this.cfg = cfg;
        this.progress = progress;
        this.log = log == null ? s -> { } : log;
        this.std = std;
    }

    /** Every cluster in the seeded sampling order: the first N are a run's sample, for any N (so runs extend). */
    public static List<Cluster> order(DealGraph graph, long seed) {
        // Each cluster's key computed once, not once per comparison.
        record Keyed(long key, Cluster cluster) {
        }
        return graph.clusters().stream().map(c -> new Keyed(Seeds.mix(seed, ORDER, Seeds.hash(c.id())), c))
                .sorted(Comparator.comparingLong(Keyed::key).thenComparing(k -> k.cluster().id()))
                .map(Keyed::cluster).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    public Result run() {
        List<String> warnings = new ArrayList<>();
        // Output conflicts (exit 6), unsafe or unwritable outputs (exit 2) are found before any work.
        try (OutputSet out = RankingOutput.declare(cfg, std).begin()) {
            progress.start("deal graph", 1);
            DealGraph graph = DealGraph.load(cfg.input(), cfg.threads());
            progress.finish();
            List<Cluster> all = order(graph, cfg.seed());
            int n = cfg.clusters();
            if (n > all.size()) {
                warnings.add("asked for " + n + " clusters but the graph has " + all.size() + ": using all " + all.size());
                n = all.size();
            }
            List<Cluster> selected = all.subList(0, n);
            ResumedOutput existing = cfg.resume() ? ResumedOutput.read(cfg, graph) : ResumedOutput.NONE;
            if (cfg.resume() && existing == ResumedOutput.NONE) {
                warnings.add("--resume: no existing output at " + cfg.output() + ", starting from scratch");
            }
            List<Cluster> todo = selected.stream().filter(c -> !existing.clusters.contains(c.id())).toList();
            return generate(graph, selected, todo, existing, warnings, out);
        }
    }

    private Result generate(DealGraph graph, List<Cluster> selected, List<Cluster> todo, ResumedOutput existing,
                            List<String> warnings, OutputSet out) {
        LlmClient client = cfg.dryRun() ? null : new LlmClient(cfg.llm(), log);
        // The index depends only on the graph: it is built while the queries are written (LLM
        // answers are awaited, or the fallback runs on the other threads). Same index either way.
        ExecutorService indexer = Parallel.daemonPool("dsgen-bm25-index", 1);
        Future<Bm25Index> pendingIndex = indexer.submit(() -> new Bm25Index(graph));
        indexer.shutdown();
        long llmStart = System.nanoTime();
        progress.start(cfg.dryRun() ? "queries (offline fallback)" : "queries (LLM)", todo.size());
        List<QueryCandidates> candidates = new ArrayList<>(todo.size());
        DsgenException failure = QueryCandidates.collect(cfg, client, progress, todo, candidates);
        long llmMillis = (System.nanoTime() - llmStart) / 1_000_000;
        progress.finish();
        List<Cluster> done = todo.subList(0, candidates.size());
        if (failure != null && !keepsPartial(done)) {
            // Nothing of this run will be kept: no need to label, write and check it first.
            throw failure;
        }

        QueryDedup.Chosen picked = QueryDedup.choose(candidates, existing, cfg.queriesPerCluster());
        List<List<Query>> chosen = picked.queries();
        for (int i = 0; i < done.size(); i++) {
            List<Query> qs = chosen.get(i);
            long llmQueries = qs.stream().filter(q -> q.source().equals("llm")).count();
            log.accept("cluster " + done.get(i).id() + ": " + qs.size() + " queries (" + llmQueries + " llm, "
                    + (qs.size() - llmQueries) + " fallback), " + done.get(i).members().size() + " deals");
        }

        progress.start("BM25 index", 1);
        Bm25Index index = Parallel.join(pendingIndex);
        progress.finish();
        progress.start("labels, negatives and write", done.size());
        ClusterLabeler labeler = new ClusterLabeler(cfg, index, new NegativeSampler(graph));
        List<RankingExample> records = new ArrayList<>(existing.records);
        List<double[]> metrics = new ArrayList<>();
        RankingOutput output = new RankingOutput(cfg, out);
        ExecutorService pool = Parallel.daemonPool("dsgen-ranking", cfg.threads());
        // Records are written as their clusters are labelled, in order (the writing overlaps the
        // labelling instead of following it), streamed (~50 MB at 10,000 clusters).
        try {
            output.writeData(write -> {
                write.accept(existing.records);
                // Queries of the resumed file count in the difficulty metrics too.
                List<Map.Entry<String, String>> old = existing.queries();
                Parallel.mapOrdered(pool, cfg.threads(), (old.size() + 255) / 256, ch -> {
                    List<double[]> m = new ArrayList<>();
                    for (int i = ch * 256; i < Math.min(old.size(), ch * 256 + 256); i++) {
                        Cluster c = graph.clusterOf(old.get(i).getKey());
                        Set<String> members = c == null ? Set.of() : ClusterLabeler.ids(c);
                        m.add(Bm25Index.recallAndRr(index.search(old.get(i).getValue(), 10), members));
                    }
                    return m;
                }, metrics::addAll);
                int chunk = 32;
                Parallel.mapOrdered(pool, cfg.threads(), (done.size() + chunk - 1) / chunk, ch -> {
                    List<RankingExample> recs = new ArrayList<>();
                    List<double[]> m = new ArrayList<>();
                    for (int i = ch * chunk; i < Math.min(done.size(), ch * chunk + chunk); i++) {
                        labeler.label(done.get(i), chosen.get(i), recs, m);
                    }
                    return new ClusterOut(recs, m, Math.min(done.size(), ch * chunk + chunk) - ch * chunk);
                }, o -> {
                    records.addAll(o.records());
                    metrics.addAll(o.metrics());
                    write.accept(o.records());
                    progress.advance(o.clusters());
                });
            });
        } finally {
            pool.shutdownNow();
            index.close();
        }
        progress.finish();

        Map<String, Object> llm = llmSection();
        Map<String, Object> usage = usage(client, candidates.size());
        boolean complete = failure == null;
        progress.start("validation", 1);
        ValidationReport report;
        try {
            report = RankingValidation.check(output.dataTemp(), graph);
        } catch (IOException e) {
            throw OutputErrors.cannotWrite(e, cfg.output(), "--output"); // the data file as written cannot be read back
        }
        progress.finish();
        Map<String, Object> clusters = new LinkedHashMap<>();
        clusters.put("in_graph", graph.clusters().size());
        clusters.put("requested", cfg.clusters());
        clusters.put("selected", selected.size());
        clusters.put("from_existing_output", existing.clusters.size());
        clusters.put("generated", done.size());
        clusters.put("not_generated", todo.size() - done.size());
        Map<String, Object> summary = RankingSummary.build(cfg, graph, clusters, records, metrics, picked.skipped(), llm,
                warnings, report, complete);
        // Requests, cache hits and timing differ between a first run and its replay: they are
        // facts of this run, not of the data, so they live under "run".
        Map<String, Object> llmRun = new LinkedHashMap<>();
        llmRun.put("usage", usage);
        llmRun.put("phase_ms", llmMillis);
        output.writeSummaryAndSidecar(graph, summary, report, complete, clusters, llm, llmRun, warnings);
        if (failure != null) {
            // Only when keepsPartial (checked before the labelling): commit the finished clusters.
            out.commit();
            String msg = failure.getMessage();
            int where = msg.lastIndexOf(" (");
            throw new DsgenException(ExitCode.EXTERNAL, msg.substring(0, where < 0 ? msg.length() : where)
                    + "; kept the " + (existing.clusters.size() + done.size()) + " finished clusters in " + cfg.output()
                    + ", finish with --resume" + (where < 0 ? " (--llm-base-url)" : msg.substring(where)), failure);
        }
        out.commit();
        return new Result(report, summary, usage, warnings);
    }

    /**
     * After an endpoint failure, whether the finished clusters are kept (so --resume goes on from
     * them): never to replace an earlier output with nothing new, nor a complete earlier dataset
     * with a partial one unless --resume asked to extend it (the answers so far are cached either way).
     */
    private boolean keepsPartial(List<Cluster> done) {
        // An existing output was refused up front under --no-overwrite: here it may be replaced.
        return !done.isEmpty() && (cfg.resume() || StdStreams.isDash(cfg.output()) || !Files.exists(cfg.output()));
    }

    private Map<String, Object> llmSection() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", cfg.dryRun() ? "dry-run" : "llm");
        m.put("base_url", cfg.llm().safeBaseUrl());
        m.put("model", cfg.llm().model());
        m.put("concurrency", cfg.llm().concurrency());
        return m;
    }

    /** The client's accounting; in dry-run every generated cluster used the fallback. */
    private static Map<String, Object> usage(LlmClient client, int clusters) {
        Map<String, Object> u = (client == null ? new LlmUsage() : client.usage()).toMap();
        if (client == null) {
            u.put("fallbacks", (long) clusters);
        }
        return u;
    }
}
