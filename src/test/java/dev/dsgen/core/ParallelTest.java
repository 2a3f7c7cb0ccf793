package dev.dsgen.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelTest {
    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void consumerSeesChunksInIndexOrderEvenWhenLaterChunksFinishFirst(int threads) {
        int chunks = 24;
        List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        List<Integer> consumed = new ArrayList<>();
        Thread caller = Thread.currentThread();
        Parallel.mapOrdered(pool, threads, chunks, i -> {
            sleep(i % 4 == 0 ? 30 : 0); // early chunks of each batch are slow
            finished.add(i);
            return "chunk-" + i;
        }, s -> {
            assertSame(caller, Thread.currentThread(), "consume must run on the calling thread");
            consumed.add(Integer.parseInt(s.substring(6)));
        });
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            expected.add(i);
        }
        assertEquals(expected, consumed);
        if (threads > 1) {
            // The setup really produced out-of-order completion, so the ordering was actually exercised.
            assertTrue(!finished.equals(expected), "completion order was " + finished);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void resultDoesNotDependOnThreadCount(int threads) {
        StringBuilder out = new StringBuilder();
        Parallel.mapOrdered(pool, threads, 100, i -> Long.toHexString(Seeds.mix(1, 2, i)), out::append);
        StringBuilder single = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            single.append(Long.toHexString(Seeds.mix(1, 2, i)));
        }
        assertEquals(single.toString(), out.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void exceptionInAChunkPropagates(int threads) {
        List<Integer> consumed = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                Parallel.mapOrdered(pool, threads, 20, i -> {
                    if (i == 5) {
                        throw new IllegalStateException("boom in chunk 5");
                    }
                    return i;
                }, consumed::add));
        assertEquals("boom in chunk 5", e.getMessage());
        assertEquals(List.of(0, 1, 2, 3, 4), consumed, "chunks before the failure are consumed, none after");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void workInFlightIsBounded(int threads) {
        AtomicInteger started = new AtomicInteger();
        int[] consumed = {0};
        int[] maxAhead = {0};
        Parallel.mapOrdered(pool, threads, 300, i -> {
            started.incrementAndGet();
            return i;
        }, i -> {
            consumed[0]++;
            maxAhead[0] = Math.max(maxAhead[0], started.get() - consumed[0]);
        });
        assertEquals(300, consumed[0]);
        assertTrue(maxAhead[0] <= threads * 4, "computed ahead of the consumer: " + maxAhead[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void aWideWindowKeepsWorkersBusyWhileTheFirstChunkIsSlow(int threads) {
        int chunks = 40;
        AtomicInteger doneWhileFirstRan = new AtomicInteger(-1);
        AtomicInteger finished = new AtomicInteger();
        List<Integer> consumed = new ArrayList<>();
        Parallel.mapOrdered(pool, threads, chunks, chunks, i -> {
            if (i == 0) {
                sleep(300);
                doneWhileFirstRan.set(finished.get());
            }
            finished.incrementAndGet();
            return i;
        }, consumed::add);
        assertEquals(chunks, consumed.size());
        for (int i = 0; i < chunks; i++) {
            assertEquals(i, consumed.get(i));
        }
        // With the default window (threads * 3) at most that many could have run meanwhile.
        assertEquals(chunks - 1, doneWhileFirstRan.get(), "chunks finished while chunk 0 was slow");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 99, 100, 101, 1000})
    void forChunksCoversEveryIndexExactlyOnce(int n) {
        for (int threads : new int[] {1, 2, 4}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
            Parallel.forChunks(pool, threads, n, 100, (from, to) -> {
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits.get(i), "index " + i + " threads " + threads);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void forChunksPropagatesExceptions(int threads) {
        RuntimeException e = assertThrows(IllegalArgumentException.class, () ->
                Parallel.forChunks(pool, threads, 1000, 100, (from, to) -> {
                    if (from == 300 || (threads == 1 && from == 0)) {
                        throw new IllegalArgumentException("bad range " + from);
                    }
                }));
        assertTrue(e.getMessage().startsWith("bad range"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
