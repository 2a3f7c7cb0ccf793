package dev.dsgen.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTimeTest {

    @Test
    void defaultIsFixedWhenNothingIsGiven() {
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), ReferenceTime.DEFAULT);
        assertEquals(ReferenceTime.DEFAULT, ReferenceTime.resolve(null, null));
        assertEquals(ReferenceTime.DEFAULT, ReferenceTime.resolve("", "  "));
    }

    @Test
    void flagBeatsSourceDateEpoch() {
        assertEquals(Instant.parse("2023-06-01T12:30:00Z"),
                ReferenceTime.resolve("2023-06-01T12:30:00Z", "1700000000"));
    }

    @Test
    void sourceDateEpochBeatsDefault() {
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), ReferenceTime.resolve(null, "1700000000"));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), ReferenceTime.resolve("  ", " 1700000000 "));
        assertEquals(Instant.EPOCH, ReferenceTime.resolve(null, "0"));
    }

    @Test
    void dateOnlyMeansMidnightUtc() {
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), ReferenceTime.resolve("2024-02-29", null));
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), ReferenceTime.resolve(" 2024-02-29 ", "5"));
    }

    @Test
    void instantFormKeepsTimeOfDay() {
        assertEquals(Instant.parse("2024-03-05T10:15:30Z"), ReferenceTime.resolve("2024-03-05T10:15:30Z", null));
        assertEquals(Instant.parse("2024-03-05T10:15:30.250Z"),
                ReferenceTime.resolve("2024-03-05T10:15:30.250Z", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-13-01", "2024-02-30", "2024/03/05", "20240305", "2024-03-05T25:00:00Z",
            "1700000000"})
    void badFlagIsAUsageErrorNamingTheFlag(String text) {
        DsgenException e = assertThrows(DsgenException.class, () -> ReferenceTime.resolve(text, "1700000000"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--reference-time"), e.getMessage());
        assertTrue(e.getMessage().contains(text), "message should quote the bad value: " + e.getMessage());
    }

    @Test
    void badSourceDateEpochIsAUsageErrorNamingTheVariable() {
        DsgenException e = assertThrows(DsgenException.class, () -> ReferenceTime.resolve(null, "2024-01-01"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("SOURCE_DATE_EPOCH"), e.getMessage());
    }

    @Test
    void badSourceDateEpochIsIgnoredWhenTheFlagIsGiven() {
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), ReferenceTime.resolve("2024-01-01", "not-a-number"));
    }
}
