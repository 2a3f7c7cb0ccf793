package dev.dsgen.entities;

import dev.dsgen.core.Seeds;
import java.util.ArrayList;
import java.util.List;

/** Seeded visiting orders over [0, n) without sorting, for choosing among pairs. */
final class SeededOrder {
    private SeededOrder() {
    }

    /** Up to {@code k} of [0, n) in a seeded order without sorting (a coprime stride walk). */
    static List<Integer> spread(long seed, int n, int k, long salt) {
        List<Integer> out = new ArrayList<>(Math.min(n, k));
        if (n == 0) {
            return out;
        }
        long stride = coprimeStride(n, Seeds.mix(seed, Seeds.stream("entities.pairs.spread"), salt));
        long start = Math.floorMod(Seeds.mix(seed, Seeds.stream("entities.pairs.spread.start"), salt), n);
        for (long i = 0; i < Math.min(n, k); i++) {
            out.add((int) ((start + i * stride) % n));
        }
        return out;
    }

    /** A step in [1, n) coprime with {@code n}, chosen by {@code h}: visits all of [0, n) once. */
    static long coprimeStride(int n, long h) {
        if (n <= 2) {
            return 1;
        }
        long s = 1 + Math.floorMod(h, n - 1);
        while (gcd(s, n) != 1) {
            s = s % (n - 1) + 1;
        }
        return s;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
