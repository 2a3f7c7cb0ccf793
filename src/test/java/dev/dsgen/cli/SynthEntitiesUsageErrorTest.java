package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exit 2: bad flags and values. Each case: one {@code dsgen:} line naming the flag, nothing on
 * stdout, and no output file under its final name.
 */
class SynthEntitiesUsageErrorTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of(new String[] {"--bogus"}, "--bogus"),
                Arguments.of(new String[] {"--n-leads", "-5"}, "--n-leads"),
                Arguments.of(new String[] {"--n-leads", "abc"}, "--n-leads"),
                Arguments.of(new String[] {"--n-sales", "0"}, "--n-sales"),
                Arguments.of(new String[] {"--n-financial", "0"}, "--n-financial"),
                Arguments.of(new String[] {"--dup-rate", "1.5"}, "--dup-rate"),
                Arguments.of(new String[] {"--dup-rate", "NaN"}, "--dup-rate"),
                Arguments.of(new String[] {"--overlap", "-0.1"}, "--overlap"),
                Arguments.of(new String[] {"--neg-ratio", "7"}, "--neg-ratio"),
                Arguments.of(new String[] {"--neg-ratio", "2"}, "--neg-ratio"),
                Arguments.of(new String[] {"--locale", "FR"}, "--locale"),
                Arguments.of(new String[] {"--split", "50/50"}, "--split"),
                Arguments.of(new String[] {"--split", "60/30/20"}, "--split"),
                Arguments.of(new String[] {"--split", "0/50/50"}, "--split"),
                Arguments.of(new String[] {"--pii", "scrambled"}, "--pii"),
                Arguments.of(new String[] {"--threads", "0"}, "--threads"),
                Arguments.of(new String[] {"--threads", "100000"}, "--threads"),
                Arguments.of(new String[] {"--reference-time", "notadate"}, "--reference-time"),
                Arguments.of(new String[] {"--reference-time", "2025-13-45"}, "--reference-time"),
                Arguments.of(new String[] {"--seed", "forty-two"}, "--seed"),
                Arguments.of(new String[] {"stray-positional"}, "stray-positional"),
                Arguments.of(new String[] {"--n-leads", "10000000", "--n-sales", "10000000"}, "--n-leads"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badFlags")
    void badFlagIsAUsageErrorNamingTheFlag(String[] flags, String named) {
        SynthLayout out = new SynthLayout(tmp);
        String[] extra = Stream.concat(Stream.of("--dev", "--quiet"), Stream.of(flags)).toArray(String[]::new);
        CliRun run = CliRun.inProcess(out.args(extra)).assertFails(2, named);
        out.assertNoOutputs(run);
    }

    @Test
    void hashedPiiWithoutAnySaltIsAUsageError() {
        assumeTrue(System.getenv("DSGEN_PII_SALT") == null,
                "DSGEN_PII_SALT is set in this environment; DsgenJarIT covers the unset case");
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--dev", "--pii", "hashed")).assertFails(2, "--pii", "DSGEN_PII_SALT",
                "--pii-salt-file");
        out.assertNoOutputs(run);
    }

    @Test
    void outdirThatCannotBeCreatedIsAUsageErrorNamingOutdir() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-regular-file"), "not a directory\n");
        SynthLayout out = new SynthLayout(tmp);
        String[] args = {"synth-entities", "--schema", SynthLayout.bundledSchema().toString(),
                "--outdir", file.resolve("sub").toString(), "--pairs-out", out.pairs.toString(),
                "--summary", out.summary.toString(), "--dev"};
        CliRun run = CliRun.inProcess(args).assertFails(2, "--outdir", file.resolve("sub").toString());
        out.assertNoOutputs(run);
        assertEquals("not a directory\n", Files.readString(file), "the blocking file was touched");
    }

    @Test
    void pairsOutUnderARegularFileIsAUsageErrorNamingPairsOut() throws IOException {
        Path file = Files.writeString(tmp.resolve("blocker"), "x");
        SynthLayout out = new SynthLayout(tmp);
        String[] args = {"synth-entities", "--schema", SynthLayout.bundledSchema().toString(),
                "--outdir", out.outdir.toString(), "--pairs-out", file.resolve("pairs").toString(),
                "--summary", out.summary.toString(), "--dev"};
        CliRun run = CliRun.inProcess(args).assertFails(2, "--pairs-out");
        out.assertNoOutputs(run);
    }

    @Test
    void configWithAnUnknownKeyIsAUsageErrorNamingTheKey() throws IOException {
        Path config = Files.writeString(tmp.resolve("dsgen.json"), "{\"n-leads\": 1200, \"bogus-key\": 1}\n");
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--dev", "--config", config.toString()))
                .assertFails(2, "bogus-key", "--config");
        out.assertNoOutputs(run);
    }

    @Test
    void configValueOfTheWrongTypeIsAUsageErrorNamingTheFileAndKey() throws IOException {
        Path config = Files.writeString(tmp.resolve("dsgen.json"), "{\"n-leads\": \"many\"}\n");
        SynthLayout out = new SynthLayout(tmp);
        CliRun run = CliRun.inProcess(out.args("--dev", "--config", config.toString()))
                .assertFails(2, "dsgen.json: key \"n-leads\"", "'many'", "(--config)");
        out.assertNoOutputs(run);
    }

    @Test
    void summaryThatIsADirectoryIsAUsageErrorBeforeAnyOutput() throws IOException {
        SynthLayout out = new SynthLayout(tmp);
        Path dir = Files.createDirectories(tmp.resolve("summary-dir"));
        Files.writeString(dir.resolve("keep.txt"), "keep");
        String[] args = {"synth-entities", "--schema", SynthLayout.bundledSchema().toString(),
                "--outdir", out.outdir.toString(), "--pairs-out", out.pairs.toString(),
                "--summary", dir.toString(), "--dev", "--quiet"};
        CliRun run = CliRun.inProcess(args).assertFails(2, "--summary");
        out.assertNoOutputs(run);
    }

    @Test
    void summaryCollidingWithADataFileIsAUsageError() {
        SynthLayout out = new SynthLayout(tmp);
        String[] args = {"synth-entities", "--schema", SynthLayout.bundledSchema().toString(),
                "--outdir", out.outdir.toString(), "--pairs-out", out.pairs.toString(),
                "--summary", out.outdir.resolve("leads.csv").toString(), "--dev", "--quiet"};
        CliRun run = CliRun.inProcess(args).assertFails(2, "--summary");
        out.assertNoOutputs(run);
    }
}
