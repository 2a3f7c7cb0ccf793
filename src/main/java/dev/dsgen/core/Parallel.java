package dev.dsgen.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Chunked parallel work whose result never depends on the thread count: chunks are computed
 * anywhere but consumed strictly in index order, with a bounded number in flight.
 */
public final class Parallel {
    private Parallel() {
    }

    /** A fixed pool of {@code threads} daemon threads named {@code name} (they never keep the JVM alive). */
    public static ExecutorService daemonPool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Body over a half-open index range. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** Runs {@code body} over [0, n) in chunks; returns when all are done. */
    public static void forChunks(ExecutorService pool, int threads, int n, int chunk, RangeBody body) {
        if (threads <= 1 || n <= chunk) {
            body.run(0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            int f = from;
            int t = Math.min(n, from + chunk);
            futures.add(pool.submit(() -> body.run(f, t)));
        }
        for (Future<?> future : futures) {
            await(future);
        }
    }

    /**
     * Computes {@code chunks} results with {@code compute} (possibly in parallel) and hands them to
     * {@code consume} in chunk order on the calling thread.
     */
    public static <T> void mapOrdered(ExecutorService pool, int threads, int chunks, IntFunction<T> compute,
                                      Consumer<T> consume) {
        mapOrdered(pool, threads, threads * 3, chunks, compute, consume);
    }

    /**
     * As {@link #mapOrdered(ExecutorService, int, int, IntFunction, Consumer)} with up to {@code window}
     * chunks submitted ahead of the one consumed next: a wider window keeps workers busy while an
     * early chunk is slow (e.g. a remote call being retried), at the cost of holding more results.
     */
    public static <T> void mapOrdered(ExecutorService pool, int threads, int window, int chunks, IntFunction<T> compute,
                                      Consumer<T> consume) {
        if (threads <= 1) {
            for (int i = 0; i < chunks; i++) {
                consume.accept(compute.apply(i));
            }
            return;
        }
        Deque<Future<T>> inFlight = new ArrayDeque<>();
        int next = 0;
        while (next < chunks || !inFlight.isEmpty()) {
            while (next < chunks && inFlight.size() < Math.max(1, window)) {
                int c = next++;
                inFlight.add(pool.submit(() -> compute.apply(c)));
            }
            consume.accept(await(inFlight.poll()));
        }
    }

    /** Waits for {@code future}; its failure is rethrown as it was (a DsgenException stays one). */
    public static <T> T join(Future<T> future) {
        return await(future);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
