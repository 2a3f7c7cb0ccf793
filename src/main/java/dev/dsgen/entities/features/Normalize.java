package dev.dsgen.entities.features;

import java.util.Locale;

/** Normalisations shared by blocking keys and pair features. */
public final class Normalize {
    private Normalize() {
    }

    /** Lower case, trimmed, inner whitespace collapsed, apostrophes and periods dropped. */
    public static String name(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (c == '\'' || c == '.') {
                continue;
            }
            if (Character.isWhitespace(c) || c == '-') {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Email local part, lower case, without a {@code +tag}; empty when there is no email. */
    public static String emailLocal(String email) {
        if (email == null) {
            return "";
        }
        int at = email.indexOf('@');
        if (at < 0) {
            return "";
        }
        String local = email.substring(0, at).toLowerCase(Locale.ROOT).trim();
        int plus = local.indexOf('+');
        return plus < 0 ? local : local.substring(0, plus);
    }

    /** Email domain, lower case; empty when there is no email. */
    public static String emailDomain(String email) {
        if (email == null) {
            return "";
        }
        int at = email.indexOf('@');
        return at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT).trim();
    }

    /** The last 10 digits of a phone number; empty when it has fewer. */
    public static String phoneDigits(String phone) {
        if (phone == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(12);
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.length() < 10 ? "" : b.substring(b.length() - 10);
    }

    /** US ZIP (first 5 digits) or Canadian postal code (6 characters, upper case, no space). */
    public static String postal(String postal) {
        if (postal == null) {
            return "";
        }
        String p = postal.replace(" ", "").toUpperCase(Locale.ROOT).trim();
        if (p.length() >= 5 && Character.isDigit(p.charAt(0))) {
            return p.substring(0, 5);
        }
        return p;
    }

    /** The leading house number of a street address; empty when it has none. */
    public static String houseNumber(String address) {
        if (address == null) {
            return "";
        }
        String a = address.trim();
        int i = 0;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
            i++;
        }
        return a.substring(0, i);
    }
}
