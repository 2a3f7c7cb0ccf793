package dev.dsgen.ranking;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.core.Parallel;
import dev.dsgen.core.Progress;
import dev.dsgen.core.Rng;
import dev.dsgen.core.RunMetadata;
import dev.dsgen.core.Seeds;
import dev.dsgen.io.Json;
import dev.dsgen.io.OutputFiles;
import dev.dsgen.llm.LlmClient;
import dev.dsgen.llm.LlmUsage;
import dev.dsgen.validate.ValidationReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * {@code ranking-queries}: samples clusters (a platform, its add-ons and events) from the deal
 * graph, writes 3 to 5 queries per cluster (asked of the LLM, or the deterministic fallback), and
 * labels the cluster's deals 1 and sampled other deals 0 for each query. Data depends only on the
 * config, the inputs and (in LLM mode) the answers, which the response cache replays exactly.
 */
public final class RankingQueries {
    private static final long ORDER = Seeds.stream("ranking.clusters.order");
    private static final long FALLBACK = Seeds.stream("ranking.fallback");
    private static final long NEGATIVES = Seeds.stream("ranking.negatives");
    private static final int FALLBACK_SPARES = 12;

    /**
     * What a run produced; the report decides exit 4. {@code llmUsage}: requests, cache hits,
     * retries, tokens of this run (differs between a run and its replay).
     */
    public record Result(ValidationReport report, Map<String, Object> summary, Map<String, Object> llmUsage, List<String> warnings) {
    }

    /** A query chosen for a cluster and where it came from ({@code llm} or {@code fallback}). */
    record Query(String text, String source) {
    }

    private record Candidates(List<String> llm, List<String> fallback) {
    }

    private record ClusterOut(List<RankingExample> records, List<double[]> metrics, int clusters) {
    }

    private final RankingConfig cfg;
    private final Progress progress;
    private final Consumer<String> log;

    /** @param log verbose notes (LLM retries); may be null */
    public RankingQueries(RankingConfig cfg, Progress progress, Consumer<String> log) {
        this.cfg = cfg;
        this.progress = progress;
        this.log = log == null ? s -> { } : log;
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

    public static List<OutputFiles.Target> outputs(RankingConfig cfg) {
        return List.of(new OutputFiles.Target(cfg.output(), "--output"), new OutputFiles.Target(cfg.sidecar(), "--output"),
                new OutputFiles.Target(cfg.summary(), "--summary"));
    }

    public Result run() {
        List<String> warnings = new ArrayList<>();
        // Output conflicts (exit 6) and unwritable directories (exit 2) are found before any work.
        try (OutputFiles out = OutputFiles.begin(outputs(cfg), cfg.overwrite())) {
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
            Existing existing = cfg.resume() ? Existing.read(cfg, graph) : Existing.NONE;
            if (cfg.resume() && existing == Existing.NONE) {
                warnings.add("--resume: no existing output at " + cfg.output() + ", starting from scratch");
            }
            List<Cluster> todo = selected.stream().filter(c -> !existing.clusters.contains(c.id())).toList();
            return generate(graph, selected, todo, existing, warnings, out);
        } catch (UncheckedIOException e) {
            throw DsgenException.usage("cannot write outputs: " + e.getCause().getMessage() + " (--output, --summary)");
        }
    }

    private Result generate(DealGraph graph, List<Cluster> selected, List<Cluster> todo, Existing existing,
                            List<String> warnings, OutputFiles out) {
        LlmClient client = cfg.dryRun() ? null : new LlmClient(cfg.llm(), log);
        // The index depends only on the graph: it is built while the queries are written (LLM
        // answers are awaited, or the fallback runs on the other threads). Same index either way.
        ExecutorService indexer = Parallel.daemonPool("dsgen-bm25-index", 1);
        Future<Bm25Index> pendingIndex = indexer.submit(() -> new Bm25Index(graph));
        indexer.shutdown();
        long llmStart = System.nanoTime();
        progress.start(cfg.dryRun() ? "queries (offline fallback)" : "queries (LLM)", todo.size());
        List<Candidates> candidates = new ArrayList<>(todo.size());
        DsgenException failure = candidates(todo, client, candidates);
        long llmMillis = (System.nanoTime() - llmStart) / 1_000_000;
        progress.finish();
        List<Cluster> done = todo.subList(0, candidates.size());
        if (failure != null && !keepsPartial(done)) {
            // Nothing of this run will be kept: no need to label, write and check it first.
            throw failure;
        }

        // Sequential, in cluster order: a query already used (by an earlier cluster, or in the
        // resumed file) is skipped for the next candidate, so no query text repeats and no
        // (query, candidate) pair can get two labels.
        Set<String> used = new HashSet<>();
        for (RankingExample r : existing.records) {
            used.add(FallbackQueries.normalize(r.query()));
        }
        List<List<Query>> chosen = new ArrayList<>(done.size());
        int skipped = 0;
        for (Candidates cand : candidates) {
            List<Query> qs = new ArrayList<>();
            for (String q : cand.llm()) {
                if (qs.size() < cfg.queriesPerCluster() && used.add(FallbackQueries.normalize(q))) {
                    qs.add(new Query(q, "llm"));
                } else if (qs.size() < cfg.queriesPerCluster()) {
                    skipped++;
                }
            }
            for (String q : cand.fallback()) {
                if (qs.size() >= cfg.queriesPerCluster()) {
                    break;
                }
                if (used.add(FallbackQueries.normalize(q))) {
                    qs.add(new Query(q, "fallback"));
                } else {
                    skipped++;
                }
            }
            chosen.add(qs);
        }
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
        Negatives negatives = new Negatives(graph);
        List<RankingExample> records = new ArrayList<>(existing.records);
        List<double[]> metrics = new ArrayList<>();
        Path dataTemp = out.temp(cfg.output());
        MessageDigest sha = DigestUtils.getSha256Digest();
        ExecutorService pool = Parallel.daemonPool("dsgen-ranking", cfg.threads());
        // Records are written as their clusters are labelled, in order (the writing overlaps the
        // labelling instead of following it), streamed (~50 MB at 10,000 clusters) and hashed on
        // the way out, so the sidecar's SHA-256 needs no second read of the file.
        try {
            try (OutputStream buffered = new BufferedOutputStream(
                    new DigestOutputStream(Files.newOutputStream(dataTemp), sha), 1 << 16)) {
                try (SequenceWriter seq = Json.listWriter(buffered)) {
                    write(seq, existing.records);
                    // Queries of the resumed file count in the difficulty metrics too.
                    List<Map.Entry<String, String>> old = existing.queries();
                    Parallel.mapOrdered(pool, cfg.threads(), (old.size() + 255) / 256, ch -> {
                        List<double[]> m = new ArrayList<>();
                        for (int i = ch * 256; i < Math.min(old.size(), ch * 256 + 256); i++) {
                            Cluster c = graph.clusterOf(old.get(i).getKey());
                            Set<String> members = c == null ? Set.of() : ids(c);
                            m.add(Bm25Index.recallAndRr(index.search(old.get(i).getValue(), 10), members));
                        }
                        return m;
                    }, metrics::addAll);
                    int chunk = 32;
                    Parallel.mapOrdered(pool, cfg.threads(), (done.size() + chunk - 1) / chunk, ch -> {
                        List<RankingExample> recs = new ArrayList<>();
                        List<double[]> m = new ArrayList<>();
                        for (int i = ch * chunk; i < Math.min(done.size(), ch * chunk + chunk); i++) {
                            label(done.get(i), chosen.get(i), index, negatives, recs, m);
                        }
                        return new ClusterOut(recs, m, Math.min(done.size(), ch * chunk + chunk) - ch * chunk);
                    }, o -> {
                        records.addAll(o.records());
                        metrics.addAll(o.metrics());
                        write(seq, o.records());
                        progress.advance(o.clusters());
                    });
                }
                buffered.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
            index.close();
        }
        progress.finish();

        Map<String, Object> llm = llmSection();
        Map<String, Object> usage = usage(client, candidates.size());
        boolean complete = failure == null;
        try {
            String dataSha = Hex.encodeHexString(sha.digest());
            progress.start("validation", 1);
            ValidationReport report = RankingValidation.check(dataTemp, graph);
            progress.finish();
            Map<String, Object> clusters = new LinkedHashMap<>();
            clusters.put("in_graph", graph.clusters().size());
            clusters.put("requested", cfg.clusters());
            clusters.put("selected", selected.size());
            clusters.put("from_existing_output", existing.clusters.size());
            clusters.put("generated", done.size());
            clusters.put("not_generated", todo.size() - done.size());
            Map<String, Object> summary = RankingSummary.build(cfg, graph, clusters, records, metrics, skipped, llm,
                    warnings, report, complete);
            Path summaryTemp = out.temp(cfg.summary());
            Json.write(summaryTemp, summary);
            RunMetadata meta = new RunMetadata("ranking-queries", cfg.seed());
            for (DealGraph.SourceFile f : graph.sources()) {
                meta.input(f.path(), f.sha256(), f.bytes());
            }
            meta.output(cfg.output(), dataSha, Files.size(dataTemp), (long) records.size());
            meta.output(cfg.summary(), summaryTemp, null);
            meta.flags(cfg.flags());
            meta.validation(report.toMap());
            meta.extra("complete", complete);
            meta.extra("graph", graph.counts());
            meta.extra("clusters", clusters);
            meta.extra("quality", summary.get("quality"));
            // Requests, cache hits and timing differ between a first run and its replay: they are
            // facts of this run, not of the data, so they live under "run".
            Map<String, Object> llmRun = new LinkedHashMap<>();
            llmRun.put("usage", usage);
            llmRun.put("phase_ms", llmMillis);
            meta.extra("llm", llm);
            meta.runFact("llm", llmRun);
            meta.extra("warnings", warnings);
            Json.write(out.temp(cfg.sidecar()), meta.toMap(cfg.threads(), cfg.sidecar().toAbsolutePath().getParent()));
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After an endpoint failure, whether the finished clusters are kept (so --resume goes on from
     * them): never to replace an earlier output with nothing new, nor a complete earlier dataset
     * with a partial one unless --resume asked to extend it (the answers so far are cached either way).
     */
    private boolean keepsPartial(List<Cluster> done) {
        return cfg.overwrite() && !done.isEmpty() && (cfg.resume() || !Files.exists(cfg.output()));
    }

    /** Fills {@code into} with each cluster's candidates in order; returns the endpoint failure that stopped it, if any. */
    private DsgenException candidates(List<Cluster> todo, LlmClient client, List<Candidates> into) {
        // In LLM mode twice as many workers as requests allowed in flight: the client's semaphore
        // caps requests at --llm-concurrency, and while one worker parses and caches an answer
        // another already holds its place on the wire. One cluster per task there, and every task
        // queued at once, so a request being retried never holds the others back.
        int threads = client == null ? cfg.threads() : Math.min(128, 2 * Math.max(1, cfg.llm().concurrency()));
        int chunk = client == null ? 64 : 1;
        int chunks = (todo.size() + chunk - 1) / chunk;
        ExecutorService pool = threads <= 1 || chunks <= 1 ? null : Parallel.daemonPool(client == null ? "dsgen-queries" : "dsgen-llm", threads);
        try {
            Parallel.mapOrdered(pool, pool == null ? 1 : threads, client == null ? threads * 3 : chunks, chunks, ch -> {
                List<Cluster> part = todo.subList(ch * chunk, Math.min(todo.size(), ch * chunk + chunk));
                List<Candidates> l = new ArrayList<>(part.size());
                for (Cluster c : part) {
                    l.add(candidates(c, client));
                }
                return l;
            }, l -> {
                into.addAll(l);
                progress.advance(l.size());
            });
            return null;
        } catch (DsgenException e) {
            // The clusters before the failed one are kept (in order): --resume goes on from there.
            if (e.exitCode() == ExitCode.EXTERNAL) {
                return e;
            }
            throw e;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private Candidates candidates(Cluster c, LlmClient client) {
        List<String> fallback = FallbackQueries.write(c, Seeds.rng(cfg.seed(), FALLBACK, Seeds.hash(c.id())),
                Math.max(FALLBACK_SPARES, cfg.queriesPerCluster() * 4));
        if (client == null) {
            return new Candidates(List.of(), fallback);
        }
        var answer = client.completeJson(LlmQueries.prompt(c, cfg.queriesPerCluster()), LlmQueries.params(cfg.seed(), c),
                (JsonNode node) -> LlmQueries.read(node, cfg.queriesPerCluster()));
        if (answer.isEmpty()) {
            client.usage().fallback();
            return new Candidates(List.of(), fallback);
        }
        return new Candidates(answer.get(), fallback);
    }

    private static void write(SequenceWriter seq, List<RankingExample> records) {
        try {
            for (RankingExample r : records) {
                seq.write(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> ids(Cluster c) {
        Set<String> s = new HashSet<>();
        for (Deal d : c.members()) {
            s.add(d.id());
        }
        return s;
    }

    /** The labeled records of one cluster's queries: its members as positives, then the negatives. */
    private void label(Cluster c, List<Query> queries, Bm25Index index, Negatives negatives, List<RankingExample> out,
                       List<double[]> metrics) {
        Set<String> members = ids(c);
        List<Deal> memberList = c.members();
        for (int qi = 0; qi < queries.size(); qi++) {
            Query q = queries.get(qi);
            List<String> hits = index.search(q.text(), 10 + members.size() + cfg.negativesPerQuery());
            metrics.add(Bm25Index.recallAndRr(hits, members));
            Map<String, Integer> rank = new HashMap<>();
            for (int i = 0; i < hits.size(); i++) {
                rank.putIfAbsent(hits.get(i), i + 1);
            }
            for (Deal d : memberList) {
                out.add(new RankingExample(q.text(), d.id(), 1, c.id(), meta(q, qi, d, null, rank)));
            }
            Rng rng = Seeds.rng(cfg.seed(), NEGATIVES, Seeds.hash(c.id() + "#" + qi));
            Set<String> taken = new HashSet<>();
            int bm25Next = 0;
            for (int s = 0; s < cfg.negativesPerQuery(); s++) {
                NegativeStrategy strategy = cfg.negativeStrategy().slot(s);
                String id = null;
                if (strategy == NegativeStrategy.BM25) {
                    while (bm25Next < hits.size() && id == null) {
                        String h = hits.get(bm25Next++);
                        if (!members.contains(h) && !taken.contains(h)) {
                            id = h;
                        }
                    }
                    if (id == null) {
                        strategy = NegativeStrategy.SECTOR;
                    }
                }
                if (id == null && strategy == NegativeStrategy.SECTOR) {
                    id = negatives.sector(c.platform().sector(), members, taken, rng);
                    if (id == null) {
                        strategy = NegativeStrategy.RANDOM;
                    }
                }
                if (id == null) {
                    id = negatives.random(members, taken, rng);
                }
                if (id == null) {
                    break; // the graph has no other deal left
                }
                taken.add(id);
                out.add(new RankingExample(q.text(), id, 0, c.id(), meta(q, qi, negatives.graph.deal(id), strategy, rank)));
            }
        }
    }

    private static Map<String, Object> meta(Query q, int qi, Deal d, NegativeStrategy strategy, Map<String, Integer> rank) {
        Map<String, Object> m = new TreeMap<>();
        m.put("source", q.source());
        m.put("query_index", qi);
        m.put("candidate_kind", d.kind().key());
        if (strategy != null) {
            m.put("negative_strategy", strategy.key());
        }
        Integer r = rank.get(d.id());
        if (r != null) {
            m.put("bm25_rank", r);
        }
        return m;
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

    /** Draws sector and random negatives from sorted id lists. */
    static final class Negatives {
        final DealGraph graph;
        private final List<String> all;
        private final Map<String, List<String>> bySector = new HashMap<>();

        Negatives(DealGraph graph) {
            this.graph = graph;
            this.all = new ArrayList<>(graph.deals().keySet());
            for (Deal d : graph.deals().values()) {
                bySector.computeIfAbsent(d.sector(), k -> new ArrayList<>()).add(d.id());
            }
        }

        String sector(String sector, Set<String> members, Set<String> taken, Rng rng) {
            return draw(bySector.getOrDefault(sector, List.of()), members, taken, rng);
        }

        String random(Set<String> members, Set<String> taken, Rng rng) {
            return draw(all, members, taken, rng);
        }

        /** A uniform draw by rejection; a scan from a random start when most ids are excluded. */
        private static String draw(List<String> ids, Set<String> members, Set<String> taken, Rng rng) {
            if (ids.isEmpty()) {
                return null;
            }
            for (int i = 0; i < 32; i++) {
                String id = ids.get(rng.nextInt(ids.size()));
                if (!members.contains(id) && !taken.contains(id)) {
                    return id;
                }
            }
            int start = rng.nextInt(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get((start + i) % ids.size());
                if (!members.contains(id) && !taken.contains(id)) {
                    return id;
                }
            }
            return null;
        }
    }

    /** The output a {@code --resume} run extends: its records and the clusters they cover. */
    static final class Existing {
        static final Existing NONE = new Existing(List.of());
        final List<RankingExample> records;
        final Set<String> clusters = new LinkedHashSet<>();

        Existing(List<RankingExample> records) {
            this.records = records;
            for (RankingExample r : records) {
                clusters.add(r.clusterId());
            }
        }

        /** Each (cluster id, query) of the file once, in file order. */
        List<Map.Entry<String, String>> queries() {
            Set<String> seen = new HashSet<>();
            List<Map.Entry<String, String>> out = new ArrayList<>();
            for (RankingExample r : records) {
                if (seen.add(r.clusterId() + "\u0000" + r.query())) {
                    out.add(Map.entry(r.clusterId(), r.query()));
                }
            }
            return out;
        }

        static Existing read(RankingConfig cfg, DealGraph graph) {
            Path output = cfg.output();
            if (!Files.exists(output)) {
                return NONE;
            }
            Path sidecar = cfg.sidecar();
            JsonNode meta;
            try {
                meta = Json.MAPPER.readTree(Files.readString(sidecar));
            } catch (IOException e) {
                throw DsgenException.input("cannot resume " + output + ": its sidecar " + sidecar
                        + " is missing or unreadable (--resume; drop --resume to start over)");
            }
            JsonNode flags = meta.path("flags");
            check(flags, "seed", cfg.seed());
            check(flags, "queries-per-cluster", cfg.queriesPerCluster());
            check(flags, "negatives-per-query", cfg.negativesPerQuery());
            check(flags, "negative-strategy", cfg.negativeStrategy().key());
            List<String> was = new ArrayList<>();
            for (JsonNode in : meta.path("inputs")) {
                was.add(in.path("sha256").asText());
            }
            List<String> now = new ArrayList<>();
            for (DealGraph.SourceFile f : graph.sources()) {
                now.add(f.sha256());
            }
            was.sort(null);
            now.sort(null);
            if (!was.equals(now)) {
                throw DsgenException.usage("cannot resume " + output + ": the deal files changed since it was written"
                        + " (--resume; drop it to start over)");
            }
            // The file must be the one the sidecar describes: a hand-edited output would be extended silently.
            String recorded = null;
            Path dir = sidecar.toAbsolutePath().getParent();
            for (JsonNode o : meta.path("outputs")) {
                if (dir.resolve(o.path("path").asText()).normalize().equals(output.toAbsolutePath().normalize())) {
                    recorded = o.path("sha256").asText(null);
                }
            }
            byte[] bytes; // read once: hashed, then parsed (~50 MB at 10,000 clusters)
            try {
                bytes = Files.readAllBytes(output);
            } catch (IOException e) {
                throw DsgenException.input("cannot resume: cannot read " + output + ": " + e.getMessage() + " (--resume)");
            }
            if (recorded == null || !recorded.equals(DigestUtils.sha256Hex(bytes))) {
                throw DsgenException.input("cannot resume " + output + ": it is not the file its sidecar " + sidecar
                        + " describes (SHA-256 differs; edited or replaced) (--resume; drop it to start over)");
            }
            try {
                List<RankingExample> records = Json.MAPPER.readValue(bytes, new TypeReference<List<RankingExample>>() { });
                return new Existing(records == null ? List.of() : records);
            } catch (IOException e) {
                throw DsgenException.input("cannot resume: " + output + " is not a ranking-queries output: "
                        + e.getMessage().lines().findFirst().orElse("") + " (--resume)");
            }
        }

        private static void check(JsonNode flags, String name, Object now) {
            JsonNode was = flags.get(name);
            if (was == null || !was.asText().equals(String.valueOf(now))) {
                throw DsgenException.usage("cannot resume: the existing output was made with --" + name + " "
                        + (was == null ? "(unknown)" : was.asText()) + ", this run has " + now
                        + " (--" + name + "; use the same value, or drop --resume to start over)");
            }
        }
    }
}
