package dev.dsgen.entities;

import dev.dsgen.core.Parallel;
import dev.dsgen.io.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** Reads a written CSV file in parallel, by the row-aligned byte offsets its writer recorded. */
final class CsvRanges {
    private final ExecutorService pool;
    private final int threads;

    CsvRanges(ExecutorService pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /**
     * Reads a file's data rows in row-aligned ranges on the pool, each into its own part, and
     * merges the parts in file order, so results do not depend on thread timing.
     */
    <P> P read(Path file, long[] offsets, Supplier<P> newPart, BiConsumer<P, String[]> onRow, BiConsumer<P, P> merge) {
        int chunks = offsets.length - 1;
        int ranges = Math.max(1, Math.min(chunks, threads * 4));
        List<long[]> bounds = new ArrayList<>();
        for (int r = 0; r < ranges; r++) {
            int from = (int) ((long) chunks * r / ranges);
            int to = (int) ((long) chunks * (r + 1) / ranges);
            if (to > from) {
                bounds.add(new long[] {offsets[from], offsets[to]});
            }
        }
        P whole = newPart.get();
        Parallel.mapOrdered(pool, threads, bounds.size(), i -> {
            P part = newPart.get();
            CsvTable.readRange(file, bounds.get(i)[0], bounds.get(i)[1], row -> onRow.accept(part, row));
            return part;
        }, part -> merge.accept(whole, part));
        return whole;
    }
}
