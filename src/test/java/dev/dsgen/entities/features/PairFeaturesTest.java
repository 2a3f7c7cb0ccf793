package dev.dsgen.entities.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.entities.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pair features: identical contacts agree everywhere, unknown is null not false, nicknames count as equal. */
class PairFeaturesTest {
    private static final PairFeatures FEATURES = new PairFeatures(ReferenceData.get().nicknames::equivalent);
    private static final Contact ALEX = new Contact("Alexander", "Smith", "alex.smith@gmail.com", "(416) 555-0123",
            "12 Saint James Street Apt 4", "Toronto", "ON", "M5V 2T6");
    private static final Contact EMPTY = new Contact("", "", "", "", "", "", "", "");

    @Test
    void featureNamesAreTheDocumentedColumnsInOrder() {
        List<String> expected = new ArrayList<>(PairFeatures.DOUBLE_FEATURES);
        expected.addAll(PairFeatures.BOOLEAN_FEATURES);
        assertEquals(expected, List.copyOf(FEATURES.compute(ALEX, ALEX).keySet()));
        assertTrue(expected.size() >= 6);
    }

    @Test
    void identicalContactsAgreeOnEveryFeature() {
        Map<String, Object> f = FEATURES.compute(ALEX, ALEX);
        for (String d : PairFeatures.DOUBLE_FEATURES) {
            assertEquals(1.0, (Double) f.get(d), 1e-12, d);
        }
        for (String b : PairFeatures.BOOLEAN_FEATURES) {
            assertEquals(Boolean.TRUE, f.get(b), b);
        }
    }

    @Test
    void formattingDifferencesDoNotMatter() {
        Contact other = new Contact("ALEXANDER ", " smith", "Alex.Smith+cars@GMAIL.com", "+1 416 555 0123",
                "12  SAINT JAMES ST", "TORONTO", "ON", "m5v2t6");
        Map<String, Object> f = FEATURES.compute(ALEX, other);
        assertEquals(1.0, (Double) f.get("name_jw"), 1e-12);
        assertEquals(1.0, (Double) f.get("email_local_jw"), 1e-12);
        for (String b : PairFeatures.BOOLEAN_FEATURES) {
            assertEquals(Boolean.TRUE, f.get(b), b);
        }
    }

    @Test
    void missingValuesGiveNullFeatures() {
        Map<String, Object> f = FEATURES.compute(ALEX, EMPTY);
        for (Map.Entry<String, Object> e : f.entrySet()) {
            assertNull(e.getValue(), e.getKey());
        }
        Map<String, Object> g = FEATURES.compute(EMPTY, EMPTY);
        g.values().forEach(v -> assertNull(v));
        // Only the email missing: the email features are null, the rest known.
        Contact noEmail = new Contact("Alexander", "Smith", "", "(416) 555-0123", "12 Saint James Street", "Toronto", "ON",
                "M5V 2T6");
        Map<String, Object> h = FEATURES.compute(ALEX, noEmail);
        assertNull(h.get("email_local_jw"));
        assertNull(h.get("email_local_equal"));
        assertNull(h.get("email_domain_equal"));
        assertEquals(Boolean.TRUE, h.get("phone_equal"));
        assertEquals(1.0, (Double) h.get("name_jw"), 1e-12);
        // A phone with too few digits is unknown, not different.
        Contact shortPhone = new Contact("Alexander", "Smith", "alex.smith@gmail.com", "555-0123", "", "", "", "");
        Map<String, Object> k = FEATURES.compute(ALEX, shortPhone);
        assertNull(k.get("phone_equal"));
        assertNull(k.get("address_number_equal"));
        assertNull(k.get("zip_equal"));
        assertNull(k.get("city_equal"));
    }

    @Test
    void differentPeopleDisagree() {
        Contact bob = new Contact("Robert", "Jones", "bob.jones@yahoo.com", "212-555-0199", "9 Oak Ave", "New York", "NY",
                "10016");
        Map<String, Object> f = FEATURES.compute(ALEX, bob);
        for (String b : PairFeatures.BOOLEAN_FEATURES) {
            assertEquals(Boolean.FALSE, f.get(b), b);
        }
        assertTrue((Double) f.get("name_jw") < 0.8, f.toString());
    }

    @Test
    void nicknamesAreEquivalentFirstNames() {
        Contact alex = new Contact("Alex", "Smith", "", "", "", "", "", "");
        Map<String, Object> f = FEATURES.compute(ALEX, alex);
        assertEquals(Boolean.TRUE, f.get("first_name_nickname_equal"));
        assertTrue((Double) f.get("first_name_jw") < 1.0);
        Contact bill = new Contact("Bill", "Smith", "", "", "", "", "", "");
        Contact william = new Contact("WILLIAM", "Smith", "", "", "", "", "", "");
        assertEquals(Boolean.TRUE, FEATURES.compute(bill, william).get("first_name_nickname_equal"));
        Contact robert = new Contact("Robert", "Smith", "", "", "", "", "", "");
        assertEquals(Boolean.FALSE, FEATURES.compute(ALEX, robert).get("first_name_nickname_equal"));
        assertTrue(ReferenceData.get().nicknames.equivalent("Alexander", "Alex"));
        assertTrue(ReferenceData.get().nicknames.equivalent("alex", "ALEXANDER"));
        assertFalse(ReferenceData.get().nicknames.equivalent("Alexander", "Robert"));
    }

    @Test
    void phoneticLastNamesMatchSoundAlikes() {
        assertEquals(PairFeatures.phonetic("smith"), PairFeatures.phonetic("smyth"));
        assertFalse(PairFeatures.phonetic("smith").equals(PairFeatures.phonetic("jones")));
        Contact smyth = new Contact("Alexander", "Smyth", "", "", "", "", "", "");
        assertEquals(Boolean.TRUE, FEATURES.compute(ALEX, smyth).get("last_name_phonetic_equal"));
    }

    @Test
    void nameSimilarityIsJaroWinklerOfTheNormalisedFullName() {
        Contact a = new Contact("Jon", "Smith", "", "", "", "", "", "");
        Contact b = new Contact("JOHN", " Smith ", "", "", "", "", "", "");
        double jw = PairFeatures.nameSimilarity(a, b);
        assertTrue(jw > 0.9 && jw < 1.0, Double.toString(jw));
        assertEquals(jw, (Double) FEATURES.compute(a, b).get("name_jw"), 1e-6);
        assertEquals(1.0, PairFeatures.nameSimilarity(ALEX, ALEX), 1e-12);
        // Symmetric.
        assertEquals(PairFeatures.nameSimilarity(a, b), PairFeatures.nameSimilarity(b, a), 1e-12);
    }
}
