package dev.dsgen.entities;

import dev.dsgen.core.Digits;
import dev.dsgen.core.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies 1 to 3 distinct, applicable {@link NoiseOp}s to a draft, chosen by weight. No operation
 * changes who the record is: names stay present, at least one of email and phone survives, and the
 * street name itself is never rewritten (so "Saint James" never becomes "St James").
 */
final class NoiseModel {
    private static final String[] KEYBOARD = {
        "qwertyuiop", "asdfghjkl", "zxcvbnm"};
    private static final String[] PLUS_TAGS = {"cars", "deals", "promo", "dealer", "news", "auto", "2024", "shop"};

    private final ReferenceData ref;

    NoiseModel(ReferenceData ref) {
        this.ref = ref;
    }

    /** Applies {@code count} operations (fewer if fewer apply). */
    void apply(RecordDraft d, Rng r, int count) {
        List<NoiseOp> used = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            NoiseOp op = pick(d, r, used);
            if (op == null) {
                return;
            }
            used.add(op);
            applyOne(d, op, r);
            d.noise.add(op.label());
        }
    }

    /** How many operations a duplicate gets: 1 (50%), 2 (35%) or 3 (15%). */
    static int countFor(Rng r) {
        double p = r.nextDouble();
        return p < 0.5 ? 1 : p < 0.85 ? 2 : 3;
    }

    private NoiseOp pick(RecordDraft d, Rng r, List<NoiseOp> used) {
        int total = 0;
        NoiseOp[] ops = NoiseOp.values();
        int[] w = new int[ops.length];
        for (int i = 0; i < ops.length; i++) {
            if (!used.contains(ops[i]) && applicable(d, ops[i])) {
                w[i] = ops[i].weight();
                total += w[i];
            }
        }
        if (total == 0) {
            return null;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < ops.length; i++) {
            x -= w[i];
            if (x < 0) {
                return ops[i];
            }
        }
        return null;
    }

    boolean applicable(RecordDraft d, NoiseOp op) {
        return switch (op) {
            case CASE, TYPO, WHITESPACE -> true;
            case NICKNAME -> !ref.nicknames.nicknamesOf(d.first).isEmpty() || !ref.nicknames.formalsOf(d.first).isEmpty();
            case PUNCTUATION -> d.last.indexOf('\'') >= 0 || d.last.indexOf('-') >= 0
                    || (!d.addressMissing && (d.suffixAbbreviated || d.unit != null)) || d.company != null;
            case PHONE_FORMAT -> d.phone != null;
            // Way, Loop, Pike...: the USPS abbreviation is the word itself, so nothing would change.
            case STREET_ABBREV -> !d.addressMissing && !d.suffix.full().equalsIgnoreCase(d.suffix.usps());
            case UNIT_ABBREV -> !d.addressMissing && d.unit != null;
            case EMAIL_PLUS_TAG -> d.emailLocal != null && d.emailLocal.indexOf('+') < 0;
            case GMAIL_DOMAIN -> d.emailLocal != null
                    && (d.emailDomain.equals("gmail.com") || d.emailDomain.equals("googlemail.com"));
            case MISSING -> (d.phone != null && d.emailLocal != null) || d.company != null || !d.addressMissing;
            case POSTAL_FORMAT -> true;
        };
    }

    private void applyOne(RecordDraft d, NoiseOp op, Rng r) {
        switch (op) {
            case CASE -> {
                int next = (d.nameCase + 1 + r.nextInt(2)) % 3;
                d.nameCase = next;
                if (d.emailLocal != null && r.chance(0.3)) {
                    d.emailCapitalised = !d.emailCapitalised;
                }
            }
            case NICKNAME -> {
                List<String> nicks = ref.nicknames.nicknamesOf(d.first);
                List<String> formals = ref.nicknames.formalsOf(d.first);
                boolean toNick = !nicks.isEmpty() && (formals.isEmpty() || r.chance(0.5));
                d.first = ReferenceData.title(toNick ? r.pick(nicks) : r.pick(formals));
            }
            case WHITESPACE -> {
                List<Integer> targets = new ArrayList<>(List.of(1, 2));
                if (!d.addressMissing) {
                    targets.add(3);
                }
                if (d.company != null) {
                    targets.add(4);
                }
                d.whitespace = r.pick(targets);
            }
            case PUNCTUATION -> punctuation(d, r);
            case PHONE_FORMAT -> d.phoneFormat = (d.phoneFormat + 1 + r.nextInt(RecordDraft.PHONE_FORMATS - 1))
                    % RecordDraft.PHONE_FORMATS;
            case STREET_ABBREV -> {
                d.suffixAbbreviated = !d.suffixAbbreviated;
                d.suffixPeriod = d.suffixAbbreviated && r.chance(0.2);
            }
            case UNIT_ABBREV -> d.unitHash = !d.unitHash;
            case EMAIL_PLUS_TAG -> d.emailLocal = d.emailLocal + "+" + r.pick(PLUS_TAGS);
            case GMAIL_DOMAIN -> d.emailDomain = d.emailDomain.equals("gmail.com") ? "googlemail.com" : "gmail.com";
            case TYPO -> typo(d, r);
            case MISSING -> missing(d, r);
            case POSTAL_FORMAT -> {
                if ("US".equals(d.country)) {
                    d.zip4 = d.zip4 == null ? Digits.pad(r.nextInt(10_000), 4) : null;
                } else {
                    d.postalCompact = !d.postalCompact;
                }
            }
        }
    }

    private static void punctuation(RecordDraft d, Rng r) {
        List<Runnable> options = new ArrayList<>();
        if (d.last.indexOf('\'') >= 0) {
            options.add(() -> d.last = d.last.replace("'", ""));
        }
        if (d.last.indexOf('-') >= 0) {
            options.add(() -> d.last = d.last.replace('-', ' '));
        }
        if (!d.addressMissing && d.suffixAbbreviated) {
            options.add(() -> d.suffixPeriod = !d.suffixPeriod);
        }
        if (!d.addressMissing && d.unit != null) {
            options.add(() -> d.commaBeforeUnit = !d.commaBeforeUnit);
        }
        if (d.company != null) {
            options.add(() -> d.companyPeriod = !d.companyPeriod);
        }
        r.pick(options).run();
    }

    private static void missing(RecordDraft d, Rng r) {
        List<Runnable> options = new ArrayList<>();
        if (d.phone != null && d.emailLocal != null) {
            options.add(() -> d.phone = null);
            options.add(() -> d.emailLocal = null);
        }
        if (d.company != null) {
            options.add(() -> d.company = null);
        }
        if (!d.addressMissing) {
            options.add(() -> d.addressMissing = true);
        }
        r.pick(options).run();
    }

    private static void typo(RecordDraft d, Rng r) {
        int edits = r.chance(0.8) ? 1 : 2;
        double p = r.nextDouble();
        if (p < 0.4 || (p >= 0.75 && d.emailLocal == null)) {
            d.first = damerau(d.first, edits, r);
        } else if (p < 0.75) {
            d.last = damerau(d.last, edits, r);
        } else {
            d.emailLocal = damerau(d.emailLocal, edits, r);
        }
    }

    /**
     * Applies {@code edits} Damerau operations (transpose, delete, insert, substitute) to letters.
     * The result always differs from the input: a swap of equal letters or two edits that cancel
     * are redrawn, and a last resort substitutes one character.
     */
    static String damerau(String s, int edits, Rng r) {
        for (int attempt = 0; attempt < 8; attempt++) {
            String t = edit(s, edits, r);
            if (!t.equals(s)) {
                return t;
            }
        }
        if (s.length() < 2) {
            return s + neighbour(s.isEmpty() ? 'e' : s.charAt(0), r);
        }
        char[] c = s.toCharArray();
        int i = c.length - 1;
        char n = neighbour(c[i], r);
        c[i] = n == c[i] ? (c[i] == 'a' ? 'b' : 'a') : n;
        return new String(c);
    }

    private static String edit(String s, int edits, Rng r) {
        StringBuilder b = new StringBuilder(s);
        for (int e = 0; e < edits; e++) {
            if (b.length() < 3) {
                b.append(neighbour(b.length() == 0 ? 'e' : b.charAt(b.length() - 1), r));
                continue;
            }
            // Keep the first character: real typos rarely hit it, and names stay recognisable.
            int i = 1 + r.nextInt(b.length() - 1);
            switch (r.nextInt(4)) {
                case 0 -> {
                    if (i < b.length() - 1) {
                        char c = b.charAt(i);
                        b.setCharAt(i, b.charAt(i + 1));
                        b.setCharAt(i + 1, c);
                    } else {
                        b.deleteCharAt(i);
                    }
                }
                case 1 -> b.deleteCharAt(i);
                case 2 -> b.insert(i, neighbour(b.charAt(i), r));
                default -> b.setCharAt(i, neighbour(b.charAt(i), r));
            }
        }
        return b.toString();
    }

    private static char neighbour(char c, Rng r) {
        char lower = Character.toLowerCase(c);
        for (String row : KEYBOARD) {
            int k = row.indexOf(lower);
            if (k >= 0) {
                int j = k == 0 ? 1 : k == row.length() - 1 ? k - 1 : (r.chance(0.5) ? k - 1 : k + 1);
                char n = row.charAt(j);
                return Character.isUpperCase(c) ? Character.toUpperCase(n) : n;
            }
        }
        return (char) ('a' + r.nextInt(26));
    }
}
