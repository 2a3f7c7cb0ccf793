package dev.dsgen.cli;

import dev.dsgen.core.ReferenceTime;
import dev.dsgen.entities.LocaleMix;
import dev.dsgen.entities.PiiMode;
import dev.dsgen.entities.Split;
import dev.dsgen.ranking.NegativeStrategy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * The typed values of dsgen's options, converted once for every command. A converter says what is
 * wrong with a value; picocli names the option it was given to (or {@link Dsgen} the config key).
 */
final class Converters {
    private static final Pattern SPLIT = Pattern.compile("\\s*(\\d{1,3})\\s*/\\s*(\\d{1,3})\\s*/\\s*(\\d{1,3})\\s*");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*([smhdw])");
    /** A window's end is the day after its last: year 10000 has no SQL timestamp literal. */
    private static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST_DATE = LocalDate.of(9998, 12, 31);
    /** {@link Duration#toNanos()} overflows a little past this. */
    private static final Duration LONGEST = Duration.ofDays(100_000);

    private Converters() {
    }

    static void register(CommandLine cmd) {
        cmd.registerConverter(LocalDate.class, Converters::date);
        cmd.registerConverter(Instant.class, Converters::referenceTime);
        cmd.registerConverter(TextDuration.class, Converters::duration);
        cmd.registerConverter(Split.class, Converters::split);
        cmd.registerConverter(LocaleMix.class, Converters::locale);
        cmd.registerConverter(PiiMode.class, choice(PiiMode.class));
        cmd.registerConverter(NegativeStrategy.class, choice(NegativeStrategy.class));
        cmd.registerConverter(CompletionCommand.Shell.class, choice(CompletionCommand.Shell.class));
    }

    /**
     * One of an enum's values, any case, as help lists them ({@code toString()}, which picocli also
     * shows as the completion candidates).
     */
    static <E extends Enum<E>> CommandLine.ITypeConverter<E> choice(Class<E> type) {
        return text -> {
            for (E e : type.getEnumConstants()) {
                if (e.toString().equalsIgnoreCase(text.strip()) || e.name().equalsIgnoreCase(text.strip())) {
                    return e;
                }
            }
            List<String> names = Stream.of(type.getEnumConstants()).map(Object::toString).toList();
            throw new TypeConversionException("must be " + String.join(", ", names.subList(0, names.size() - 1))
                    + " or " + names.get(names.size() - 1) + ", got '" + text + "'");
        };
    }

    /** A calendar date {@code YYYY-MM-DD} from 0001-01-01 to 9998-12-31. */
    static LocalDate date(String text) {
        LocalDate d;
        try {
            d = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("must be a date YYYY-MM-DD, got '" + text + "'");
        }
        if (d.isBefore(FIRST_DATE) || d.isAfter(LAST_DATE)) {
            throw new TypeConversionException("must be a date from " + FIRST_DATE + " to " + LAST_DATE + ", got '"
                    + text + "'");
        }
        return d;
    }

    /** An ISO date (midnight UTC) or instant, read as {@link ReferenceTime} reads it. */
    static Instant referenceTime(String text) {
        return ReferenceTime.resolve(text, null);
    }

    /** {@code 90s}, {@code 30m}, {@code 72h}, {@code 7d}, {@code 2w} or ISO-8601 ({@code PT12H}); the text is kept for reports. */
    static TextDuration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(t);
        Duration d;
        if (m.matches()) {
            // At most 6 digits, so the number itself cannot overflow; the bound below caps the duration.
            if (m.group(1).length() > 6) {
                throw new TypeConversionException("is too large: '" + text + "'");
            }
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        } else {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("must be a duration such as 72h, 7d, 30m or PT12H, got '" + text + "'");
            }
        }
        if (d.isNegative()) {
            throw new TypeConversionException("must not be negative, got '" + text + "'");
        }
        if (d.compareTo(LONGEST) > 0) {
            throw new TypeConversionException("is too large: '" + text + "'");
        }
        return new TextDuration(d, text.strip());
    }

    /** Train/valid/test percentages such as {@code 70/15/15}. */
    static Split split(String text) {
        Matcher m = SPLIT.matcher(text);
        if (!m.matches()) {
            throw new TypeConversionException("must look like 70/15/15, got '" + text + "'");
        }
        int train = Integer.parseInt(m.group(1));
        int valid = Integer.parseInt(m.group(2));
        int test = Integer.parseInt(m.group(3));
        if (train == 0 || train + valid + test != 100) {
            throw new TypeConversionException("must be three percentages summing to 100 with train > 0, got '" + text + "'");
        }
        return new Split(train, valid, test);
    }

    /** {@code US}, {@code CA} or {@code US+CA}, any case. */
    static LocaleMix locale(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "US" -> LocaleMix.US;
            case "CA" -> LocaleMix.CA;
            case "US+CA", "CA+US", "US,CA" -> LocaleMix.US_CA;
            default -> throw new TypeConversionException("must be US, CA or US+CA, got '" + text + "'");
        };
    }

    /** A duration and the text it was given as, which reports show back ({@code 72h}, not {@code PT72H}). */
    record TextDuration(Duration value, String text) {
        long micros() {
            return value.toNanos() / 1000;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
