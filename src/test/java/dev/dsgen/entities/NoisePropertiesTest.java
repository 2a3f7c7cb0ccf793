package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.CA_POSTAL;
import static dev.dsgen.entities.EntityTestSupport.EMAIL;
import static dev.dsgen.entities.EntityTestSupport.US_ZIP;
import static dev.dsgen.entities.EntityTestSupport.agreeingPlaces;
import static dev.dsgen.entities.EntityTestSupport.digits;
import static dev.dsgen.entities.EntityTestSupport.validPhone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.Rng;
import dev.dsgen.entities.EntityPlan.SourcePlan;
import dev.dsgen.entities.EntityTestSupport.Fixture;
import dev.dsgen.entities.features.Contact;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Noise changes how a record is written, never who it is, and never makes a value malformed.
 * Checked on duplicates drawn by {@link RecordFactory} for random seeds, and on hand-built
 * {@link RecordDraft}s (including streets that start with "Saint").
 */
class NoisePropertiesTest {
    private static final Set<String> OP_LABELS = Arrays.stream(NoiseOp.values()).map(NoiseOp::label)
            .collect(Collectors.toSet());
    private static final NoiseModel NOISE = new NoiseModel(ReferenceData.get());

    // ------------------------------------------------------------------ via RecordFactory

    @Property(tries = 50)
    void duplicatesKeepTheEntityOfTheRecordTheyCopy(@ForAll long seed) {
        Fixture fx = EntityTestSupport.fixture(seed, 150, 0.15, 0.5, LocaleMix.US_CA);
        int duplicates = 0;
        for (Source s : Source.values()) {
            SourcePlan sp = fx.plan().sources.get(s);
            for (int slot = 0; slot < sp.size(); slot++) {
                if (sp.dupOf[slot] < 0) {
                    continue;
                }
                duplicates++;
                GeneratedRecord dup = fx.record(s, slot);
                GeneratedRecord orig = fx.record(s, sp.dupOf[slot]);
                assertEquals(orig.entity(), dup.entity(), "entity of " + dup.id() + " vs the record it copies");
                assertEquals(sp.entity[slot], dup.entity());
                List<String> ops = dup.noise();
                assertTrue(ops.size() >= 1 && ops.size() <= 3, "1-3 noise ops on duplicate " + dup.id() + ": " + ops);
                assertEquals(ops.size(), Set.copyOf(ops).size(), "distinct ops " + ops);
                assertTrue(OP_LABELS.containsAll(ops), ops.toString());
                // Still the same person: place and (unless dropped) phone of the person they copy.
                Person p = fx.persons().person(dup.entity());
                Contact c = dup.contact();
                assertEquals(p.place().city(), c.city());
                assertEquals(p.place().region(), c.state());
                assertEquals(normPostal(p.postal()), normPostal(c.postal()));
                if (!c.phone().isEmpty()) {
                    assertEquals(p.phone(), last10(c.phone()));
                }
                assertIdentityKept(dup.id(), c, p.street());
            }
        }
        assertEquals(3 * Math.round(150 * 0.15), duplicates, "15% of 3 x 150 slots are duplicates");
    }

    @Property(tries = 50)
    void formatsStayValidAfterNoiseAndPlacesAgreeWithTheReferenceTables(@ForAll long seed) {
        Fixture fx = EntityTestSupport.fixture(seed, 120, 0.25, 0.6, LocaleMix.US_CA);
        for (Source s : Source.values()) {
            SourcePlan sp = fx.plan().sources.get(s);
            for (int slot = 0; slot < sp.size(); slot++) {
                GeneratedRecord rec = fx.record(s, slot);
                Contact c = rec.contact();
                String where = rec.id() + " " + rec.noise() + " " + c;
                if (!c.email().isEmpty()) {
                    assertTrue(EMAIL.matcher(c.email()).matches(), "email of " + where);
                }
                if (!c.phone().isEmpty()) {
                    assertTrue(validPhone(c.phone()), "phone of " + where);
                }
                String country = rec.values()[columnIndex(fx, s, "country")];
                if (country.equals("US")) {
                    assertTrue(US_ZIP.matcher(c.postal()).matches(), "ZIP of " + where);
                } else {
                    assertEquals("CA", country);
                    assertTrue(CA_POSTAL.matcher(c.postal()).matches(), "postal code of " + where);
                }
                // City, state and postal code are one real place (noise only changes their format).
                List<EntityTestSupport.PlaceRow> rows = agreeingPlaces(country, c.city(), c.state(), c.postal());
                assertFalse(rows.isEmpty(), "reference place for " + where);
                if (sp.kind[slot] != EntityPlan.DUPLICATE && !c.phone().isEmpty()) {
                    // The area code belongs to that place.
                    String area = last10(c.phone()).substring(0, 3);
                    assertTrue(rows.stream().anyMatch(r -> r.areaCodes().contains(area)),
                            "area code " + area + " of " + where);
                }
                // The written row carries the same values as the contact used for pairing.
                String[] v = rec.values();
                assertEquals(c.email(), v[columnIndex(fx, s, "email")]);
                assertEquals(c.phone(), v[columnIndex(fx, s, "phone")]);
                assertEquals(c.postal(), v[columnIndex(fx, s, "zip")]);
            }
        }
    }

    // ------------------------------------------------------------------ on hand-built drafts

    @Property(tries = 200)
    void noiseNeverEmptiesNamesNeverDropsBothContactsAndNeverRewritesTheStreet(
            @ForAll("drafts") RecordDraft d, @ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int count,
            @ForAll @IntRange(min = 1, max = 4) int rounds) {
        String street = d.street;
        int house = d.houseNumber;
        String city = d.city;
        String postal = d.postal;
        Rng r = new Rng(seed);
        // Stack several rounds so combinations (missing + missing, typo + typo...) are exercised.
        for (int i = 0; i < rounds; i++) {
            NOISE.apply(d, r, count);
        }
        String ops = d.noise.toString();
        assertTrue(d.noise.size() <= count * rounds && OP_LABELS.containsAll(d.noise), ops);
        assertFalse(d.first.isBlank(), "first name emptied by " + ops);
        assertFalse(d.last.isBlank(), "last name emptied by " + ops);
        assertFalse(d.renderFirst().isBlank(), ops);
        assertFalse(d.renderLast().isBlank(), ops);
        assertTrue(d.emailLocal != null || d.phone != null, "email or phone survives " + ops);
        assertFalse(d.renderEmail().isEmpty() && d.renderPhone().isEmpty(), ops);
        assertEquals(street, d.street, "street base name after " + ops);
        assertEquals(house, d.houseNumber);
        assertEquals(city, d.city);
        assertEquals(postal, d.postal);
        if (!d.addressMissing) {
            String address = d.renderAddress();
            String lower = address.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains(" " + street.toLowerCase(Locale.ROOT) + " "), address + " after " + ops);
            assertTrue(address.startsWith(house + " "), address);
            if (street.startsWith("Saint ")) {
                assertFalse(lower.contains(" st " + street.substring(6).toLowerCase(Locale.ROOT)), address);
            }
        }
        // Formats stay valid.
        if (d.emailLocal != null) {
            assertTrue(EMAIL.matcher(d.renderEmail()).matches(), d.renderEmail() + " after " + ops);
        }
        if (d.phone != null) {
            assertTrue(validPhone(d.renderPhone()), d.renderPhone());
            assertEquals(d.phone, last10(d.renderPhone()));
        }
        assertTrue((d.country.equals("US") ? US_ZIP : CA_POSTAL).matcher(d.renderPostal()).matches(), d.renderPostal());
        assertEquals(normPostal(postal), normPostal(d.renderPostal()));
    }

    @Property(tries = 100)
    void saintStreetsStaySaintInGeneratedDuplicates(@ForAll long seed) {
        // Persons whose street starts with "Saint", through the real draft + noise path.
        checkSaintStreets(EntityTestSupport.fixture(seed, 400, 0.3, 0.5, LocaleMix.US_CA));
    }

    @net.jqwik.api.Example
    void saintStreetsOccurAndSurviveNoise() {
        assertTrue(checkSaintStreets(EntityTestSupport.fixture(5, 4000, 0.3, 0.5, LocaleMix.US_CA)) >= 5,
                "some records live on a Saint ... street");
    }

    private static int checkSaintStreets(Fixture fx) {
        int saintRecords = 0;
        for (Source s : Source.values()) {
            SourcePlan sp = fx.plan().sources.get(s);
            for (int slot = 0; slot < sp.size(); slot++) {
                Person p = fx.persons().person(sp.entity[slot]);
                if (!p.street().startsWith("Saint ")) {
                    continue;
                }
                GeneratedRecord rec = fx.record(s, slot);
                String a = rec.contact().address().toLowerCase(Locale.ROOT);
                if (!a.isEmpty()) {
                    assertTrue(a.contains(" " + p.street().toLowerCase(Locale.ROOT) + " "), rec.id() + " " + a);
                    assertFalse(a.contains(" st " + p.street().substring(6).toLowerCase(Locale.ROOT)), rec.id() + " " + a);
                    saintRecords++;
                }
            }
        }
        return saintRecords;
    }

    @Provide
    Arbitrary<RecordDraft> drafts() {
        Arbitrary<String> first = Arbitraries.of("Alexander", "Alex", "William", "Bill", "Elizabeth", "Liz", "Jo",
                "Al", "Mary", "Anne", "Robert", "Bob", "Jennifer", "Scott", "Zoe");
        Arbitrary<String> last = Arbitraries.of("Smith", "O'Brien", "Smith-Jones", "Li", "Ng", "Vanderhoek",
                "McKinnon", "Allen", "D'Angelo-Ruiz");
        Arbitrary<String> street = Arbitraries.of("Saint James", "Saint Charles", "Saint Paul", "Main", "Oak",
                "Martin Luther King Jr", "Saint Clair");
        Arbitrary<String> local = Arbitraries.of("alex.smith", "asmith", "smith.alex", "a.smith", "alex1984",
                "jo_li", "bobng42");
        Arbitrary<String> domain = Arbitraries.of("gmail.com", "googlemail.com", "yahoo.com", "shaw.ca", "att.net");
        Arbitrary<Integer> contacts = Arbitraries.integers().between(0, 2); // 0 both, 1 email only, 2 phone only
        Arbitrary<Boolean> us = Arbitraries.of(true, false);
        Arbitrary<Long> knobs = Arbitraries.longs();
        return Combinators.combine(first, last, street, local, domain, contacts, us, knobs)
                .as((f, l, st, lo, dom, which, isUs, k) -> {
                    Rng r = new Rng(k);
                    RecordDraft d = new RecordDraft();
                    d.entity = 1;
                    d.first = f;
                    d.last = l;
                    d.emailLocal = which == 2 ? null : lo;
                    d.emailDomain = dom;
                    d.phone = which == 1 ? null : "416" + (200 + r.nextInt(700)) + String.format("%04d", r.nextInt(10_000));
                    d.phoneFormat = r.nextInt(RecordDraft.PHONE_FORMATS);
                    d.houseNumber = r.nextInt(1, 29_999);
                    d.street = st;
                    d.suffix = ReferenceData.get().suffixes.get(r.nextInt(ReferenceData.get().suffixes.size()));
                    d.suffixAbbreviated = r.chance(0.5);
                    d.suffixPeriod = d.suffixAbbreviated && r.chance(0.3);
                    if (r.chance(0.4)) {
                        d.unitKind = r.pick(List.of("Apt", "Unit", "Suite"));
                        d.unit = Integer.toString(r.nextInt(1, 40));
                        d.unitHash = r.chance(0.5);
                        d.commaBeforeUnit = r.chance(0.5);
                    }
                    d.addressMissing = r.chance(0.1);
                    d.country = isUs ? "US" : "CA";
                    d.city = isUs ? "Indianapolis" : "Toronto";
                    d.region = isUs ? "IN" : "ON";
                    d.postal = isUs ? "46210" : "M5V 2T6";
                    d.zip4 = isUs && r.chance(0.3) ? "1234" : null;
                    d.postalCompact = !isUs && r.chance(0.3);
                    d.company = r.chance(0.5) ? "Smith & Sons Motors" : null;
                    d.nameCase = r.nextInt(3);
                    d.addressUpper = r.chance(0.2);
                    return d;
                });
    }

    private static void assertIdentityKept(String id, Contact c, String street) {
        assertFalse(c.firstName().isBlank(), "first name of " + id);
        assertFalse(c.lastName().isBlank(), "last name of " + id);
        assertFalse(c.email().isEmpty() && c.phone().isEmpty(), "email and phone both missing in " + id);
        if (!c.address().isEmpty()) {
            assertTrue(c.address().toLowerCase(Locale.ROOT).contains(" " + street.toLowerCase(Locale.ROOT) + " "),
                    "street base name in " + id + ": " + c.address());
        }
    }

    private static int columnIndex(Fixture fx, Source s, String name) {
        List<FieldSpec> fs = fx.fields().get(s);
        for (int i = 0; i < fs.size(); i++) {
            if (fs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }

    static String last10(String phone) {
        String d = digits(phone);
        return d.substring(d.length() - 10);
    }

    static String normPostal(String p) {
        String x = p.replace(" ", "").toUpperCase(Locale.ROOT);
        return Character.isDigit(x.charAt(0)) ? x.substring(0, 5) : x;
    }
}
