package dev.dsgen.entities;

import java.util.regex.Pattern;

/** The value formats the validation accepts in written record and truth files. */
final class FieldFormats {
    private static final Pattern US_ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
    private static final Pattern CA_POSTAL = Pattern.compile("[A-Za-z]\\d[A-Za-z] ?\\d[A-Za-z]\\d");

    private FieldFormats() {
    }

    /** One {@code @}, a non-empty local part, a dotted domain ending in 2+ letters, no spaces. */
    static boolean plausibleEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@')) {
            return false;
        }
        int dot = email.lastIndexOf('.');
        if (dot < at + 2 || email.length() - dot - 1 < 2) {
            return false;
        }
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (Character.isWhitespace(c)) {
                return false;
            }
            if (i > dot && !Character.isLetter(c)) {
                return false;
            }
        }
        return true;
    }

    /** 10 digits, or 11 starting with 1, ignoring punctuation and spaces. */
    static boolean plausiblePhone(String phone) {
        int digits = 0;
        char first = 0;
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 0) {
                    first = c;
                }
                digits++;
            }
        }
        return digits == 10 || (digits == 11 && first == '1');
    }

    /** US 12345[-6789], CA A1A 1A1; either when the country is not known. */
    static boolean plausiblePostal(String country, String postal) {
        return switch (country) {
            case "CA" -> CA_POSTAL.matcher(postal).matches();
            case "US" -> US_ZIP.matcher(postal).matches();
            // Country unknown (e.g. a null_rate on it): either format is plausible.
            default -> CA_POSTAL.matcher(postal).matches() || US_ZIP.matcher(postal).matches();
        };
    }

    static boolean isSha256Hex(String v) {
        if (v.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = v.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** {@code E} and 1-9 digits, as {@link SynthEntities#entityId} writes them. */
    static boolean isEntityId(String s) {
        if (s.length() < 2 || s.length() > 10 || s.charAt(0) != 'E') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
