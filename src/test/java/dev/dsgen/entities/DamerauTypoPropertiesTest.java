package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.damerauLevenshtein;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.Rng;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@code NoiseModel.damerau}: a typo is 1 or 2 Damerau edits and never touches the first character. */
class DamerauTypoPropertiesTest {

    @Property(tries = 300)
    void typoIsAtMostEditsAwayKeepsTheFirstCharAndNeverEmpties(@ForAll("words") String s,
                                                              @ForAll @IntRange(min = 1, max = 2) int edits,
                                                              @ForAll long seed) {
        String t = NoiseModel.damerau(s, edits, new Rng(seed));
        int d = damerauLevenshtein(s, t);
        assertTrue(d <= edits, s + " -> " + t + " is " + d + " edits, asked for " + edits);
        assertFalse(t.isEmpty());
        assertEquals(s.charAt(0), t.charAt(0), s + " -> " + t + " changed the first character");
        assertTrue(Math.abs(t.length() - s.length()) <= edits, s + " -> " + t);
    }

    @Property(tries = 300)
    void singleTypoOnWordsWithoutDoubledLettersIsExactlyOneEdit(@ForAll("plainWords") String s, @ForAll long seed) {
        String t = NoiseModel.damerau(s, 1, new Rng(seed));
        assertEquals(1, damerauLevenshtein(s, t), s + " -> " + t);
    }

    /**
     * A typo recorded in the truth must be a visible change. It is not always: one edit can swap two
     * equal neighbours (Allen stays Allen), and two edits can undo each other (aba -> baa -> aba).
     */
    @Test
    void typoAlwaysChangesTheString() {
        for (long seed = 0; seed < 2000; seed++) {
            for (String s : new String[] {"Allen", "Scott", "aba", "Jennifer"}) {
                for (int edits = 1; edits <= 2; edits++) {
                    String t = NoiseModel.damerau(s, edits, new Rng(seed));
                    int d = damerauLevenshtein(s, t);
                    assertTrue(d >= 1, s + " -> " + t + " with " + edits + " edit(s), seed " + seed);
                }
            }
        }
    }

    @Example
    void theDistanceUsedHereIsTheUnrestrictedDamerauLevenshteinDistance() {
        assertEquals(0, damerauLevenshtein("smith", "smith"));
        assertEquals(1, damerauLevenshtein("smith", "msith"));
        assertEquals(1, damerauLevenshtein("smith", "smth"));
        assertEquals(1, damerauLevenshtein("smith", "smiyh"));
        assertEquals(2, damerauLevenshtein("ca", "abc"));
        assertEquals(2, damerauLevenshtein("aab", "absa"));
        assertEquals(3, damerauLevenshtein("kitten", "sitting"));
        assertEquals(5, damerauLevenshtein("", "abcde"));
    }

    @Example
    void shortStringsGrowInsteadOfLosingTheirOnlyLetters() {
        for (long seed = 0; seed < 200; seed++) {
            String t = NoiseModel.damerau("Li", 1, new Rng(seed));
            assertEquals(3, t.length(), t);
            assertTrue(t.startsWith("Li"), t);
            String u = NoiseModel.damerau("J", 2, new Rng(seed));
            assertEquals(3, u.length(), u);
            assertEquals('J', u.charAt(0));
        }
    }

    @Example
    void typosUseNeighbouringKeysAndKeepLetterCase() {
        // A substitution or insertion draws a key next to the original on a QWERTY row.
        for (long seed = 0; seed < 500; seed++) {
            String t = NoiseModel.damerau("abcdefg", 1, new Rng(seed));
            assertTrue(t.chars().allMatch(Character::isLowerCase), t);
            String u = NoiseModel.damerau("ABCDEFG", 1, new Rng(seed));
            assertTrue(u.chars().allMatch(Character::isUpperCase), u);
        }
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withChars("0123456789._-'")
                        .ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("Allen", "Scott", "Anna", "Elliott", "Jennifer", "O'Brien", "Li", "Ng", "J",
                        "john.smith1984", "McKinnon", "Vanderhoek"));
    }

    @Provide
    Arbitrary<String> plainWords() {
        // Letters only, no two equal neighbours, at least 3 long: every single edit is visible.
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(15)
                .filter(w -> {
                    for (int i = 1; i < w.length(); i++) {
                        if (w.charAt(i) == w.charAt(i - 1)) {
                            return false;
                        }
                    }
                    return true;
                });
    }

}
