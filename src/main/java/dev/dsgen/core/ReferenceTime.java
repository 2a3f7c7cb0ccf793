package dev.dsgen.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * "Now" for generated data: {@code --reference-time}, else {@code SOURCE_DATE_EPOCH}, else a fixed
 * default. Never the wall clock, so data files are reproducible.
 */
public final class ReferenceTime {
    public static final Instant DEFAULT = Instant.parse("2025-01-01T00:00:00Z");

    private ReferenceTime() {
    }

    /**
     * @param flag the flag value (ISO instant or date), or null
     * @param sourceDateEpoch the SOURCE_DATE_EPOCH environment value, or null
     */
    public static Instant resolve(String flag, String sourceDateEpoch) {
        if (flag != null && !flag.isBlank()) {
            return parse(flag.trim(), "--reference-time");
        }
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.trim()));
            } catch (NumberFormatException e) {
                throw DsgenException.usage("SOURCE_DATE_EPOCH is not a number of seconds: '"
                        + sourceDateEpoch + "' (environment)");
            }
        }
        return DEFAULT;
    }

    static Instant parse(String text, String where) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw DsgenException.usage("not an ISO date or instant: '" + text + "' (" + where
                    + "; use 2025-01-01 or 2025-01-01T00:00:00Z)");
        }
    }
}
