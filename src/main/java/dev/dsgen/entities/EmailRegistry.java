package dev.dsgen.entities;

import dev.dsgen.core.Parallel;
import dev.dsgen.core.Seeds;
import java.util.concurrent.ExecutorService;

/**
 * Makes every person's email unique, as in the real world: two John Smiths cannot both own
 * john.smith@gmail.com. Candidate hashes are drawn in parallel; collisions are resolved in entity
 * order (the earlier entity keeps the address, the later one gets digits appended), so the result
 * does not depend on threads.
 */
final class EmailRegistry {
    private EmailRegistry() {
    }

    static byte[] resolve(PersonFactory persons, int entities, ExecutorService pool, int threads) {
        long[] hashes = new long[entities];
        Parallel.forChunks(pool, threads, entities, 16_384, (from, to) -> {
            for (int e = from; e < to; e++) {
                hashes[e] = Seeds.hash(persons.email(e, 0));
            }
        });
        byte[] attempts = new byte[entities];
        LongHashSet seen = new LongHashSet(entities);
        for (int e = 0; e < entities; e++) {
            long h = hashes[e];
            int attempt = 0;
            while (!seen.add(h)) {
                attempt++;
                if (attempt > 100) {
                    throw new IllegalStateException("cannot make email of entity " + e + " unique");
                }
                h = Seeds.hash(persons.email(e, attempt));
            }
            attempts[e] = (byte) attempt;
        }
        return attempts;
    }
}
