package dev.dsgen.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.core.Parallel;
import dev.dsgen.core.Progress;
import dev.dsgen.core.Seeds;
import dev.dsgen.llm.LlmClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * One cluster's candidate queries: the LLM's answer (none in dry-run, or when it gave no usable
 * answer) and the seeded fallback's, more than a cluster needs so that repeats can be skipped.
 */
record QueryCandidates(List<String> llm, List<String> fallback) {
    private static final long FALLBACK = Seeds.stream("ranking.fallback");
    private static final int FALLBACK_SPARES = 12;

    /**
     * Fills {@code into} with each cluster's candidates in order; returns the endpoint failure that
     * stopped it, if any. {@code client} is null in dry-run.
     */
    static DsgenException collect(RankingConfig cfg, LlmClient client, Progress progress, List<Cluster> todo,
                                  List<QueryCandidates> into) {
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
                List<QueryCandidates> l = new ArrayList<>(part.size());
                for (Cluster c : part) {
                    l.add(of(cfg, c, client));
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

    private static QueryCandidates of(RankingConfig cfg, Cluster c, LlmClient client) {
        List<String> fallback = FallbackQueries.write(c, Seeds.rng(cfg.seed(), FALLBACK, Seeds.hash(c.id())),
                Math.max(FALLBACK_SPARES, cfg.queriesPerCluster() * 4));
        if (client == null) {
            return new QueryCandidates(List.of(), fallback);
        }
        var answer = client.completeJson(LlmQueries.prompt(c, cfg.queriesPerCluster()), LlmQueries.params(cfg.seed(), c),
                (JsonNode node) -> LlmQueries.read(node, cfg.queriesPerCluster()));
        if (answer.isEmpty()) {
            client.usage().fallback();
            return new QueryCandidates(List.of(), fallback);
        }
        return new QueryCandidates(answer.get(), fallback);
    }
}
