package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each command offers only the shared options it honours, and {@code --dry-run} means the same
 * everywhere: nothing leaves the machine, outputs are written, and existing ones are replaced
 * only with an explicit {@code --overwrite}.
 */
class SharedOptionsTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> generators() {
        return Stream.of(Arguments.of(List.of("synth-entities")), Arguments.of(List.of("ranking-queries")),
                Arguments.of(List.of("planner-dataset", "simulate")), Arguments.of(List.of("planner-dataset", "build")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void everyHelpStatesTheOneMeaningOfDryRun(List<String> command) {
        String[] args = Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new);
        CliRun run = CliRun.inProcess(args).assertExit(0).assertStderrEmpty();
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains(SharedOptions.DRY_RUN), () -> "--dry-run described otherwise" + run.describe());
    }

    static Stream<Arguments> notOffered() {
        return Stream.of(
                Arguments.of(List.of("planner-dataset", "build", "--date", "2025-01-08", "--threads", "2"), "--threads"),
                Arguments.of(List.of("planner-dataset", "build", "--date", "2025-01-08", "--reference-time", "2025-01-01"),
                        "--reference-time"),
                Arguments.of(List.of("planner-dataset", "simulate", "--threads", "2"), "--threads"),
                Arguments.of(List.of("planner-dataset", "simulate", "--reference-time", "2025-01-01"), "--reference-time"),
                Arguments.of(List.of("ranking-queries", "--reference-time", "2025-01-01"), "--reference-time"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("notOffered")
    void anOptionACommandWouldIgnoreIsNotOffered(List<String> args, String option) {
        CliRun.inProcess(args.toArray(String[]::new)).assertFails(2, option);
    }

    @Test
    void simulateUnderDryRunRefusesADatabaseServerBeforeConnecting() {
        CliRun.inProcess("planner-dataset", "simulate", "--dry-run", "--db", "jdbc:postgresql://127.0.0.1:9/planner")
                .assertFails(2, "--dry-run", "--db", "jdbc:postgresql");
    }

    @Test
    void buildUnderDryRunRefusesADatabaseServerBeforeConnecting() {
        CliRun run = CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-08", "--dry-run",
                "--out", tmp.resolve("ds").toString(), "--db", "jdbc:postgresql://planner:s3cret@127.0.0.1:9/planner")
                .assertFails(2, "--dry-run", "--db");
        assertFalse(run.err().contains("s3cret"), run::describe);
    }

    @Test
    void buildUnderDryRunContactsNoTrackingServer() {
        String db = "jdbc:duckdb:" + tmp.resolve("events.duckdb");
        CliRun.inProcess("planner-dataset", "simulate", "-q", "--households", "60", "--days", "8", "--db", db).assertExit(0);
        // Nothing listens on port 9: contacting it would be exit 5.
        String[] args = {"planner-dataset", "build", "-q", "--date", "2025-01-08", "--db", db, "--min-rows", "10",
                "--out", tmp.resolve("ds").toString(), "--mlflow-uri", "http://127.0.0.1:9", "--dry-run"};
        CliRun.inProcess(args).assertExit(0).assertStderrEmpty();
        assertTrue(Files.isRegularFile(tmp.resolve("ds/date=2025-01-08/training.parquet")));
        // and, being a dry run, it replaces that dataset only when told to
        CliRun.inProcess(args).assertFails(6, "2025-01-08", "--out", "--overwrite");
    }

    @Test
    void aDryRunReplacesEarlierSynthOutputsOnlyWithAnExplicitOverwrite() throws IOException {
        SynthLayout out = new SynthLayout(tmp);
        CliRun.inProcess(out.args("--dev", "-q", "--seed", "1")).assertExit(0);
        byte[] paid = Files.readAllBytes(out.outdir.resolve("leads.csv"));
        CliRun.inProcess(out.args("--dev", "-q", "--seed", "2", "--dry-run"))
                .assertFails(6, "leads.csv", "--dry-run", "--overwrite");
        assertArrayEquals(paid, Files.readAllBytes(out.outdir.resolve("leads.csv")), "a dry run replaced an output");
        CliRun.inProcess(out.args("--dev", "-q", "--seed", "2", "--dry-run", "--overwrite")).assertExit(0);
        assertFalse(java.util.Arrays.equals(paid, Files.readAllBytes(out.outdir.resolve("leads.csv"))),
                "--overwrite lets a dry run replace outputs");
    }

    @Test
    void aDryRunWritesIntoFreshPathsWithoutOverwrite() {
        SynthLayout out = new SynthLayout(tmp);
        CliRun.inProcess(out.args("--dev", "-q", "--dry-run")).assertExit(0).assertStderrEmpty();
        assertTrue(Files.isRegularFile(out.pairs.resolve("train.parquet")));
    }

    @Test
    void aDryRunDoesNotReplaceAnEarlierRankingDataset() throws IOException {
        RankingLayout out = new RankingLayout(tmp);
        CliRun.inProcess(out.args("--dry-run", "-q", "--seed", "1")).assertExit(0);
        byte[] first = out.outputBytes();
        CliRun.inProcess(out.args("--dry-run", "-q", "--seed", "2")).assertFails(6, "ranking.json", "--overwrite");
        assertArrayEquals(first, out.outputBytes());
        CliRun.inProcess(out.args("--dry-run", "-q", "--seed", "2", "--overwrite")).assertExit(0);
    }

    @Test
    void aDryRunSimulateDoesNotReplaceExistingTables() {
        String db = "jdbc:duckdb:" + tmp.resolve("events.duckdb");
        CliRun.inProcess("planner-dataset", "simulate", "-q", "--households", "20", "--days", "2", "--db", db).assertExit(0);
        CliRun.inProcess("planner-dataset", "simulate", "-q", "--households", "20", "--days", "2", "--db", db, "--dry-run")
                .assertFails(6, "already exists", "--dry-run", "--overwrite");
        CliRun.inProcess("planner-dataset", "simulate", "-q", "--households", "20", "--days", "2", "--db", db, "--dry-run",
                "--overwrite").assertExit(0);
    }
}
