package dev.dsgen.entities;

import dev.dsgen.core.Digits;
import dev.dsgen.core.Rng;
import dev.dsgen.core.Seeds;
import dev.dsgen.entities.ReferenceData.Place;
import java.util.List;
import java.util.Locale;

/**
 * Draws person {@code e} as a pure function of (seed, e): the same person on any thread, in any
 * order. A few percent of people share an address with an earlier person: family members (same
 * last name, sometimes the same landline) and neighbours (same building, another unit). They are
 * the real-world source of "same address, different person" confusers.
 */
public final class PersonFactory {
    private static final long PERSON = Seeds.stream("entities.person");
    private static final long HOUSEHOLD = Seeds.stream("entities.household");
    private static final long EMAIL = Seeds.stream("entities.email");
    static final double CO_RESIDENT_RATE = 0.06;

    private final long seed;
    private final ReferenceData ref;
    private final LocaleMix locale;
    private final int referenceYear;
    private byte[] emailAttempts = new byte[0];

    public PersonFactory(long seed, ReferenceData ref, LocaleMix locale, int referenceYear) {
        this.seed = seed;
        this.ref = ref;
        this.locale = locale;
        this.referenceYear = referenceYear;
    }

    /** Per-entity retry counts that make every email unique (see {@link EmailRegistry}). */
    void setEmailAttempts(byte[] attempts) {
        this.emailAttempts = attempts;
    }

    public Person person(int e) {
        int attempt = e < emailAttempts.length ? emailAttempts[e] : 0;
        return person(e, attempt);
    }

    Person person(int e, int emailAttempt) {
        Rng r = Seeds.rng(seed, PERSON, e);
        char sex = r.chance(0.5) ? 'F' : 'M';
        String first = (sex == 'F' ? ref.femaleNames : ref.maleNames).sample(r);
        String nickname = null;
        List<String> nicks = ref.nicknames.nicknamesOf(first);
        if (!nicks.isEmpty() && r.chance(0.3)) {
            nickname = ReferenceData.title(r.pick(nicks));
        }
        String last = ref.surnames.sample(r);
        int birthYear = referenceYear - r.nextInt(18, 80);

        int head = headOf(e);
        Rng home = head == e ? r : Seeds.rng(seed, PERSON, head);
        Person anchor = null;
        if (head != e) {
            // Re-draw the head's address fields from its own stream, so both share them exactly.
            anchor = person(head, 0);
            Rng kind = Seeds.rng(seed, HOUSEHOLD, e);
            boolean family = kind.chance(0.6);
            if (family && kind.chance(0.7)) {
                last = anchor.lastName();
            }
            String phone = family && kind.chance(0.3) ? anchor.phone() : phone(anchor.place(), r);
            String unit = anchor.unit();
            String unitKind = anchor.unitKind();
            if (!family) {
                unitKind = unitKind == null ? "Apt" : unitKind;
                unit = String.valueOf(kind.nextInt(1, 60)) + (kind.chance(0.3) ? "ABCD".charAt(kind.nextInt(4)) : "");
            }
            String company = r.chance(0.55) ? company(r, last) : null;
            Email em = email(e, first, nickname, last, birthYear, anchor.place().country(), emailAttempt);
            return new Person(e, sex, first, nickname, last, em.local, em.domain, phone, anchor.place(),
                    anchor.postal(), anchor.houseNumber(), anchor.street(), anchor.suffix(), unitKind, unit,
                    company, birthYear);
        }
        boolean us = locale.usShare() >= 1.0 || (locale.usShare() > 0 && home.chance(locale.usShare()));
        Place place = (us ? ref.usPlaces : ref.caPlaces).sample(home);
        String postal = us ? Digits.pad(home.nextInt(place.zipMin(), place.zipMax()), 5)
                : home.pick(place.fsas()) + " " + home.nextInt(10) + letter(home) + home.nextInt(10);
        int house = houseNumber(home);
        String street = ref.streets.sample(home);
        int suffix = ref.suffixIndex.sample(home);
        String unitKind = null;
        String unit = null;
        if (home.chance(0.16)) {
            double k = home.nextDouble();
            unitKind = k < 0.7 ? "Apt" : k < 0.9 ? "Unit" : "Suite";
            unit = String.valueOf(home.nextInt(1, 40)) + (home.chance(0.25) ? "ABCD".charAt(home.nextInt(4)) : "");
        }
        String phone = phone(place, home);
        String company = r.chance(0.55) ? company(r, last) : null;
        Email em = email(e, first, nickname, last, birthYear, place.country(), emailAttempt);
        return new Person(e, sex, first, nickname, last, em.local, em.domain, phone, place, postal, house,
                street, suffix, unitKind, unit, company, birthYear);
    }

    /** The person whose address {@code e} shares: itself, or an earlier head of household. */
    int headOf(int e) {
        int cur = e;
        while (cur > 0) {
            Rng h = Seeds.rng(seed, HOUSEHOLD, cur);
            if (!h.chance(CO_RESIDENT_RATE)) {
                return cur;
            }
            cur = cur - 1 - h.nextInt(Math.min(cur, 64));
        }
        return cur;
    }

    private record Email(String local, String domain) {
    }

    private Email email(int e, String first, String nickname, String last, int birthYear, String country,
                        int attempt) {
        Rng r = Seeds.rng(seed, EMAIL, e);
        String f = letters(nickname != null && r.chance(0.5) ? nickname : first);
        String l = letters(last);
        String yy = Digits.pad(birthYear % 100, 2);
        double p = r.nextDouble();
        String local;
        if (p < 0.28) {
            local = f + "." + l;
        } else if (p < 0.42) {
            local = f + l;
        } else if (p < 0.55) {
            local = f.charAt(0) + l;
        } else if (p < 0.60) {
            local = f + "_" + l;
        } else if (p < 0.70) {
            local = f + "." + l + yy;
        } else if (p < 0.76) {
            local = f + l.charAt(0) + r.nextInt(1, 999);
        } else if (p < 0.80) {
            local = l + f;
        } else if (p < 0.86) {
            local = f.charAt(0) + "." + l;
        } else if (p < 0.93) {
            local = f + birthYear;
        } else {
            local = l + "." + f;
        }
        if (attempt > 0) {
            Rng bump = Seeds.rng(seed, EMAIL + attempt, e);
            local = local + bump.nextInt(1, 9999);
        }
        String domain = ("CA".equals(country) ? ref.caDomains : ref.usDomains).sample(r);
        return new Email(local, domain);
    }

    private String company(Rng r, String last) {
        double p = r.nextDouble();
        if (p < 0.35) {
            return r.pick(ref.companyStems) + " " + r.pick(ref.companyIndustries) + " " + r.pick(ref.companySuffixes);
        } else if (p < 0.55) {
            return last + " & Sons " + r.pick(ref.companyIndustries);
        } else if (p < 0.75) {
            return ref.surnames.sample(r) + " " + r.pick(ref.companyIndustries);
        } else {
            return r.pick(ref.companyStems) + " " + r.pick(ref.companySuffixes);
        }
    }

    private static String phone(Place place, Rng r) {
        String area = r.pick(place.areaCodes());
        int exchange;
        do {
            exchange = r.nextInt(200, 999);
        } while (exchange % 100 == 11 || exchange == 555);
        return area + exchange + Digits.pad(r.nextInt(10_000), 4);
    }

    private static int houseNumber(Rng r) {
        double p = r.nextDouble();
        if (p < 0.04) {
            return r.nextInt(1, 9);
        } else if (p < 0.2) {
            return r.nextInt(10, 99);
        } else if (p < 0.55) {
            return r.nextInt(100, 999);
        } else if (p < 0.92) {
            return r.nextInt(1000, 9999);
        }
        return r.nextInt(10_000, 29_999);
    }

    private static char letter(Rng r) {
        // Canadian postal codes never use D, F, I, O, Q or U.
        String allowed = "ABCEGHJKLMNPRSTVWXYZ";
        return allowed.charAt(r.nextInt(allowed.length()));
    }

    static String letters(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                b.append((char) (c + 32));
            } else if (c >= 'a' && c <= 'z') {
                b.append(c);
            }
        }
        return b.length() == 0 ? "x" : b.toString();
    }
}
