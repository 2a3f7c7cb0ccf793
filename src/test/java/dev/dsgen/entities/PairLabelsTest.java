package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.digits;
import static dev.dsgen.entities.EntityTestSupport.domain;
import static dev.dsgen.entities.EntityTestSupport.local;
import static dev.dsgen.entities.EntityTestSupport.normName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.entities.EntityTestSupport.Run;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Labels are certain and hard negatives are what their strategy says, checked on what was written:
 * pairs read from Parquet with DuckDB, records and truth read from the CSVs.
 */
class PairLabelsTest {
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static Run run;
    private static List<Map<String, String>> pairs;
    private static Map<String, String> truth;
    private static Map<String, Map<String, String>> records;

    @BeforeAll
    static void load() {
        run = EntityTestSupport.standard();
        pairs = EntityTestSupport.pairs(run);
        truth = EntityTestSupport.truth(run);
        records = EntityTestSupport.recordsById(run);
    }

    @Test
    void everyPositiveIsOneEntityAndEveryNegativeTwo() {
        int positives = 0;
        int negatives = 0;
        for (Map<String, String> p : pairs) {
            String ea = truth.get(p.get("src_a") + "|" + p.get("id_a"));
            String eb = truth.get(p.get("src_b") + "|" + p.get("id_b"));
            assertTrue(ea != null && eb != null, "pair names records in truth.csv: " + p);
            assertTrue(records.containsKey(p.get("src_a") + "|" + p.get("id_a")), p.toString());
            assertTrue(records.containsKey(p.get("src_b") + "|" + p.get("id_b")), p.toString());
            if (p.get("y").equals("1")) {
                positives++;
                assertEquals(ea, eb, "positive " + p);
            } else {
                assertEquals("0", p.get("y"), p.toString());
                negatives++;
                assertNotEquals(ea, eb, "negative " + p);
            }
        }
        assertTrue(positives >= 100, positives + " positives");
        double ratio = (double) negatives / positives;
        assertTrue(ratio >= 3 && ratio <= 5, "negatives per positive " + ratio);
    }

    @Test
    void strategyAgreesWithLabelAndSourcesAndNoPairRepeats() {
        Map<String, Integer> label = Map.of("cross_source", 1, "within_source", 1, "email_local_part", 0,
                "similar_name", 0, "same_address_number", 0, "same_last_name", 0, "random", 0);
        Set<String> seen = new HashSet<>();
        for (Map<String, String> p : pairs) {
            String strategy = p.get("strategy");
            assertTrue(label.containsKey(strategy), strategy);
            assertEquals(label.get(strategy).toString(), p.get("y"), p.toString());
            assertEquals(p.get("file"), p.get("split"));
            if (strategy.equals("cross_source")) {
                assertNotEquals(p.get("src_a"), p.get("src_b"), p.toString());
            }
            if (strategy.equals("within_source")) {
                assertEquals(p.get("src_a"), p.get("src_b"), p.toString());
            }
            String a = p.get("src_a") + "|" + p.get("id_a");
            String b = p.get("src_b") + "|" + p.get("id_b");
            assertNotEquals(a, b, "a record paired with itself");
            String key = a.compareTo(b) < 0 ? a + "~" + b : b + "~" + a;
            assertTrue(seen.add(key), "pair appears twice: " + key);
        }
    }

    @Test
    void emailLocalPartNegativesShareTheLocalPartButNotTheDomain() {
        int n = 0;
        for (Map<String, String> p : strategy("email_local_part")) {
            String ea = a(p).get("email");
            String eb = b(p).get("email");
            assertFalse(local(ea).isEmpty(), p.toString());
            assertEquals(local(ea), local(eb), ea + " / " + eb);
            assertNotEquals(domain(ea), domain(eb), ea + " / " + eb);
            n++;
        }
        assertTrue(n > 0, "some email_local_part negatives");
    }

    @Test
    void similarNameNegativesHaveJaroWinklerAbove09AndOtherEmailAndPhone() {
        int n = 0;
        for (Map<String, String> p : strategy("similar_name")) {
            Map<String, String> ra = a(p);
            Map<String, String> rb = b(p);
            double jw = JW.apply(fullName(ra), fullName(rb));
            assertTrue(jw > 0.9, fullName(ra) + " / " + fullName(rb) + " jw " + jw);
            assertNotEquals(local(ra.get("email")), local(rb.get("email")), p.toString());
            assertNotEquals(phone10(ra.get("phone")), phone10(rb.get("phone")), p.toString());
            n++;
        }
        assertTrue(n > 0, "some similar_name negatives");
    }

    @Test
    void sameAddressNumberNegativesShareZipAndHouseNumberButNotTheName() {
        int n = 0;
        for (Map<String, String> p : strategy("same_address_number")) {
            Map<String, String> ra = a(p);
            Map<String, String> rb = b(p);
            assertFalse(postal(ra.get("zip")).isEmpty());
            assertEquals(postal(ra.get("zip")), postal(rb.get("zip")), p.toString());
            String ha = house(address(p.get("src_a"), ra));
            assertFalse(ha.isEmpty(), p.toString());
            assertEquals(ha, house(address(p.get("src_b"), rb)), p.toString());
            assertNotEquals(fullName(ra), fullName(rb), p.toString());
            n++;
        }
        assertTrue(n > 0, "some same_address_number negatives");
    }

    @Test
    void sameLastNameNegativesSoundAlikeButAreDifferentPeople() {
        DoubleMetaphone dm = new DoubleMetaphone();
        int n = 0;
        for (Map<String, String> p : strategy("same_last_name")) {
            String la = normName(a(p).get("last_name")).replace(" ", "");
            String lb = normName(b(p).get("last_name")).replace(" ", "");
            assertEquals(dm.doubleMetaphone(la), dm.doubleMetaphone(lb), la + " / " + lb);
            assertNotEquals(fullName(a(p)), fullName(b(p)));
            n++;
        }
        assertTrue(n > 0);
    }

    @Test
    void hardNegativesAreAtLeast500AndEveryStrategyIsUsed() {
        Map<String, Integer> byStrategy = new HashMap<>();
        for (Map<String, String> p : pairs) {
            byStrategy.merge(p.get("strategy"), 1, Integer::sum);
        }
        int hard = byStrategy.getOrDefault("email_local_part", 0) + byStrategy.getOrDefault("similar_name", 0)
                + byStrategy.getOrDefault("same_address_number", 0) + byStrategy.getOrDefault("same_last_name", 0);
        assertTrue(hard >= 500, byStrategy.toString());
        for (String s : List.of("cross_source", "within_source", "email_local_part", "similar_name",
                "same_address_number", "same_last_name")) {
            assertTrue(byStrategy.getOrDefault(s, 0) > 0, s + " missing in " + byStrategy);
        }
        // Within-source matches are "a few": at most half as many as cross-source ones (or 50).
        int cross = byStrategy.get("cross_source");
        assertTrue(byStrategy.get("within_source") <= Math.max(cross / 2, 50), byStrategy.toString());
    }

    @Test
    void cachedFeaturesAgreeWithTheWrittenRecords() {
        for (Map<String, String> p : pairs) {
            Map<String, String> ra = a(p);
            Map<String, String> rb = b(p);
            String ea = ra.get("email");
            String eb = rb.get("email");
            expect(p, "email_domain_equal", ea.isEmpty() || eb.isEmpty() ? "" : Boolean.toString(domain(ea).equals(domain(eb))));
            expect(p, "email_local_equal", ea.isEmpty() || eb.isEmpty() ? "" : Boolean.toString(local(ea).equals(local(eb))));
            String pa = phone10(ra.get("phone"));
            String pb = phone10(rb.get("phone"));
            expect(p, "phone_equal", pa.isEmpty() || pb.isEmpty() ? "" : Boolean.toString(pa.equals(pb)));
            String za = postal(ra.get("zip"));
            String zb = postal(rb.get("zip"));
            expect(p, "zip_equal", za.isEmpty() || zb.isEmpty() ? "" : Boolean.toString(za.equals(zb)));
            double jw = JW.apply(fullName(ra), fullName(rb));
            assertEquals(jw, Double.parseDouble(p.get("name_jw")), 1e-5, p.toString());
            expect(p, "state_equal", Boolean.toString(ra.get("state").equals(rb.get("state"))));
            expect(p, "city_equal", Boolean.toString(normName(ra.get("city")).equals(normName(rb.get("city")))));
        }
    }

    @Test
    void positivesAlwaysHaveAnIdentityOnBothSides() {
        for (Map<String, String> p : pairs) {
            if (p.get("y").equals("1")) {
                for (Map<String, String> r : List.of(a(p), b(p))) {
                    assertFalse(r.get("email").isEmpty() && r.get("phone").isEmpty(), p.toString());
                    assertFalse(r.get("first_name").isBlank() || r.get("last_name").isBlank(), p.toString());
                }
            }
        }
    }

    private static void expect(Map<String, String> p, String feature, String expected) {
        assertEquals(expected, p.get(feature), feature + " of " + p);
    }

    private static List<Map<String, String>> strategy(String s) {
        return pairs.stream().filter(p -> p.get("strategy").equals(s)).toList();
    }

    private static Map<String, String> a(Map<String, String> p) {
        return records.get(p.get("src_a") + "|" + p.get("id_a"));
    }

    private static Map<String, String> b(Map<String, String> p) {
        return records.get(p.get("src_b") + "|" + p.get("id_b"));
    }

    private static String fullName(Map<String, String> r) {
        return normName(r.get("first_name")) + " " + normName(r.get("last_name"));
    }

    private static String phone10(String phone) {
        String d = digits(phone);
        return d.length() < 10 ? "" : d.substring(d.length() - 10);
    }

    /** First five digits of a US ZIP; a Canadian postal code upper case without its space. */
    private static String postal(String zip) {
        String z = zip.replace(" ", "").toUpperCase(Locale.ROOT);
        return z.length() >= 5 && Character.isDigit(z.charAt(0)) ? z.substring(0, 5) : z;
    }

    private static String address(String source, Map<String, String> r) {
        return r.get(Source.byKey(source).addressField());
    }

    private static String house(String address) {
        return address.trim().replaceFirst("^(\\d*).*$", "$1");
    }
}
