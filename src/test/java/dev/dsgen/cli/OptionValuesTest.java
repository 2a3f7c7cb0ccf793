package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dsgen.entities.LocaleMix;
import dev.dsgen.entities.PiiMode;
import dev.dsgen.entities.Split;
import dev.dsgen.entities.SynthConfig;
import dev.dsgen.planner.BuildConfig;
import dev.dsgen.ranking.NegativeStrategy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Typed option values: the converters registered once in {@link Dsgen#createCommandLine()} read
 * what users write, and a bad value is exit 2 with one line naming the option.
 */
class OptionValuesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"72h, PT72H", "7d, PT168H", "30m, PT30M", "90s, PT1M30S", "2w, PT336H", "PT12H, PT12H", "pt12h, PT12H",
            "' 3D ', PT72H"})
    void durationsInEveryWrittenForm(String text, String iso) {
        Converters.TextDuration d = Converters.duration(text);
        assertEquals(Duration.parse(iso), d.value());
        assertEquals(text.strip(), d.toString(), "reports show the duration as it was written");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"US, US", "ca, CA", "us+ca, US_CA", "CA+US, US_CA", "'US,CA', US_CA"})
    void locales(String text, LocaleMix expected) {
        assertEquals(expected, Converters.locale(text));
    }

    @Test
    void splitsAndDates() {
        assertEquals(new Split(80, 10, 10), Converters.split(" 80 / 10 / 10 "));
        assertEquals(new Split(100, 0, 0), Converters.split("100/0/0"));
        assertEquals(LocalDate.of(2025, 1, 8), Converters.date("2025-01-08"));
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), Converters.referenceTime("2025-03-01"));
        assertThrows(CommandLine.TypeConversionException.class, () -> Converters.split("70/15/16"));
        assertThrows(CommandLine.TypeConversionException.class, () -> Converters.date("9999-01-01"));
    }

    @Test
    void commandsGetTypedValuesCaseInsensitively() {
        CommandLine cmd = Dsgen.createCommandLine();
        cmd.parseArgs("synth-entities", "--pii", "HASHED", "--locale", "ca", "--split", "80/10/10",
                "--reference-time", "2024-02-29");
        SynthEntitiesCommand synth = cmd.getSubcommands().get("synth-entities").getCommand();
        assertEquals(PiiMode.HASHED, synth.pii);
        assertEquals(LocaleMix.CA, synth.locale);
        assertEquals(new Split(80, 10, 10), synth.split);
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), synth.now.resolve());

        cmd = Dsgen.createCommandLine();
        cmd.parseArgs("ranking-queries", "--negative-strategy", "Bm25");
        RankingQueriesCommand ranking = cmd.getSubcommands().get("ranking-queries").getCommand();
        assertEquals(NegativeStrategy.BM25, ranking.negativeStrategy);

        cmd = Dsgen.createCommandLine();
        cmd.parseArgs("planner-dataset", "build", "--date", "2025-01-08", "--pantry-max-staleness", "72h",
                "--lookback-days", "3");
        PlannerBuildCommand build = cmd.getSubcommands().get("planner-dataset").getSubcommands().get("build").getCommand();
        BuildConfig cfg = build.toConfig();
        assertEquals(LocalDate.of(2025, 1, 5), cfg.start());
        assertEquals(72L * 3600 * 1_000_000, cfg.maxStalenessMicros());
        assertEquals("72h", cfg.stalenessText());
    }

    @Test
    void helpListsTheChoicesOfEveryEnumOption() {
        assertHelpSays(List.of("synth-entities"), "one of plain, hashed", "one of US, CA, US+CA");
        assertHelpSays(List.of("ranking-queries"), "one of random, sector, bm25, mix");
        assertHelpSays(List.of("completion"), "One of bash, zsh");
    }

    private static void assertHelpSays(List<String> command, String... parts) {
        CliRun run = CliRun.inProcess(Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new))
                .assertExit(0);
        String help = run.out().replaceAll("\\s+", " ");
        for (String p : parts) {
            org.junit.jupiter.api.Assertions.assertTrue(help.contains(p), () -> "help lacks '" + p + "'" + run.describe());
        }
    }

    static Stream<Arguments> badValues() {
        List<String> build = List.of("planner-dataset", "build", "--date", "2025-01-08");
        return Stream.of(
                Arguments.of(List.of("synth-entities", "--split", "70-15-15"), "--split"),
                Arguments.of(List.of("synth-entities", "--split", "60/30/20"), "--split"),
                Arguments.of(List.of("synth-entities", "--locale", "FR"), "--locale"),
                Arguments.of(List.of("synth-entities", "--pii", "scrambled"), "--pii"),
                Arguments.of(List.of("synth-entities", "--reference-time", "yesterday"), "--reference-time"),
                Arguments.of(List.of("ranking-queries", "--negative-strategy", "nearest"), "--negative-strategy"),
                Arguments.of(List.of("planner-dataset", "simulate", "--start", "2025-02-30"), "--start"),
                Arguments.of(List.of("planner-dataset", "build", "--date", "10000-01-01"), "--date"),
                Arguments.of(concat(build, "--end", "2025/01/08"), "--end"),
                Arguments.of(concat(build, "--pantry-max-staleness", "-3h"), "--pantry-max-staleness"),
                Arguments.of(concat(build, "--pantry-max-staleness", "9999999d"), "--pantry-max-staleness"),
                Arguments.of(List.of("completion", "fish"), "fish"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badValues")
    void aBadValueIsExitTwoNamingTheOption(List<String> args, String option) {
        CliRun.inProcess(args.toArray(String[]::new)).assertFails(2, option);
    }

    private static List<String> concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Stream.of(tail)).toList();
    }

    @Test
    void configRecordsTypedValuesInItsGroups() {
        CommandLine cmd = Dsgen.createCommandLine();
        cmd.parseArgs("synth-entities", "--dev", "--pii", "plain", "--threads", "3");
        SynthConfig cfg = ((SynthEntitiesCommand) cmd.getSubcommands().get("synth-entities").getCommand()).toConfig();
        assertEquals(new SynthConfig.Counts(1000, 1000, 1000, true), cfg.counts());
        assertEquals(SynthConfig.Pii.PLAIN, cfg.pii());
        assertEquals(3, cfg.run().threads());
    }
}
