package dev.dsgen.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A person as one source record writes them down, before rendering to strings: the parts plus the
 * way they are written (case, abbreviations, phone format...). Noise operations change the parts or
 * the way; {@link #noise} lists what was applied, for the ground truth.
 */
final class RecordDraft {
    /** Phone layouts: 555-123-4567, (555) 123-4567, 555.123.4567, 5551234567, +1 555 123 4567, 1-555-123-4567, 555 123 4567. */
    static final int PHONE_FORMATS = 7;

    static final int CASE_PROPER = 0;
    static final int CASE_UPPER = 1;
    static final int CASE_LOWER = 2;

    int entity;
    String first;
    String last;
    String emailLocal;
    String emailDomain;
    boolean emailCapitalised;
    String phone;
    int phoneFormat;
    int houseNumber;
    String street;
    ReferenceData.Suffix suffix;
    boolean suffixAbbreviated;
    boolean suffixPeriod;
    String unitKind;
    String unit;
    boolean unitHash;
    boolean commaBeforeUnit;
    boolean addressMissing;
    String city;
    String region;
    String country;
    String postal;
    String zip4;
    boolean postalCompact;
    String company;
    boolean companyPeriod;
    int nameCase;
    boolean addressUpper;
    /** Which field got stray whitespace: 0 none, 1 first name, 2 last name, 3 address, 4 company. */
    int whitespace;
    final List<String> noise = new ArrayList<>(3);

    String renderFirst() {
        String s = applyCase(first);
        return whitespace == 1 ? s + " " : s;
    }

    String renderLast() {
        String s = applyCase(last);
        return whitespace == 2 ? " " + s : s;
    }

    String renderEmail() {
        if (emailLocal == null) {
            return "";
        }
        String local = emailCapitalised && !emailLocal.isEmpty()
                ? Character.toUpperCase(emailLocal.charAt(0)) + emailLocal.substring(1) : emailLocal;
        return local + "@" + emailDomain;
    }

    String renderPhone() {
        if (phone == null) {
            return "";
        }
        String a = phone.substring(0, 3);
        String b = phone.substring(3, 6);
        String c = phone.substring(6);
        return switch (phoneFormat) {
            case 0 -> a + "-" + b + "-" + c;
            case 1 -> "(" + a + ") " + b + "-" + c;
            case 2 -> a + "." + b + "." + c;
            case 3 -> a + b + c;
            case 4 -> "+1 " + a + " " + b + " " + c;
            case 5 -> "1-" + a + "-" + b + "-" + c;
            default -> a + " " + b + " " + c;
        };
    }

    String renderAddress() {
        if (addressMissing) {
            return "";
        }
        StringBuilder b = new StringBuilder(40);
        b.append(houseNumber).append(' ').append(street).append(' ');
        if (suffixAbbreviated) {
            b.append(suffix.usps());
            if (suffixPeriod) {
                b.append('.');
            }
        } else {
            b.append(suffix.full());
        }
        if (unit != null) {
            b.append(commaBeforeUnit ? ", " : " ");
            if (unitHash) {
                b.append('#').append(unit);
            } else {
                b.append(unitKind).append(' ').append(unit);
            }
        }
        String s = b.toString();
        if (whitespace == 3) {
            int sp = s.indexOf(' ');
            s = s.substring(0, sp) + "  " + s.substring(sp + 1);
        }
        return addressUpper ? s.toUpperCase(Locale.ROOT) : s;
    }

    String renderCity() {
        return addressUpper ? city.toUpperCase(Locale.ROOT) : city;
    }

    String renderPostal() {
        if ("US".equals(country)) {
            return zip4 == null ? postal : postal + "-" + zip4;
        }
        return postalCompact ? postal.replace(" ", "") : postal;
    }

    String renderCompany() {
        if (company == null) {
            return "";
        }
        String s = companyPeriod ? addPeriod(company) : company;
        if (whitespace == 4) {
            s = s + "  ";
        }
        return applyCase(s);
    }

    private static String addPeriod(String company) {
        for (String suffix : new String[] {" Inc", " Ltd", " Corp", " Co"}) {
            if (company.endsWith(suffix)) {
                return company + ".";
            }
        }
        return company.replace(" & ", " and ");
    }

    private String applyCase(String s) {
        return switch (nameCase) {
            case CASE_UPPER -> s.toUpperCase(Locale.ROOT);
            case CASE_LOWER -> s.toLowerCase(Locale.ROOT);
            default -> s;
        };
    }
}
