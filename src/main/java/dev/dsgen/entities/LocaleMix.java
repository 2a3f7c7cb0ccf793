package dev.dsgen.entities;

import dev.dsgen.core.DsgenException;

/** Which countries people live in: {@code US}, {@code CA}, or the default blend {@code US+CA}. */
public enum LocaleMix {
    US(1.0), CA(0.0), US_CA(0.8);

    private final double usShare;

    LocaleMix(double usShare) {
        this.usShare = usShare;
    }

    public double usShare() {
        return usShare;
    }

    public String label() {
        return this == US_CA ? "US+CA" : name();
    }

    public static LocaleMix parse(String text) {
        return switch (text.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "US" -> US;
            case "CA" -> CA;
            case "US+CA", "CA+US", "US,CA" -> US_CA;
            default -> throw DsgenException.usage("unknown locale '" + text + "' (--locale; use US, CA or US+CA)");
        };
    }
}
