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
    /**
     * The range a reference time must fall in. Data timestamps are written with four-digit years
     * and reach back from the reference time by at most {@link #MAX_LOOKBACK_DAYS}, so both ends keep
     * every written year between 1 and 9999.
     */
    public static final Instant MIN = Instant.parse("1000-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");
    /** The longest a generator may reach back from the reference time (a schema's days_back). */
    public static final int MAX_LOOKBACK_DAYS = 365_000;

    private ReferenceTime() {
    }

    /**
     * @param flag the flag value (ISO instant or date), or null
     * @param sourceDateEpoch the SOURCE_DATE_EPOCH environment value, or null
     */
    public static Instant resolve(String flag, String sourceDateEpoch) {
        if (flag != null && !flag.isBlank()) {
            return inRange(parse(flag.trim(), "--reference-time"), "'" + flag.trim() + "'", "--reference-time");
        }
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            long seconds;
            try {
                seconds = Long.parseLong(sourceDateEpoch.trim());
            } catch (NumberFormatException e) {
                throw DsgenException.usage("SOURCE_DATE_EPOCH is not a number of seconds: '"
                        + sourceDateEpoch + "' (environment)");
            }
            if (seconds < MIN.getEpochSecond() || seconds > MAX.getEpochSecond()) {
                throw outOfRange(sourceDateEpoch.trim() + " seconds", "SOURCE_DATE_EPOCH in the environment");
            }
            return Instant.ofEpochSecond(seconds);
        }
        return DEFAULT;
    }

    private static Instant inRange(Instant t, String given, String where) {
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw outOfRange(given, where);
        }
        return t;
    }

    private static DsgenException outOfRange(String given, String where) {
        return DsgenException.usage("the reference time must lie between " + MIN + " and " + MAX + ", got " + given
                + " (" + where + ")");
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
