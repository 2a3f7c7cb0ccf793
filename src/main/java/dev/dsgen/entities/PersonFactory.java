package dev.dsgen.entities;

import dev.dsgen.core.Digits;
import dev.dsgen.core.Rng;
import dev.dsgen.core.Seeds;
import dev.dsgen.entities.ReferenceData.Place;
import java.util.List;

/**
 * Draws person {@code e} as a pure function of (seed, e): the same person on any thread, in any
 * order. A few percent of people share an address with an earlier person (the head of their
 * household): family members (often the same last name, sometimes the same landline) and neighbours
 * (same building, another unit). They are the real-world source of "same address, different
 * person" confusers.
 *
 * <p>Names, country, address, phone and employer come from separate streams, so the email of a
 * person can be drawn without drawing the whole person (see {@link EmailRegistry}).
 */
public final class PersonFactory {
    private static final long NAMES = Seeds.stream("entities.person.names");
    private static final long HOME = Seeds.stream("entities.person.home");
    private static final long COUNTRY = Seeds.stream("entities.person.country");
    private static final long PHONE = Seeds.stream("entities.person.phone");
    private static final long COMPANY = Seeds.stream("entities.person.company");
    private static final long HOUSEHOLD = Seeds.stream("entities.household");
    private static final long HOUSEHOLD_KIND = Seeds.stream("entities.household.kind");
    private static final long EMAIL = Seeds.stream("entities.email");
    private static final long NAMESAKE = Seeds.stream("entities.person.namesake");
    private static final long EMAIL_TWIN = Seeds.stream("entities.email.twin");
    static final double CO_RESIDENT_RATE = 0.06;
    /**
     * Share of people who bear the full name of an earlier, unrelated person, and the share of
     * those who also picked the same email local part at another provider (john.smith@gmail.com
     * and john.smith@yahoo.com). Both are everyday facts in a large population; at the sizes
     * people generate they would be too rare to train a matcher on, so they are planted.
     */
    static final double NAMESAKE_RATE = 0.04;
    static final double EMAIL_TWIN_RATE = 0.5;
    private static final int CONFUSER_WINDOW = 2000;

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

    private record Names(char sex, String first, String nickname, String last, int birthYear) {
    }

    /** How a co-resident relates to the head of the household. */
    private record Household(boolean family, boolean sameLastName, boolean sharedPhone, Rng rng) {
    }

    public Person person(int e) {
        int attempt = e < emailAttempts.length ? emailAttempts[e] : 0;
        return person(e, attempt);
    }

    Person person(int e, int emailAttempt) {
        Names n = names(e);
        int head = headOf(e);
        Rng home = Seeds.rng(seed, HOME, head);
        boolean us = isUs(head);
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
            unit = unitNumber(home, 40);
        }
        String headPhone = phone(place, Seeds.rng(seed, PHONE, head));
        String last = n.last();
        String phone = headPhone;
        if (head != e) {
            Household h = household(e);
            if (h.sameLastName()) {
                last = names(head).last();
            }
            if (!h.sharedPhone()) {
                phone = phone(place, Seeds.rng(seed, PHONE, e));
            }
            if (!h.family()) {
                unitKind = unitKind == null ? "Apt" : unitKind;
                unit = unitNumber(h.rng(), 60);
            }
        }
        Rng c = Seeds.rng(seed, COMPANY, e);
        String company = c.chance(0.55) ? company(c, last) : null;
        String[] email = email(e, n.first(), n.nickname(), last, n.birthYear(), us, emailAttempt);
        return new Person(e, n.sex(), n.first(), n.nickname(), last, email[0], email[1], phone, place, postal, house,
                street, suffix, unitKind, unit, company, n.birthYear());
    }

    /** The email address alone, without drawing the rest of the person. */
    String email(int e, int attempt) {
        String[] parts = emailParts(e, attempt);
        return parts[0] + "@" + parts[1];
    }

    private String[] emailParts(int e, int attempt) {
        Names n = names(e);
        int head = headOf(e);
        String last = n.last();
        if (head != e && household(e).sameLastName()) {
            last = names(head).last();
        }
        return email(e, n.first(), n.nickname(), last, n.birthYear(), isUs(head), attempt);
    }

    private Names names(int e) {
        Rng r = Seeds.rng(seed, NAMES, e);
        char sex = r.chance(0.5) ? 'F' : 'M';
        String first = (sex == 'F' ? ref.femaleNames : ref.maleNames).sample(r);
        String nickname = null;
        List<String> nicks = ref.nicknames.nicknamesOf(first);
        if (!nicks.isEmpty() && r.chance(0.3)) {
            nickname = ReferenceData.title(r.pick(nicks));
        }
        String last = ref.surnames.sample(r);
        int birthYear = referenceYear - r.nextInt(18, 80);
        int namesake = confuserOf(e, NAMESAKE, NAMESAKE_RATE);
        if (namesake >= 0) {
            // Anchors are strictly earlier, so this recursion ends.
            Names other = names(namesake);
            return new Names(other.sex(), other.first(), other.nickname(), other.last(), birthYear);
        }
        return new Names(sex, first, nickname, last, birthYear);
    }

    /** An earlier entity that {@code e} is a planted confuser of, or -1. */
    private int confuserOf(int e, long stream, double rate) {
        if (e == 0) {
            return -1;
        }
        Rng r = Seeds.rng(seed, stream, e);
        return r.chance(rate) ? e - 1 - r.nextInt(Math.min(e, CONFUSER_WINDOW)) : -1;
    }

    private Household household(int e) {
        Rng kind = Seeds.rng(seed, HOUSEHOLD_KIND, e);
        boolean family = kind.chance(0.6);
        return new Household(family, family && kind.chance(0.7), family && kind.chance(0.3), kind);
    }

    private boolean isUs(int head) {
        double share = locale.usShare();
        return share >= 1.0 || (share > 0 && Seeds.rng(seed, COUNTRY, head).chance(share));
    }

    /**
     * The earliest person tied to {@code e} by a household or namesake link. Splits are assigned
     * by this group, so the confusers planted among people land in one split and hard negatives
     * are spread over train, valid and test alike.
     */
    int groupOf(int e) {
        int g = e;
        while (true) {
            int next = headOf(g);
            int namesake = confuserOf(g, NAMESAKE, NAMESAKE_RATE);
            if (namesake >= 0 && namesake < next) {
                next = namesake;
            }
            if (next == g) {
                return g;
            }
            g = next;
        }
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

    /** Local part and domain. Local parts follow how people really pick addresses. */
    private String[] email(int e, String first, String nickname, String last, int birthYear, boolean us, int attempt) {
        Rng r = Seeds.rng(seed, EMAIL, e);
        String f = letters(nickname != null && r.chance(0.5) ? nickname : first);
        String l = letters(last);
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
            local = f + "." + l + Digits.pad(birthYear % 100, 2);
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
        String domain = (us ? ref.usDomains : ref.caDomains).sample(r);
        int twin = confuserOf(e, NAMESAKE, NAMESAKE_RATE);
        if (twin >= 0 && Seeds.rng(seed, EMAIL_TWIN, e).chance(EMAIL_TWIN_RATE)) {
            // Someone else's local part at another provider.
            String[] other = emailParts(twin, 0);
            local = other[0];
            for (int i = 0; i < 8 && domain.equals(other[1]); i++) {
                domain = (us ? ref.usDomains : ref.caDomains).sample(r);
            }
        }
        if (attempt > 0) {
            local = local + Seeds.rng(seed, EMAIL + attempt, e).nextInt(1, 9999);
        }
        return new String[] {local, domain};
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

    private static String unitNumber(Rng r, int max) {
        String n = Integer.toString(r.nextInt(1, max));
        return r.chance(0.25) ? n + "ABCD".charAt(r.nextInt(4)) : n;
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

    /** Names come from tables of a few thousand: their email forms are worth keeping. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> LETTERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static String letters(String s) {
        String cached = LETTERS.get(s);
        if (cached != null) {
            return cached;
        }
        String computed = computeLetters(s);
        if (LETTERS.size() < 100_000) {
            LETTERS.put(s, computed);
        }
        return computed;
    }

    private static String computeLetters(String s) {
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
