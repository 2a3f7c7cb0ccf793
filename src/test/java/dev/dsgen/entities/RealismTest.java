package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.CA_POSTAL;
import static dev.dsgen.entities.EntityTestSupport.EMAIL;
import static dev.dsgen.entities.EntityTestSupport.US_ZIP;
import static dev.dsgen.entities.EntityTestSupport.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.Rng;
import dev.dsgen.entities.EntityTestSupport.Run;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The data looks like real people: name frequencies, unique emails built from names, places, VINs. */
class RealismTest {
    private static final Set<String> US_STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA",
            "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
            "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
            "WA", "WV", "WI", "WY");
    private static final Set<String> CA_PROVINCES = Set.of("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE",
            "QC", "SK", "YT");

    @Test
    void surnameFrequenciesMatchTheCensus() {
        Rng r = new Rng(12345);
        Map<String, Integer> counts = new HashMap<>();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            counts.merge(ReferenceData.get().surnames.sample(r), 1, Integer::sum);
        }
        double smith = counts.getOrDefault("Smith", 0) / (double) n;
        assertTrue(smith >= 0.006 && smith <= 0.010, "Smith share " + smith);
        double top10 = counts.values().stream().sorted((a, b) -> b - a).limit(10).mapToInt(Integer::intValue).sum()
                / (double) n;
        assertTrue(top10 >= 0.04 && top10 <= 0.06, "top-10 share " + top10);
        // A long tail: many distinct names, none dominating.
        assertTrue(counts.size() > 3000, counts.size() + " distinct surnames");
    }

    @Test
    void twoEntitiesNeverShareAnEmailIn20kPeople() {
        int entities = 20_000;
        PersonFactory persons = new PersonFactory(7, ReferenceData.get(), LocaleMix.US_CA, 2025);
        // Without the registry some people would collide (two John Smiths at gmail): the check can fail.
        Set<String> raw = new HashSet<>();
        int rawCollisions = 0;
        for (int e = 0; e < entities; e++) {
            if (!raw.add(persons.person(e, 0).email().toLowerCase(Locale.ROOT))) {
                rawCollisions++;
            }
        }
        assertTrue(rawCollisions > 0, "20k people without the registry collide at least once");
        persons.setEmailAttempts(EmailRegistry.resolve(persons, entities, null, 1));
        Map<String, Integer> owner = new HashMap<>();
        for (int e = 0; e < entities; e++) {
            String email = persons.person(e).email().toLowerCase(Locale.ROOT);
            Integer prev = owner.put(email, e);
            assertTrue(prev == null, email + " owned by entities " + prev + " and " + e);
            assertTrue(EMAIL.matcher(email).matches(), email);
        }
        // Resolution is in entity order: an entity keeps its first-choice address unless an earlier
        // entity already holds it, so the result does not depend on threads.
        Set<String> taken = new HashSet<>();
        int bumped = 0;
        for (int e = 0; e < entities; e++) {
            String first = persons.person(e, 0).email();
            String resolved = persons.person(e).email();
            if (taken.contains(first)) {
                assertFalse(resolved.equals(first), "entity " + e + " must not reuse " + first);
                bumped++;
            } else {
                assertEquals(first, resolved, "entity " + e + " keeps its first choice");
            }
            taken.add(resolved);
        }
        assertTrue(bumped >= rawCollisions, bumped + " bumped, " + rawCollisions + " raw collisions");
    }

    @Test
    void emailsOfA20kEntityRunAreUniqueAcrossEntities() {
        Run run = EntityTestSupport.cached("emails-20k", d -> EntityTestSupport.config(d, 99, 19_500, 3000, 2100,
                PiiMode.PLAIN, 2));
        Map<String, String> truth = EntityTestSupport.truth(run);
        Set<String> entities = new HashSet<>(truth.values());
        assertTrue(entities.size() >= 20_000, entities.size() + " entities");
        Map<String, String> ownerOfEmail = new HashMap<>();
        int checked = 0;
        for (Source s : Source.values()) {
            for (Map<String, String> row : csv(run.records(s))) {
                String email = row.get("email").toLowerCase(Locale.ROOT);
                if (email.isEmpty()) {
                    continue;
                }
                String entity = truth.get(s.key() + "|" + row.get("id"));
                String prev = ownerOfEmail.putIfAbsent(email, entity);
                assertTrue(prev == null || prev.equals(entity), email + " written for " + prev + " and " + entity);
                checked++;
            }
        }
        assertTrue(checked > 24_000, checked + " emails");
    }

    @Property(tries = 20)
    void emailsAreDerivedFromThePersonsName(@ForAll long seed) {
        PersonFactory persons = new PersonFactory(seed, ReferenceData.get(), LocaleMix.US_CA, 2025);
        int n = 2000;
        int fromName = 0;
        for (int e = 0; e < n; e++) {
            Person p = persons.person(e);
            if (derived(p.emailLocal(), p.firstName(), p.nickname(), p.lastName())) {
                fromName++;
            }
        }
        assertTrue(fromName > 0.8 * n, fromName + " of " + n + " emails built from the name");
    }

    @Test
    void writtenEmailsAreDerivedFromTheWrittenNames() {
        Run run = EntityTestSupport.standard();
        int total = 0;
        int fromName = 0;
        for (Source s : Source.values()) {
            for (Map<String, String> row : csv(run.records(s))) {
                String email = row.get("email");
                if (email.isEmpty()) {
                    continue;
                }
                total++;
                String local = EntityTestSupport.local(email);
                if (derived(local, row.get("first_name"), null, row.get("last_name"))) {
                    fromName++;
                }
            }
        }
        assertTrue(fromName > 0.8 * total, fromName + " of " + total);
    }

    @Test
    void canadiansHaveProvincesAndPostalCodesAmericansStatesAndZips() {
        Run run = EntityTestSupport.standard();
        int ca = 0;
        int us = 0;
        for (Source s : Source.values()) {
            for (Map<String, String> row : csv(run.records(s))) {
                String where = s.key() + " " + row.get("id") + " " + row.get("state") + " " + row.get("zip");
                if (row.get("country").equals("CA")) {
                    ca++;
                    assertTrue(CA_PROVINCES.contains(row.get("state")), where);
                    assertTrue(CA_POSTAL.matcher(row.get("zip")).matches(), where);
                } else {
                    us++;
                    assertEquals("US", row.get("country"), where);
                    assertTrue(US_STATES.contains(row.get("state")), where);
                    assertTrue(US_ZIP.matcher(row.get("zip")).matches(), where);
                }
                assertFalse(EntityTestSupport.agreeingPlaces(row.get("country"), row.get("city"), row.get("state"),
                        row.get("zip")).isEmpty(), where + " " + row.get("city"));
            }
        }
        double caShare = ca / (double) (ca + us);
        assertTrue(caShare > 0.12 && caShare < 0.28, "US+CA blend: CA share " + caShare);
    }

    @Test
    void localeMixControlsTheCountry() {
        PersonFactory usOnly = new PersonFactory(3, ReferenceData.get(), LocaleMix.US, 2025);
        PersonFactory caOnly = new PersonFactory(3, ReferenceData.get(), LocaleMix.CA, 2025);
        for (int e = 0; e < 2000; e++) {
            Person u = usOnly.person(e);
            assertEquals("US", u.place().country());
            assertTrue(US_STATES.contains(u.place().region()), u.place().toString());
            assertTrue(US_ZIP.matcher(u.postal()).matches(), u.postal());
            Person c = caOnly.person(e);
            assertEquals("CA", c.place().country());
            assertTrue(CA_PROVINCES.contains(c.place().region()), c.place().toString());
            assertTrue(CA_POSTAL.matcher(c.postal()).matches(), c.postal());
            // Canadian postal codes never use D, F, I, O, Q or U.
            assertFalse(c.postal().matches(".*[DFIOQU].*"), c.postal());
        }
    }

    @Test
    void vinCheckDigitMatchesKnownRealVins() {
        assertEquals('3', RecordFactory.vinCheckDigit("1HGCM82633A004352"));
        assertEquals('X', RecordFactory.vinCheckDigit("1M8GDM9AXKP042788"));
        assertEquals('1', RecordFactory.vinCheckDigit("11111111111111111"));
        // A VIN with a wrong check digit is detected: its computed digit differs from position 9.
        assertFalse(RecordFactory.vinCheckDigit("1HGCM82643A004352") == '4');
    }

    @Test
    void generatedVinsHaveValidCheckDigits() {
        for (long seed = 0; seed < 2000; seed++) {
            String vin = RecordFactory.vin(new Rng(seed));
            assertValidVin(vin);
        }
        Run run = EntityTestSupport.standard();
        List<Map<String, String>> sales = csv(run.records(Source.SALES));
        for (Map<String, String> row : sales) {
            assertValidVin(row.get("vin"));
        }
        assertEquals(sales.size(), sales.stream().map(r -> r.get("vin")).distinct().count(), "VINs unique");
    }

    @Test
    void schemaColumnsRespectTheirOptions() {
        Run run = EntityTestSupport.standard();
        java.time.Instant ref = run.cfg().run().referenceTime();
        java.time.Instant from = ref.minus(java.time.Duration.ofDays(730));
        List<Map<String, String>> leads = csv(run.records(Source.LEADS));
        String prev = "";
        for (Map<String, String> row : leads) {
            java.time.Instant t = java.time.Instant.parse(row.get("created_at"));
            assertTrue(!t.isBefore(from) && t.isBefore(ref), row.get("created_at"));
            // Ids are issued in time order.
            assertTrue(row.get("created_at").compareTo(prev) >= 0, row.get("id"));
            prev = row.get("created_at");
            assertTrue(Set.of("website", "dealer_walk_in", "phone", "event", "referral", "third_party")
                    .contains(row.get("source")), row.get("source"));
        }
        long website = leads.stream().filter(r -> r.get("source").equals("website")).count();
        assertTrue(website > 0.38 * leads.size() && website < 0.52 * leads.size(), "website weight 45%: " + website);
        for (Map<String, String> row : csv(run.records(Source.SALES))) {
            double v = Double.parseDouble(row.get("order_value"));
            assertTrue(v >= 12000 && v <= 95000, row.get("order_value"));
            assertTrue(row.get("order_value").matches("\\d+\\.\\d{2}"), row.get("order_value"));
            java.time.LocalDate d = java.time.LocalDate.parse(row.get("order_date"));
            assertTrue(!d.isBefore(java.time.LocalDate.of(2023, 1, 2)) && d.isBefore(java.time.LocalDate.of(2025, 1, 1)), d.toString());
            assertTrue(row.get("order_id").matches("SO-\\d{8}"), row.get("order_id"));
            // A car sold in year Y is at most a model Y+1 and at most 13 years older.
            int year = Integer.parseInt(row.get("vehicle_year"));
            assertTrue(year <= d.getYear() + 1 && year >= d.getYear() - 12,
                    row.get("vehicle_year") + " sold " + d);
        }
        for (Map<String, String> row : csv(run.records(Source.FINANCIAL))) {
            double v = Double.parseDouble(row.get("amount"));
            assertTrue(v >= 350 && v <= 95000, row.get("amount"));
            // only_when: a term exactly for loans and leases, from the usual terms.
            boolean financed = Set.of("loan", "lease").contains(row.get("payment_method"));
            assertEquals(financed, !row.get("term_months").isEmpty(), row.toString());
            if (!row.get("term_months").isEmpty()) {
                int m = Integer.parseInt(row.get("term_months"));
                assertTrue(Set.of(24, 36, 48, 60, 72, 84).contains(m), row.get("term_months"));
            }
            assertTrue(row.get("invoice_id").matches("INV-\\d{8}"), row.get("invoice_id"));
            assertTrue(Set.of("loan", "lease", "cash", "card", "wire").contains(row.get("payment_method")));
        }
    }

    @Test
    void accountsIdentifyAPersonWithinASource() {
        Run run = EntityTestSupport.standard();
        Map<String, String> truth = EntityTestSupport.truth(run);
        for (Source s : List.of(Source.SALES, Source.FINANCIAL)) {
            Map<String, String> accountOfEntity = new HashMap<>();
            Map<String, String> entityOfAccount = new HashMap<>();
            for (Map<String, String> row : csv(run.records(s))) {
                String entity = truth.get(s.key() + "|" + row.get("id"));
                String account = row.get("account");
                assertTrue(account.matches(s == Source.SALES ? "C\\d{8}" : "FA\\d{8}"), account);
                String a = accountOfEntity.putIfAbsent(entity, account);
                assertTrue(a == null || a.equals(account), entity + " has accounts " + a + " and " + account);
                String e = entityOfAccount.putIfAbsent(account, entity);
                assertTrue(e == null || e.equals(entity), account + " shared by " + e + " and " + entity);
            }
        }
    }

    private static void assertValidVin(String vin) {
        assertEquals(17, vin.length(), vin);
        assertTrue(vin.matches("[A-HJ-NPR-Z0-9]{17}"), vin + " uses I, O or Q");
        assertEquals(independentCheckDigit(vin), vin.charAt(8), vin);
    }

    /** ISO 3779 / 49 CFR 565.15 check digit, written independently of the code under test. */
    private static char independentCheckDigit(String vin) {
        String letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = vin.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : values[letters.indexOf(c)];
            sum += v * weights[i];
        }
        int rem = sum % 11;
        return rem == 10 ? 'X' : (char) ('0' + rem);
    }

    /** The local part contains the last name, the first name (or nickname), or first initial + last name. */
    private static boolean derived(String local, String first, String nickname, String last) {
        String l = local.toLowerCase(Locale.ROOT);
        String f = PersonFactory.letters(first.trim());
        String la = PersonFactory.letters(last.trim());
        return l.contains(la) || l.contains(f) || (nickname != null && l.contains(PersonFactory.letters(nickname)));
    }
}
